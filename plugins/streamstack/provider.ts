// Types only: the SDK's root module loads its automation API (~0.4 s of every plugin start).
import type * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { WARM_UP_FUNCTION } from "../../components/model/resource-tokens";
import { ResourceHandler } from "./resource-handler";
import { unwrapSecrets, wrapSecrets } from "./secrets";

/** `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>` -> `<type>`. */
export function resourceType(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? "";
}

/** A component the provider constructs for programs in other languages (StreamingPlatform). */
export interface ComponentEntry {
    token: string;
    schema: object;
    construct(name: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<provider.ConstructResult>;
}

export interface PackageSchemaArgs {
    version: string;
    handlers: ResourceHandler[];
    components?: ComponentEntry[];
    types: Record<string, unknown>;
}

export function packageSchema(args: PackageSchemaArgs): string {
    return JSON.stringify({
        name: "streamstack",
        displayName: "streamstack",
        version: args.version,
        description: "The streamstack platform: the StreamingPlatform component, and its custom resources (Kafka topics, Spark streaming jobs, readiness gates and guards).",
        resources: Object.fromEntries([...args.handlers.map((h) => [h.token, h.schema]), ...(args.components ?? []).map((c) => [c.token, c.schema])]),
        functions: {
            [WARM_UP_FUNCTION]: {
                description: "Does nothing: invoked at program start so that the engine starts this provider early.",
                inputs: { properties: {} },
                outputs: { properties: {} },
            },
        },
        types: args.types,
        // The Python SDK (scripts/package-python.sh) takes the package's version, so the
        // resources it registers ask the engine for this plugin's version, not the newest installed.
        language: { python: { respectSchemaVersion: true, pyproject: { enabled: true } } },
    });
}

/**
 * The streamstack resource provider: dispatches every call to the handler of the resource's
 * type, keeps secrets out of the handlers' way and puts them back on the way out.
 */
export function streamstackProvider(args: PackageSchemaArgs): provider.Provider {
    const byToken = new Map(args.handlers.map((h) => [h.token, h]));
    const handlerFor = (urn: string): ResourceHandler => {
        const handler = byToken.get(resourceType(urn));
        if (!handler) throw new Error(`the streamstack provider has no resource type ${resourceType(urn)} (it serves ${[...byToken.keys()].join(", ")})`);
        return handler;
    };
    const schemaText = packageSchema(args);
    return {
        version: args.version,
        schema: schemaText,
        async check(urn, olds, news) {
            const { plain, secretKeys } = unwrapSecrets(news);
            const handler = handlerFor(urn);
            const result = await handler.check(olds && unwrapSecrets(olds).plain, plain);
            // A value the handler fills in at check (a generated password) is as secret as its output.
            return { ...result, inputs: result.inputs && wrapSecrets(result.inputs, [...secretKeys, ...(handler.secretOutputs ?? [])]) };
        },
        async diff(id, urn, olds, news) {
            return handlerFor(urn).diff(id, unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
        },
        async create(urn, inputs) {
            const { plain, secretKeys } = unwrapSecrets(inputs);
            const handler = handlerFor(urn);
            const result = await handler.create(plain);
            return { ...result, outs: result.outs && wrapSecrets(result.outs, [...secretKeys, ...(handler.secretOutputs ?? [])]) };
        },
        async read(id, urn, props) {
            const { plain, secretKeys } = unwrapSecrets(props ?? {});
            const handler = handlerFor(urn);
            const result = await handler.read(id, plain);
            return {
                ...result,
                props: result.props && wrapSecrets(result.props, [...secretKeys, ...(handler.secretOutputs ?? [])]),
                inputs: result.inputs && wrapSecrets(result.inputs, secretKeys),
            };
        },
        async update(id, urn, olds, news) {
            const { plain, secretKeys } = unwrapSecrets(news);
            const handler = handlerFor(urn);
            const result = await handler.update(id, unwrapSecrets(olds).plain, plain);
            return { outs: result.outs && wrapSecrets(result.outs, [...secretKeys, ...(handler.secretOutputs ?? [])]) };
        },
        async delete(id, urn, props) {
            await handlerFor(urn).delete(id, unwrapSecrets(props).plain);
        },
        async construct(name, type, inputs, options) {
            const component = args.components?.find((c) => c.token === type);
            if (!component) throw new Error(`the streamstack provider constructs no ${type} (it constructs ${(args.components ?? []).map((c) => c.token).join(", ") || "nothing"})`);
            return component.construct(name, inputs, options);
        },
        async invoke(token) {
            if (token !== WARM_UP_FUNCTION) throw new Error(`the streamstack provider has no function ${token} (it serves ${WARM_UP_FUNCTION})`);
            return { outputs: {} };
        },
    };
}

import { randomBytes } from "node:crypto";
import * as provider from "@pulumi/pulumi/provider";
import { GENERATED_SECRET_TYPE } from "../../../components/model/resource-tokens";
import { madeOutputsSchema, PropertySchema, ResourceHandler } from "../resource-handler";

/**
 * `streamstack:security:GeneratedSecret`: random bytes made once, at create, and kept in the
 * stack's state as a Pulumi secret (encrypted there, `[secret]` in every preview and output).
 * The platform's shared secrets (Spark's spark.authenticate.secret) come from one, so they are
 * the same on every `up` and never written in a config file or a stack's settings.
 */

const inputs: Record<string, PropertySchema> = {
    purpose: { type: "string", description: "What the secret is for (shown in previews; a change does not make a new secret)." },
    bytes: { type: "integer", description: "Random bytes in the secret (at least 16); a change makes a new secret." },
};

const schema = madeOutputsSchema("A random secret made once and kept, encrypted, in the stack's state.", inputs, {
    value: { type: "string", secret: true, description: "The secret, base64url (no padding): safe in properties files and environment variables." },
});

const MIN_BYTES = 16;

export function generatedSecretHandler(): ResourceHandler {
    return {
        token: GENERATED_SECRET_TYPE,
        schema,
        secretOutputs: ["value"],
        async check(_olds, news): Promise<provider.CheckResult> {
            const bytes = news.bytes;
            const failures = typeof bytes === "number" && Number.isInteger(bytes) && bytes >= MIN_BYTES ? []
                : [{ property: "bytes", reason: `must be a whole number of at least ${MIN_BYTES}, not ${JSON.stringify(bytes)}` }];
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const replaces = olds.bytes === news.bytes ? [] : ["bytes"];
            return { changes: replaces.length > 0 || olds.purpose !== news.purpose, replaces, deleteBeforeReplace: false };
        },
        async create(raw): Promise<provider.CreateResult> {
            const value = randomBytes(raw.bytes as number).toString("base64url");
            return { id: `secret-${randomBytes(6).toString("hex")}`, outs: { ...raw, value } };
        },
        async read(id, props): Promise<provider.ReadResult> {
            if (typeof props.value !== "string") throw new Error(`${id}: a generated secret cannot be imported; declare it and run pulumi up`);
            return { id, props };
        },
        async update(_id, olds, news): Promise<provider.UpdateResult> {
            return { outs: { ...news, value: olds.value } };
        },
        async delete(): Promise<void> {
            // Nothing outside the state holds it.
        },
    };
}

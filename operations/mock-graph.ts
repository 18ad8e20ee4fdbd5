import * as pulumi from "@pulumi/pulumi";
import { PlatformSettings } from "../components/config";
import { presetImageIds } from "../live/docker-engine";
import { CERTIFICATE_AUTHORITY_TYPE, CERTIFICATE_TYPE, GENERATED_SECRET_TYPE, KAFKA_USER_TYPE } from "../components/model/resource-tokens";

/** One resource the program registered, as the engine would have seen it. */
export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    parent?: string;
}

/**
 * What the streamstack provider makes at create (generated secrets, TLS material), as fixed
 * values a mock engine returns for them.
 */
export function providerMadeOutputs(type: string, name: string): Record<string, string> {
    if (type === GENERATED_SECRET_TYPE) return { value: "mock-secret" };
    if (type === KAFKA_USER_TYPE) return { password: `mock-password-${name}` };
    if (type === CERTIFICATE_AUTHORITY_TYPE || type === CERTIFICATE_TYPE) return { certificatePem: `mock-certificate-${name}`, privateKeyPem: `mock-key-${name}` };
    return {};
}

/**
 * Builds the platform against Pulumi's mock engine and returns every registered resource
 * (custom and component), without Docker, a cluster or the Pulumi CLI.
 */
export async function mockGraph(settings: PlatformSettings, stack = "test"): Promise<RegisteredResource[]> {
    const registered: RegisteredResource[] = [];
    await pulumi.runtime.setMocks({
        newResource(args: pulumi.runtime.MockResourceArgs) {
            registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
            return { id: `${args.name}-id`, state: { ...args.inputs, ...providerMadeOutputs(args.type, args.name) } };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            return args.inputs;
        },
    }, "streamstack", stack, false);
    // The Docker target runs each image by the ID the engine gives its tag; the mock engine's.
    presetImageIds(Object.fromEntries(Object.values(settings.images).map((image) => [image, `sha256:mock-${image}`])));
    // Imported after the mocks are in place, so every resource goes to the mock engine.
    const { PlatformComponent } = await import("../components/platform");
    const { targetFor } = await import("../program/select-target");
    const { platformPrefix } = await import("../components/model/labels");
    const platform = new PlatformComponent("streamstack", {
        settings,
        target: targetFor(settings, { stack, prefix: platformPrefix("streamstack", stack) }),
        keepUnscopedNames: true,
    });
    await new Promise<void>((resolve) => pulumi.all([platform.urn, platform.kafka.bootstrapServers, platform.spark.masterUrl]).apply(() => resolve()));
    // Registration continues asynchronously; wait until the count stops growing.
    for (let last = -1; last !== registered.length;) {
        last = registered.length;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return registered;
}

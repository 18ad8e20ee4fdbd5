import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";

/**
 * `construct` of StreamingPlatform for programs in other languages: the engine hands the
 * provider the component's name, inputs and options, and the provider declares the component
 * as a TypeScript program would, registering every child with the engine itself.
 *
 * The settings decide which resources exist, so they must be known values: an input that
 * comes from another resource's output is refused, naming it.
 */
export async function constructPlatform(name: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<provider.ConstructResult> {
    // The SDK's root module, the public API and what it brings (the docker and kubernetes
    // SDKs) load on the first construct only: most runs of this plugin serve custom resources
    // and never need them (the root module alone is ~0.4 s of a start).
    /* eslint-disable @typescript-eslint/no-require-imports -- on demand, see above */
    const sdk = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { StreamingPlatform } = require("../../../api") as typeof import("../../../api");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const containsOutput = (value: unknown): boolean => sdk.Output.isInstance(value)
        || (Array.isArray(value) ? value.some(containsOutput) : value !== null && typeof value === "object" && Object.values(value).some(containsOutput));
    const fromOutputs = Object.entries(inputs).filter(([, value]) => containsOutput(value)).map(([key]) => key);
    if (fromOutputs.length > 0) {
        throw new sdk.RunError(`StreamingPlatform "${name}": ${fromOutputs.map((key) => `args.${key}`).join(", ")} come from other resources' outputs or secrets; ` +
            "the settings decide which resources exist, so give them as plain values");
    }
    const platform = new StreamingPlatform(name, inputs as never, options);
    return {
        urn: platform.urn,
        state: {
            zookeeperConnect: platform.zookeeper.connectString,
            kafkaBootstrapServers: platform.kafka.bootstrapServers,
            kafkaInternalBootstrapServers: platform.kafka.internalBootstrapServers,
            kafkaCaCertificate: platform.kafka.caCertificate,
            kafkaAdminUsername: platform.kafka.adminUsername,
            kafkaAdminPassword: platform.kafka.adminPassword,
            sparkMasterUrl: platform.spark.masterUrl,
            sparkMasterUiUrls: platform.spark.masterUiUrls,
        },
    };
}

import { PlatformEndpoints } from "../operations/status-report";
import { E2eStack } from "./e2e-stack";
import { docker } from "./platform-probe";

/**
 * Where Kafka's own tools run beside a Docker platform: the platform's Kafka image (it carries
 * the perf tools and VerifiableProducer, as the official layout does), on the platform's network,
 * through the INTERNAL listener.
 */
export interface KafkaTools {
    image: string;
    network: string;
    bootstrap: string;
}

/** The tools' place for a throwaway platform, read from its first broker and its outputs. */
export async function kafkaToolsOf(e2e: E2eStack, endpoints: PlatformEndpoints): Promise<KafkaTools> {
    return {
        image: (await docker(["inspect", "--format", "{{.Config.Image}}", `${e2e.prefix}-kafka-0`])).trim(),
        network: e2e.prefix,
        bootstrap: (endpoints as PlatformEndpoints & { kafkaInternalBootstrapServers: string }).kafkaInternalBootstrapServers,
    };
}

/** `docker run` arguments that start `entrypoint` from the image in a throwaway container on the network (`options`: more `docker run` options). */
export function kafkaToolRun(tools: KafkaTools, entrypoint: string, options: string[] = []): string[] {
    return ["run", "--rm", ...options, "--network", tools.network, "--entrypoint", entrypoint, tools.image];
}

import * as path from "node:path";
import { PlatformEndpoints } from "../operations/status-report";
import { E2eStack, PROJECT_DIR } from "./e2e-stack";
import { LOCAL_CLUSTER_IMAGES } from "./bench-target";
import { docker } from "./platform-probe";

/**
 * Where Kafka's own tools run beside a platform: the platform's Kafka image (it carries the perf
 * tools and VerifiableProducer, as the official layout does) in a throwaway container on a Docker
 * platform's network, or a throwaway pod of a client namespace on the local cluster; either way
 * through the INTERNAL listener, as an application beside the platform connects.
 */
export interface KafkaTools {
    bootstrap: string;
    /** The host command (argv) that runs `entrypoint args` as `name`, its output on stdout, until it ends or `removal(name)` runs. */
    run(name: string, entrypoint: string, args: string[]): string[];
    /** The host command that removes `name` at once. */
    removal(name: string): string[];
}

const internalBootstrap = (endpoints: PlatformEndpoints) => (endpoints as PlatformEndpoints & { kafkaInternalBootstrapServers: string }).kafkaInternalBootstrapServers;

/** The tools' place for a throwaway Docker platform, read from its first broker and its outputs. */
export async function kafkaToolsOf(e2e: E2eStack, endpoints: PlatformEndpoints): Promise<KafkaTools> {
    const image = (await docker(["inspect", "--format", "{{.Config.Image}}", `${e2e.prefix}-kafka-0`])).trim();
    return {
        bootstrap: internalBootstrap(endpoints),
        run: (name, entrypoint, args) => ["docker", "run", "--rm", "--name", name, "--network", e2e.prefix, "--entrypoint", entrypoint, image, ...args],
        removal: (name) => ["docker", "rm", "--force", name],
    };
}

/**
 * The tools' place on the local cluster: pods in `clientNamespace` (one of the platform's
 * `kubernetes.clientNamespaces`, which its NetworkPolicy lets reach the internal listener).
 */
export function kafkaToolsInCluster(clientNamespace: string, endpoints: PlatformEndpoints): KafkaTools {
    const kubectl = ["bash", path.join(PROJECT_DIR, "scripts", "k8s-local.sh"), "kubectl", "-n", clientNamespace];
    return {
        bootstrap: internalBootstrap(endpoints),
        run: (name, entrypoint, args) => [...kubectl, "run", name, "--image", LOCAL_CLUSTER_IMAGES.kafka, "--image-pull-policy=Never", "--restart=Never",
            "--attach", "--rm", "--quiet", "--command", "--", entrypoint, ...args],
        removal: (name) => [...kubectl, "delete", "pod", name, "--grace-period=0", "--force", "--wait=false"],
    };
}

import * as path from "node:path";
import { K8S_DIR, k8sLocal, NODE_IP } from "./k8s-local";

/** Where a benchmark's platform runs: Docker on this machine, or the local single-node cluster. */
export type BenchTarget = "docker" | "kubernetes";

/** The images the platform runs on the local cluster (imported from Docker by `k8s-local.sh load-images`). */
export const LOCAL_CLUSTER_IMAGES = { zookeeper: "streamstack/zookeeper:local", kafka: "streamstack/kafka:local", spark: "streamstack/spark:local" };

/** `--target docker|kubernetes` of a benchmark's arguments (`fallback` without it), or a clear error naming the flag. */
export function targetFromArgs(args: string[], fallback: BenchTarget = "docker"): BenchTarget {
    const at = args.indexOf("--target");
    if (at < 0) return fallback;
    const value = args[at + 1];
    if (value !== "docker" && value !== "kubernetes") throw new Error(`--target takes docker or kubernetes, got '${value ?? ""}'`);
    return value;
}

/** Published ports of a bench platform: 127.0.0.1 ports on Docker, NodePorts (30000-32767) on the local cluster. */
export interface BenchPorts { kafkaExternal: number; sparkMasterUi: number; sparkWorkerUi: number; zookeeperClient?: number }

/**
 * The stack config of a default-shape bench platform on `target`; on Kubernetes in its own
 * namespace of the local cluster, reached on the node's address, each pod asking for a tenth of
 * its CPU limit (the cluster's one node has two cores), pods of `clientNamespaces` let in to the
 * internal listener.
 */
export function benchPlatformConfig(target: BenchTarget, ports: BenchPorts, namespace = "streamstack-bench", clientNamespaces: string[] = []): Record<string, unknown> {
    if (target === "docker") return { target, ports };
    return {
        target, images: LOCAL_CLUSTER_IMAGES, ports: { kafkaExternal: ports.kafkaExternal, sparkMasterUi: ports.sparkMasterUi, sparkWorkerUi: ports.sparkWorkerUi },
        // The benches' Kafka tools run in pods of a client namespace without a login of their
        // own (harness/kafka-tools.ts): INTERNAL stays open for them, as on Docker.
        kafka: { internalAuthentication: "none" },
        kubernetes: {
            kubeconfig: path.join(K8S_DIR, "kubeconfig", "admin.conf"), context: "streamstack-local", namespace,
            externalHost: NODE_IP, cpuRequestPercent: 10, clientNamespaces,
        },
    };
}

/**
 * Runs `measure` with the local cluster started and the images imported when any of `targets`
 * is Kubernetes. A cluster this started is stopped again afterwards: one left running holds the
 * node address and ports another checkout's cluster needs.
 */
export async function onTargets<T>(targets: BenchTarget[], measure: () => Promise<T>): Promise<T> {
    if (!targets.includes("kubernetes")) return measure();
    const wasRunning = await k8sLocal("status").then(() => true, () => false);
    await k8sLocal("start");
    try {
        await k8sLocal("load-images", ...Object.values(LOCAL_CLUSTER_IMAGES));
        return await measure();
    } finally {
        if (!wasRunning) await k8sLocal("stop");
    }
}

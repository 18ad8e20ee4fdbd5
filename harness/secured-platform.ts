import { QUICK_START_JVMS } from "./e2e-stack";

/** A topic as `streamstack:topics` declares it. */
export interface DeclaredTopic {
    name: string;
    partitions: number;
    replicationFactor: number;
    config?: Record<string, string>;
}

/**
 * The users of the secured Docker e2e platforms: `writer`, allowed `topic` (and the groups
 * produceAndConsume reads back in, streamstack-e2e-<…>), and `outsider`, allowed only elsewhere.
 */
export function writerAndOutsider(topic: string) {
    return [
        { name: "writer", acls: { [`topic:${topic}`]: ["read", "write", "describe"], "group:streamstack-e2e-*": ["read"] } },
        { name: "outsider", acls: { "topic:elsewhere": ["describe"] } },
    ];
}

/**
 * The smallest platform a secured Docker e2e runs Kafka on (`kafka` names kafka.secureOnDocker
 * and the mode): one ZooKeeper server, one Spark master and worker, quick-start JVMs, the
 * topics given (the first one the users' `writer`'s).
 */
export function smallSecuredPlatform(ports: Record<string, number>, kafka: Record<string, unknown>, topics: DeclaredTopic[]) {
    return {
        target: "docker",
        ports,
        zookeeper: { replicas: 1, heapMb: 128 },
        kafka,
        spark: { masters: 1, workers: 1, workerCores: 1, workerMemory: "1g", coresMax: 1, defaultCores: 1, executorMemory: "512m", daemonHeapMb: 256 },
        topics,
        users: writerAndOutsider(topics[0]!.name),
        ...QUICK_START_JVMS,
    };
}

import { memberResourceName, readResourceName } from "../components/model/resource-names";
import { COMPONENT_KINDS } from "../components/model/workload";
import { PlatformSettings } from "../components/config";
import { PlatformChange } from "./platform-changes";
import { resourceName } from "./preview-json";
import { workloadRollouts } from "./workload-rollout";

/** One group's restarts: who, in which order, and what stays available meanwhile. */
export interface GroupRestart {
    group: string;
    /** Members restarted (replaced), in the order the platform restarts them. */
    order: string[];
    /** Members of the group after the change. */
    size: number;
    /** What holds at every step, or what does not. */
    kept: string;
    /** false when the rolling restart loses quorum, writes or the master. */
    safe: boolean;
}

// KRaft controllers roll before the brokers (the brokers depend on them).
const GROUP_ORDER = ["zookeeper", "kafka-controller", "kafka", "spark-master", "spark-worker"];

/**
 * The order the platform really uses, read from the preview: a member's container depends on
 * the readiness gate of the member restarted before it (`<member>-ready`).
 */
export function restartOrder(changes: PlatformChange[], group: string): string[] {
    const members = changes.filter((c) => c.kind === "container" && c.group === group && c.op !== "delete");
    // Members by their model name (kafka-2), as they are known inside the platform, whatever the
    // platform's name in front of their resource's (streamstack-kafka-2).
    const member = (change: PlatformChange): string => {
        const parts = readResourceName(change.name, COMPONENT_KINDS);
        return parts?.role === "member" ? memberResourceName(parts.group, parts.ordinal!) : change.name;
    };
    const restarted = members.filter((c) => c.op === "replace").map(member);
    // previous member -> the member that waits for it
    const next = new Map<string, string>();
    for (const change of members) {
        const gate = (change.step.newState?.dependencies ?? []).map(resourceName).map((name) => readResourceName(name, COMPONENT_KINDS))
            .find((parts) => parts?.role === "member-gate" && parts.group === group);
        if (gate) next.set(memberResourceName(group, gate.ordinal!), member(change));
    }
    const waits = new Set(next.values());
    const order: string[] = [];
    for (const head of [...restarted].sort().filter((name) => !waits.has(name) || ![...next.keys()].some((prev) => next.get(prev) === name && restarted.includes(prev)))) {
        for (let member: string | undefined = head; member && !order.includes(member); member = next.get(member)) {
            if (restarted.includes(member)) order.push(member);
        }
    }
    // Members no chain reaches (a target without gates) follow by name.
    return [...order, ...restarted.filter((name) => !order.includes(name)).sort()];
}

function groupSize(settings: PlatformSettings, group: string): number {
    switch (group) {
        case "zookeeper": return settings.zookeeper.replicas;
        case "kafka": return settings.kafka.brokers;
        case "kafka-controller": return settings.kafka.controllers;
        case "spark-master": return settings.spark.masters;
        default: return settings.spark.workers;
    }
}

function keptFor(group: string, size: number, settings: PlatformSettings): { kept: string; safe: boolean } {
    // Docker's readiness gates restart each group's leader last; a StatefulSet rolls by ordinal.
    const onKubernetes = settings.target === "kubernetes";
    // A dead ALIVE master's ZooKeeper session expires after the cap, checked once a tick.
    const failover = `a failover of about ${Math.round((settings.zookeeper.maxSessionTimeoutMs + settings.zookeeper.tickTimeMs) / 1000)} s`;
    switch (group) {
        case "zookeeper":
            return size >= 3
                ? { kept: `quorum: ${size - 1} of ${size} servers serving at every step; ${onKubernetes ? "each next pod waits until the previous one is Ready (serving) again; the leader is not necessarily last, so expect up to one leader election per restarted server" : "the leader restarts last, and each next server waits until every member of the stack is healthy again"}. Spark's ALIVE master gives up leadership when its server restarts (${failover})`, safe: true }
                : { kept: "no quorum while the only server restarts: Kafka's controller and Spark's recovery stop", safe: false };
        case "kafka": {
            const isr = (topic: PlatformSettings["topics"][number]) => Number(topic.config["min.insync.replicas"] ?? settings.kafka.minInsyncReplicas);
            const blocked = settings.topics.filter((t) => isr(t) > t.replicationFactor - 1);
            if (size < 2) return { kept: "no broker while the only one restarts", safe: false };
            return blocked.length === 0
                ? { kept: `acks=all writes continue: with one broker down every topic keeps min.insync.replicas of its replicas in sync (${settings.topics.map((t) => `${t.name} ${isr(t)}/${t.replicationFactor}`).join(", ") || "no topics"}); ${onKubernetes ? "each next pod waits until the previous broker is back in the ISR of every partition it holds (its readiness check)" : "the controller restarts last"}`, safe: true }
                : { kept: `acks=all writes to ${blocked.map((t) => t.name).join(", ")} stop while a broker holding their replicas restarts (min.insync.replicas not below the replication factor)`, safe: false };
        }
        case "kafka-controller":
            return size >= 3
                ? { kept: `the KRaft quorum keeps a majority: ${size - 1} of ${size} controllers voting at every step; the active controller restarts last, so leadership moves once`, safe: true }
                : { kept: "no quorum while the only controller restarts: no topic, ACL or leadership changes until it is back", safe: false };
        case "spark-master":
            return size >= 2
                ? { kept: onKubernetes
                    ? `a standby takes over when the ALIVE master restarts: ${failover} each time one does (the ALIVE master is not necessarily last, so up to one per master); running applications keep running`
                    : `a standby takes over when the ALIVE master restarts (last): one ${failover}; running applications keep running`, safe: true }
                : { kept: "no master while the only one restarts: running applications keep running, nothing new is scheduled", safe: false };
        default:
            return size >= 2
                ? { kept: `${size - 1} of ${size} workers serve at every step; supervised drivers and executors on the restarted worker are relaunched on the others`, safe: true }
                : { kept: "no executors while the only worker restarts", safe: false };
    }
}

/** Per group with restarts, in the order groups restart (ZooKeeper before Kafka and Spark); sizes and topics from the settings after the change. */
export function restarts(settings: PlatformSettings | undefined, changes: PlatformChange[]): GroupRestart[] {
    const rollouts = workloadRollouts(changes);
    return GROUP_ORDER.flatMap((group): GroupRestart[] => {
        const rollout = rollouts.find((r) => r.group === group);
        const containers = restartOrder(changes, group);
        const order = containers.length > 0 ? containers : rollout?.restarted ?? [];
        if (order.length === 0) return [];
        if (rollout?.replaced) {
            return [{ group, order, size: order.length, kept: "nothing: the StatefulSet is replaced, so all its pods stop together and its claims are deleted with it", safe: false }];
        }
        if (!settings) return [{ group, order, size: order.length, kept: "unknown: the new config does not resolve", safe: false }];
        const size = groupSize(settings, group);
        return [{ group, order, size, ...keptFor(group, size, settings) }];
    });
}

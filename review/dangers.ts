import { PlatformSettings } from "../components/config";
import { externalListenerAuthentication, externalListenerSecurity } from "../components/kafka/listener-security";
import { CERTIFICATE_AUTHORITY_TYPE } from "../components/model/resource-tokens";
import { caTrust } from "../components/kafka/ca-rotation";
import { PlatformChange } from "./platform-changes";
import { PreviewStep } from "./preview-json";
import { workloadRollouts } from "./workload-rollout";

/** Something a reviewer must not miss: what happens, and what to do instead. */
export interface Danger {
    title: string;
    instead: string;
}


interface TopicInputs {
    name?: string;
    replicationFactor?: number;
    config?: Record<string, string>;
}

function topicInputs(state: PreviewStep["oldState"]): TopicInputs {
    return (state?.inputs ?? {}) as TopicInputs;
}

function minInsync(topic: TopicInputs): number | undefined {
    const value = topic.config?.["min.insync.replicas"];
    return value === undefined ? undefined : Number(value);
}

function dataLoss(changes: PlatformChange[]): Danger[] {
    return changes.flatMap((change): Danger[] => {
        if (change.op !== "delete" && change.op !== "replace") return [];
        if (change.kind === "volume") {
            return [{
                title: `Data volume \`${change.name}\` is ${change.op === "delete" ? "deleted" : "replaced (emptied)"}: its data is lost`,
                instead: "keep the members that use it (undo the scale-down), or copy the volume first; `pulumi destroy` is the deliberate way to remove a stack's data",
            }];
        }
        if (change.kind === "workload" && change.op === "replace") {
            return [{
                title: `StatefulSet \`${change.name}\` is replaced: every pod of it stops at once, and its claims (data) are deleted with it`,
                instead: `keep what Kubernetes cannot change in place (volumeClaimTemplates, selector, serviceName); to grow \`${change.name}\`'s volumes, resize its claims and recreate the StatefulSet with --cascade=orphan (docs/kubernetes.md: Growing data volumes)`,
            }];
        }
        if (change.kind === "topic") {
            const topic = topicInputs(change.step.oldState).name ?? change.name;
            return [{
                title: `Topic \`${topic}\` is ${change.op === "delete" ? "deleted" : "deleted and created again"}: its messages are lost`,
                instead: "keep it in `streamstack:topics`; to stop managing it but keep it in Kafka, first set `retainOnDelete: true` on it and `pulumi up`",
            }];
        }
        return [];
    });
}

function topicDurability(changes: PlatformChange[]): Danger[] {
    return changes.filter((c) => c.kind === "topic" && c.op === "update").flatMap((change): Danger[] => {
        const before = topicInputs(change.step.oldState);
        const after = topicInputs(change.step.newState);
        const topic = after.name ?? change.name;
        const dangers: Danger[] = [];
        if ((after.replicationFactor ?? 0) < (before.replicationFactor ?? 0)) {
            dangers.push({
                title: `Topic \`${topic}\`: replication factor lowered ${before.replicationFactor} → ${after.replicationFactor}: fewer copies of every partition`,
                instead: "keep the replication factor; to free a broker, reassign partitions instead of dropping replicas",
            });
        }
        const isrBefore = minInsync(before);
        const isrAfter = minInsync(after);
        if (isrBefore !== undefined && isrAfter !== undefined && isrAfter < isrBefore) {
            dangers.push({
                title: `Topic \`${topic}\`: min.insync.replicas lowered ${isrBefore} → ${isrAfter}: acks=all writes are acknowledged by fewer replicas`,
                instead: "keep min.insync.replicas at replicationFactor − 1 (at least 2 with RF 3)",
            });
        }
        if (isrAfter !== undefined && after.replicationFactor !== undefined && isrAfter >= after.replicationFactor) {
            dangers.push({
                title: `Topic \`${topic}\`: min.insync.replicas ${isrAfter} with replication factor ${after.replicationFactor}: one broker down stops acks=all writes (and every rolling restart does)`,
                instead: `set min.insync.replicas to ${Math.max(1, after.replicationFactor - 1)} or raise the replication factor`,
            });
        }
        return dangers;
    });
}

function quorum(before: PlatformSettings | undefined, after: PlatformSettings | undefined): Danger[] {
    if (!before || !after) return [];
    const was = before.zookeeper.replicas;
    const now = after.zookeeper.replicas;
    const tolerated = (n: number) => Math.floor((n - 1) / 2);
    const dangers: Danger[] = [];
    if (now < was) {
        dangers.push({
            title: `ZooKeeper ensemble shrinks ${was} → ${now}: it survives ${tolerated(now)} failure${tolerated(now) === 1 ? "" : "s"} instead of ${tolerated(was)}`,
            instead: "keep 3 or 5 servers",
        });
    }
    if (now % 2 === 0) dangers.push({ title: `ZooKeeper ensemble of ${now} (even): no more failures tolerated than with ${now - 1}`, instead: "use an odd number of servers" });
    if (now < 3) {
        dangers.push({ title: `ZooKeeper ensemble of ${now}: while its server restarts (this change's rolls included) Kafka's controller and Spark's recovery stop`, instead: "run 3 servers" });
    }
    return dangers;
}

function brokersRemoved(changes: PlatformChange[]): Danger[] {
    const containers = changes.filter((c) => c.kind === "container" && c.group === "kafka" && c.op === "delete").map((c) => c.name);
    // A StatefulSet scale-down keeps the pods' claims (whenScaled: Retain); the brokers still go.
    const pods = workloadRollouts(changes).filter((r) => r.group === "kafka" && !r.replaced).flatMap((r) => r.removed);
    const removed = [...containers, ...pods];
    if (removed.length === 0) return [];
    const what = containers.length > 0 ? `with ${removed.length === 1 ? "its" : "their"} log directory` : `${removed.length === 1 ? "its" : "their"} claim kept for a later scale-up`;
    return [{
        title: `Broker${removed.length === 1 ? "" : "s"} ${removed.join(", ")} removed, ${what}`,
        instead: containers.length > 0
            ? "preview refuses this while they hold partition replicas; check that their reassignment finished (kafka-reassign-partitions.sh --verify) before merging"
            : "reassign their partitions to the brokers that stay first (kafka-reassign-partitions.sh --execute, then --verify until done) and only then merge",
    }];
}

function exposedPorts(changes: PlatformChange[]): Danger[] {
    const exposed = changes.filter((c) => c.kind === "container" && c.op !== "delete").flatMap((change) => {
        const ports = (change.step.newState?.inputs?.ports ?? []) as { external?: number; ip?: string }[];
        return ports.filter((p) => p.ip !== undefined && p.ip !== "127.0.0.1" && p.ip !== "::1").map((p) => `${p.ip}:${p.external} (${change.name})`);
    });
    return exposed.length === 0 ? [] : [{
        title: `Ports published beyond loopback, reachable from other machines without authentication: ${exposed.join(", ")}`,
        instead: "keep `ports.bindAddress` at 127.0.0.1 and reach the platform through an SSH tunnel or a VPN",
    }];
}

/**
 * Kafka's external listener switching protocol, its CA replaced, or another CA signing: every
 * client outside the platform must change with the merge (or before it), and fails until it does.
 */
function kafkaClientsBreak(changes: PlatformChange[], before: PlatformSettings | undefined, after: PlatformSettings | undefined): Danger[] {
    const dangers: Danger[] = [];
    const was = before && externalListenerSecurity(before);
    const now = after && externalListenerSecurity(after);
    if (was && now && was !== now) {
        dangers.push(now === "tls"
            ? { title: "Kafka's external listener switches to TLS: clients outside the platform that connect in plaintext stop working as the brokers roll",
                instead: "hand those clients the stack output `kafkaCaCertificate` and `security.protocol=SSL` as this merges (docs/security.md › Kafka's TLS listener)" }
            : { title: "Kafka's external listener switches to plaintext: its traffic is no longer encrypted, and TLS clients stop working as the brokers roll",
                instead: "keep `kafka.security` at \"tls\" unless every client reaches the brokers over a network you trust" });
    }
    const wasOpen = before && externalListenerAuthentication(before) === "none";
    const nowOpen = after && externalListenerAuthentication(after) === "none";
    if (wasOpen !== undefined && nowOpen !== undefined && wasOpen !== nowOpen) {
        dangers.push(wasOpen
            ? { title: "Kafka's external listener starts requiring a login: clients outside the platform that do not log in stop working as the brokers roll",
                instead: "hand those clients the stack outputs `kafkaAdminUsername` / `kafkaAdminPassword` and `sasl.mechanism=SCRAM-SHA-512` as this merges (docs/security.md › Kafka logins)" }
            : { title: "Kafka's external listener stops requiring a login: anyone who reaches it reads, writes and deletes every topic",
                instead: "keep `kafka.authentication` at \"scram-sha-512\" unless only trusted processes reach the brokers" });
    }
    // A CA deleted is one retired (kafka.certificateAuthorities), which the rotation guard allows
    // only once it signs nothing; replaced, it is a new CA under an old name.
    const authorities = changes.filter((c) => c.step.newState?.type === CERTIFICATE_AUTHORITY_TYPE || c.step.oldState?.type === CERTIFICATE_AUTHORITY_TYPE);
    if (authorities.some((c) => c.op === "replace")) {
        dangers.push({
            title: "Kafka's CA is replaced: every broker gets a certificate clients trusting the old CA reject",
            instead: "hand clients the new `kafkaCaCertificate` as this merges; a CA changes only when its name or validity does",
        });
    }
    const signer = after && caTrust(after.kafka).signer;
    if (was === "tls" && now === "tls" && before && signer !== caTrust(before.kafka).signer) {
        dangers.push({
            title: `Kafka's brokers roll onto certificates signed by CA "${signer}": clients that do not trust it yet reject them`,
            instead: `before this merges, hand every client outside the platform the \`kafkaCaCertificate\` bundle that holds "${signer}" (docs/security.md › Rotating the CA)`,
        });
    }
    return dangers;
}

/** A Kubernetes stack newly accepting Kafka's NodePorts in plaintext or without logins (the preview's refusal turned off). */
function insecureKafkaAccepted(before: PlatformSettings | undefined, after: PlatformSettings | undefined): Danger[] {
    if (after?.target !== "kubernetes" || !after.kubernetes.allowInsecureKafka || before?.kubernetes.allowInsecureKafka) return [];
    const weak = [...(externalListenerSecurity(after) === "plaintext" ? ["plaintext"] : []), ...(externalListenerAuthentication(after) === "none" ? ["open to anyone"] : [])];
    if (weak.length === 0) return [];
    return [{
        title: `Kafka's NodePorts are accepted ${weak.join(" and ")} (kubernetes.allowInsecureKafka): every node's address reaches them, beyond the cluster`,
        instead: 'keep kafka.security "tls" and kafka.authentication "scram-sha-512" on Kubernetes, and give clients the CA and a login',
    }];
}

/** Brokers leaving their mutually authenticated listener (kafka.replication) for INTERNAL, which every in-platform client reaches. */
function replicationWeakened(before: PlatformSettings | undefined, after: PlatformSettings | undefined): Danger[] {
    if (before?.kafka.replication !== "tls" || !after || after.kafka.replication === "tls") return [];
    return [{
        title: `Kafka's brokers stop replicating over mutual TLS (kafka.replication "${after.kafka.replication}"): their traffic goes over INTERNAL, in plaintext, where any client inside the platform reaches them`,
        instead: 'keep kafka.replication "tls"; "migrating-1", "migrating-2" and "internal" are the steps of a platform made before the replication listener (docs/security.md › Replication between brokers)',
    }];
}

/** The migration from ZooKeeper finalized: the one step of it that cannot be taken back. */
function migrationFinalized(before: PlatformSettings | undefined, after: PlatformSettings | undefined): Danger[] {
    if (before?.kafka.metadata === "kraft-migrated" || after?.kafka.metadata !== "kraft-migrated") return [];
    return [{
        title: "The migration from ZooKeeper to KRaft is finalized (kafka.metadata \"kraft-migrated\"): the controllers stop writing to ZooKeeper, and the cluster can never go back to ZooKeeper mode",
        instead: "merge once the platform has run well on \"kraft-brokers\" (the topics, users, jobs and clients you depend on); until this merges, \"migration\" and the steps before it are the way back (docs/kraft.md › Migrating from ZooKeeper)",
    }];
}

/** Everything that could lose data or availability, most severe first. */
export function dangers(changes: PlatformChange[], before: PlatformSettings | undefined, after: PlatformSettings | undefined): Danger[] {
    return [...dataLoss(changes), ...topicDurability(changes), ...quorum(before, after), ...brokersRemoved(changes), ...kafkaClientsBreak(changes, before, after), ...insecureKafkaAccepted(before, after), ...replicationWeakened(before, after), ...migrationFinalized(before, after), ...exposedPorts(changes)];
}

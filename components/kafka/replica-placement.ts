import { PlatformSettings } from "../config";
import { ConfigProblem, configProblem } from "../config/problem";
import { KafkaAuth } from "../model/state-access";

/**
 * The scale-down check both targets' preflights run at preview, given a reader of where
 * partition replicas live (the program passes live/kafka.ts's): lowering kafka.brokers removes
 * the highest broker ids, which is refused while they still hold replicas (Kafka never moves
 * them by itself).
 */

/** Reads which "topic-partition" replicas each broker holds (live/kafka.ts: replicasByBroker). */
export type ReplicaReader = (bootstrap: string[], connection: { caCertificate?: string; login?: KafkaAuth }) => Promise<Map<number, string[]>>;

/** "events: 6, __consumer_offsets: 50": the platform's own topics first, Kafka's internal ones after. */
export function replicasPerTopic(replicas: string[]): string {
    const counts = new Map<string, number>();
    for (const replica of replicas) {
        const topic = replica.slice(0, replica.lastIndexOf("-"));
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    return [...counts.entries()]
        .sort(([a], [b]) => Number(a.startsWith("__")) - Number(b.startsWith("__")) || a.localeCompare(b))
        .map(([topic, count]) => `${topic}: ${count}`).join(", ");
}

export interface ScaleDown {
    /** Broker ids the new kafka.brokers removes (empty: no scale-down). */
    removed: number[];
    /** Where this machine reaches the running brokers. */
    bootstrap: string[];
    /** The CA the running brokers' external listener is verified against, when it speaks TLS (their STATE_CA_ANNOTATION). */
    caCertificate?: string;
    /** The login the running brokers' external listener requires, when it requires one (the file they mount, STATE_LOGIN_FILE). */
    login?: KafkaAuth;
    /** How to get a shell in a broker on this target (for the reassignment commands). */
    shell: string;
    /** What happens to the removed brokers' replicas on this target. */
    dataFate: string;
}

/** The problem with a scale-down, if any: the removed brokers' replicas, and how to move them first. */
export async function scaleDownProblems(settings: PlatformSettings, scaleDown: ScaleDown, readReplicas: ReplicaReader): Promise<ConfigProblem[]> {
    const { removed } = scaleDown;
    if (removed.length === 0) return [];
    const kept = Array.from({ length: settings.kafka.brokers }, (_, i) => i).join(",");
    const reassign = `move them first: in a broker (${scaleDown.shell}) run kafka-reassign-partitions.sh --bootstrap-server kafka-0:9092 ` +
        `--topics-to-move-json-file <topics.json> --broker-list ${kept} --generate, then --execute with the proposed plan and --verify until done; then lower kafka.brokers`;
    let byBroker: Map<number, string[]>;
    try {
        byBroker = await readReplicas(scaleDown.bootstrap, { caCertificate: scaleDown.caCertificate, login: scaleDown.login });
    } catch (error) {
        return [configProblem("kafka.brokers", settings.kafka.brokers, `would remove broker ${removed.join(", ")}, and whether it holds partition replicas could not be read ` +
            `(${error instanceof Error ? error.message : String(error)}); bring the brokers up healthy and preview again`)];
    }
    const held = removed.flatMap((id) => byBroker.get(id) ?? []);
    if (held.length === 0) return [];
    return [configProblem("kafka.brokers", settings.kafka.brokers, `would remove broker ${removed.join(", ")}, which still hold${removed.length === 1 ? "s" : ""} ` +
        `partition replicas (${replicasPerTopic(held)}) ${scaleDown.dataFate}; ${reassign}`)];
}

import { TopicShape } from "../../../components/kafka/topic-rules";

/** What changes when a topic's declaration changes, in Kafka's terms. */
export interface TopicPlan {
    /** Partitions to add (createPartitions); never negative. */
    addPartitions: number;
    /** New replication factor to reach by partition reassignment, when it changes. */
    replicationFactor?: number;
    /** Configs to set (incrementalAlterConfigs SET), only the keys whose value changed. */
    setConfigs: Record<string, string>;
    /** Configs to return to the broker default (incrementalAlterConfigs DELETE). */
    deleteConfigs: string[];
    /** The topic must be deleted and created again (a rename the user opted into). */
    recreate: boolean;
}

/**
 * Plans the change from `olds` to `news`, refusing what would lose data: Kafka cannot
 * remove partitions (a decrease would mean delete and recreate), and cannot rename a topic
 * (a rename is delete and recreate, allowed only with `recreateOnRename`).
 */
export function planTopicChange(olds: TopicShape, news: TopicShape, recreateOnRename: boolean): TopicPlan {
    if (olds.name !== news.name) {
        if (!recreateOnRename) {
            throw new Error(`topic "${olds.name}": renaming it to "${news.name}" would delete "${olds.name}" and every message in it ` +
                "(Kafka cannot rename topics). Keep the name, or set recreateOnRename: true to accept the data loss.");
        }
        return { addPartitions: 0, setConfigs: {}, deleteConfigs: [], recreate: true };
    }
    if (news.partitions < olds.partitions) {
        throw new Error(`topic "${news.name}": partitions cannot go from ${olds.partitions} to ${news.partitions}; Kafka can only add ` +
            "partitions. Keep the count, or create a new topic with fewer partitions and move consumers to it.");
    }
    const setConfigs: Record<string, string> = {};
    for (const [key, value] of Object.entries(news.config)) {
        if (olds.config[key] !== value) setConfigs[key] = value;
    }
    return {
        addPartitions: news.partitions - olds.partitions,
        replicationFactor: news.replicationFactor !== olds.replicationFactor ? news.replicationFactor : undefined,
        setConfigs,
        deleteConfigs: Object.keys(olds.config).filter((key) => !(key in news.config)).sort(),
        recreate: false,
    };
}

export function planIsEmpty(plan: TopicPlan): boolean {
    return !plan.recreate && plan.addPartitions === 0 && plan.replicationFactor === undefined &&
        Object.keys(plan.setConfigs).length === 0 && plan.deleteConfigs.length === 0;
}

/**
 * Target replica lists for a new replication factor. Growing keeps every current replica (the
 * first stays preferred leader) and adds the least-loaded other brokers; shrinking keeps the
 * first `replicationFactor` replicas.
 */
export function reassignReplicas(current: number[][], replicationFactor: number, brokers: number[]): number[][] {
    const load = new Map<number, number>(brokers.map((b) => [b, 0]));
    for (const replicas of current) for (const b of replicas) load.set(b, (load.get(b) ?? 0) + 1);
    return current.map((replicas, partition) => {
        if (replicas.length >= replicationFactor) return replicas.slice(0, replicationFactor);
        const target = [...replicas];
        const candidates = brokers.filter((b) => !target.includes(b));
        while (target.length < replicationFactor && candidates.length > 0) {
            // Least loaded first; ties broken by rotating with the partition so replicas spread.
            candidates.sort((a, b) => (load.get(a)! - load.get(b)!) || (((a + partition) % brokers.length) - ((b + partition) % brokers.length)));
            const chosen = candidates.shift()!;
            target.push(chosen);
            load.set(chosen, load.get(chosen)! + 1);
        }
        return target;
    });
}

import { topicNameError } from "../config/topic-name";
import { unknownKeyMessage } from "../config/suggest";
import { TOPIC_CONFIG_KEYS, topicConfigValueError } from "./topic-configs";

/** What a topic is declared as: the provider's inputs without connection details. */
export interface TopicShape {
    name: string;
    partitions: number;
    replicationFactor: number;
    config: Record<string, string>;
}

export interface TopicFailure {
    property: string;
    reason: string;
}

/** A replication factor more brokers than there are; undefined when it fits. */
export function replicationProblem(replicationFactor: number, brokers: number): string | undefined {
    return replicationFactor > brokers ? `${replicationFactor} is more than the ${brokers} live brokers` : undefined;
}

/** min.insync.replicas above the replication factor: no acks=all write could succeed. */
export function minInsyncProblem(minInsyncReplicas: number, replicationFactor: number): string | undefined {
    return minInsyncReplicas > replicationFactor
        ? `${minInsyncReplicas} is more than the replication factor ${replicationFactor}, so acks=all writes could never succeed`
        : undefined;
}

/**
 * min.insync.replicas equal to the replication factor: acks=all writes stop whenever one of the
 * topic's brokers is down, every rolling restart included. Advice, not an error.
 */
export function minInsyncAdvice(minInsyncReplicas: number, replicationFactor: number): string | undefined {
    return minInsyncReplicas === replicationFactor
        ? `min.insync.replicas equals the replication factor (${replicationFactor}): acks=all writes stop whenever one of its brokers is down, ` +
            `every rolling restart included; set it to ${Math.max(1, replicationFactor - 1)}`
        : undefined;
}

/**
 * Everything Kafka would reject about a topic declaration. `brokers` (when known) bounds the
 * replication factor. Used by the provider's check and by stack-config validation.
 */
export function topicFailures(topic: TopicShape, brokers?: number): TopicFailure[] {
    const failures: TopicFailure[] = [];
    const nameError = topicNameError(topic.name);
    if (nameError) failures.push({ property: "name", reason: nameError });
    if (!Number.isInteger(topic.partitions) || topic.partitions < 1) {
        failures.push({ property: "partitions", reason: `a topic needs at least 1 partition, got ${topic.partitions}` });
    }
    if (!Number.isInteger(topic.replicationFactor) || topic.replicationFactor < 1) {
        failures.push({ property: "replicationFactor", reason: `must be at least 1, got ${topic.replicationFactor}` });
    } else if (brokers !== undefined && replicationProblem(topic.replicationFactor, brokers)) {
        failures.push({ property: "replicationFactor", reason: replicationProblem(topic.replicationFactor, brokers)! });
    }
    for (const [key, value] of Object.entries(topic.config)) {
        if (!TOPIC_CONFIG_KEYS.includes(key)) {
            failures.push({ property: `config.${key}`, reason: `not a topic config Kafka 3.9 knows: ${unknownKeyMessage(key, TOPIC_CONFIG_KEYS)}` });
            continue;
        }
        const valueError = topicConfigValueError(key, value);
        if (valueError) failures.push({ property: `config.${key}`, reason: valueError });
    }
    const minIsr = topic.config["min.insync.replicas"];
    const minIsrProblem = minIsr === undefined ? undefined : minInsyncProblem(Number(minIsr), topic.replicationFactor);
    if (minIsrProblem) failures.push({ property: "config.min.insync.replicas", reason: minIsrProblem });
    return failures;
}

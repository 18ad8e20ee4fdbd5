/** Kafka's own topic-name rules (org.apache.kafka.common.internals.Topic.validate). */
export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC_CHARS = /^[a-zA-Z0-9._-]+$/;

/** Why Kafka would reject this topic name, or undefined when it is legal. */
export function topicNameError(name: string): string | undefined {
    if (name.length === 0) return "topic name is empty";
    if (name === "." || name === "..") return `topic name cannot be "${name}"`;
    if (name.length > MAX_TOPIC_NAME_LENGTH) {
        return `topic name is ${name.length} characters; Kafka allows at most ${MAX_TOPIC_NAME_LENGTH}`;
    }
    if (!LEGAL_TOPIC_CHARS.test(name)) {
        const bad = [...new Set(name.replace(/[a-zA-Z0-9._-]/g, ""))].map((c) => JSON.stringify(c)).join(", ");
        return `topic name contains ${bad}; Kafka allows only ASCII letters, digits, '.', '_' and '-'`;
    }
    return undefined;
}

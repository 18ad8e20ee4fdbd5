/**
 * Topic-level configs Kafka 3.9 accepts (org.apache.kafka.common.config.TopicConfig), with
 * the value type the broker parses, so typos and bad values fail at preview instead of at
 * the broker.
 */
type ValueKind = "long" | "int" | "boolean" | "ratio" | { oneOf: string[] };

const LONG: ValueKind = "long";
const INT: ValueKind = "int";
const BOOLEAN: ValueKind = "boolean";

export const TOPIC_CONFIGS: Record<string, ValueKind> = {
    "cleanup.policy": { oneOf: ["delete", "compact", "compact,delete", "delete,compact"] },
    "compression.type": { oneOf: ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"] },
    "compression.gzip.level": INT,
    "compression.lz4.level": INT,
    "compression.zstd.level": INT,
    "delete.retention.ms": LONG,
    "file.delete.delay.ms": LONG,
    "flush.messages": LONG,
    "flush.ms": LONG,
    "follower.replication.throttled.replicas": { oneOf: [] },
    "index.interval.bytes": INT,
    "leader.replication.throttled.replicas": { oneOf: [] },
    "local.retention.bytes": LONG,
    "local.retention.ms": LONG,
    "max.compaction.lag.ms": LONG,
    "max.message.bytes": INT,
    "message.downconversion.enable": BOOLEAN,
    "message.format.version": { oneOf: [] },
    "message.timestamp.after.max.ms": LONG,
    "message.timestamp.before.max.ms": LONG,
    "message.timestamp.difference.max.ms": LONG,
    "message.timestamp.type": { oneOf: ["CreateTime", "LogAppendTime"] },
    "min.cleanable.dirty.ratio": "ratio",
    "min.compaction.lag.ms": LONG,
    "min.insync.replicas": INT,
    "preallocate": BOOLEAN,
    "remote.log.copy.disable": BOOLEAN,
    "remote.log.delete.on.disable": BOOLEAN,
    "remote.storage.enable": BOOLEAN,
    "retention.bytes": LONG,
    "retention.ms": LONG,
    "segment.bytes": INT,
    "segment.index.bytes": INT,
    "segment.jitter.ms": LONG,
    "segment.ms": LONG,
    "unclean.leader.election.enable": BOOLEAN,
};

export const TOPIC_CONFIG_KEYS = Object.keys(TOPIC_CONFIGS);

/** Why the broker would reject `value` for `key`, or undefined when it is acceptable. */
export function topicConfigValueError(key: string, value: string): string | undefined {
    const kind = TOPIC_CONFIGS[key];
    if (kind === undefined) return undefined;
    if (kind === LONG || kind === INT) {
        return /^-?[0-9]+$/.test(value) ? undefined : `expects a whole number (e.g. "604800000"), got "${value}"`;
    }
    if (kind === BOOLEAN) return value === "true" || value === "false" ? undefined : `expects true or false, got "${value}"`;
    if (kind === "ratio") {
        const ratio = Number(value);
        return value.trim() !== "" && ratio >= 0 && ratio <= 1 ? undefined : `expects a number between 0 and 1, got "${value}"`;
    }
    if (typeof kind === "object" && kind.oneOf.length > 0 && !kind.oneOf.includes(value)) return `expects one of ${kind.oneOf.join(", ")}, got "${value}"`;
    return undefined;
}

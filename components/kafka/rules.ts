import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";
import { isStorageQuantity } from "../config/memory";
import { topicFailures, TopicShape } from "./topic-rules";
import { checkKafkaSecurity } from "./listener-security";
import { checkCertificateAuthorities } from "./ca-rotation";
import { checkKafkaReplication } from "./replication";
import { checkKafkaInternalAuthentication } from "./internal-authentication";
import { checkKafkaMetadata } from "./kraft";

/** What the brokers need of their settings. */
export function checkKafka(settings: PlatformSettings, report: Report): void {
    const { kafka } = settings;
    if (kafka.brokers < 1) report("kafka.brokers", kafka.brokers, "at least 1 broker is needed");
    const rf = kafka.defaultReplicationFactor;
    if (rf < 1 || rf > kafka.brokers) {
        report("kafka.defaultReplicationFactor", rf,
            `must be between 1 and kafka.brokers (${kafka.brokers}); lower it or add brokers`);
    }
    if (kafka.minInsyncReplicas < 1 || kafka.minInsyncReplicas > rf) {
        report("kafka.minInsyncReplicas", kafka.minInsyncReplicas,
            `must be between 1 and kafka.defaultReplicationFactor (${rf}), or acks=all writes can never succeed`);
    }
    if (kafka.numPartitions < 1) report("kafka.numPartitions", kafka.numPartitions, "must be at least 1");
    if (!isStorageQuantity(kafka.storageSize)) {
        report("kafka.storageSize", kafka.storageSize, 'must be a Kubernetes quantity such as "10Gi"');
    }
    if (kafka.heapMb < 128) report("kafka.heapMb", kafka.heapMb, "a Kafka broker needs at least 128 MiB of heap");
    if (!/^\/[a-zA-Z0-9._/-]*[a-zA-Z0-9._-]$/.test(kafka.zookeeperChroot)) {
        report("kafka.zookeeperChroot", kafka.zookeeperChroot, 'must be an absolute znode path such as "/kafka" (no trailing slash)');
    }
    checkKafkaSecurity(settings, report);
    checkCertificateAuthorities(settings, report);
    checkKafkaReplication(settings, report);
    checkKafkaInternalAuthentication(settings, report);
    checkKafkaMetadata(settings, report);
}

export function checkTopics({ topics, kafka }: PlatformSettings, report: Report): void {
    const seen = new Map<string, number>();
    const seenKeys = new Map<string, number>();
    // Kafka's metric names replace '.' with '_': "a.b" and "a_b" collide, and it refuses the second.
    const seenMetricNames = new Map<string, number>();
    topics.forEach((topic, i) => {
        // The same rules the topic provider checks, with the broker count from this stack.
        for (const failure of topicFailures(topic, kafka.brokers)) {
            const value = failure.property.startsWith("config.") ? topic.config[failure.property.slice(7)] : topic[failure.property as keyof TopicShape];
            const fix = failure.property === "replicationFactor" ? `; lower it or raise kafka.brokers (${kafka.brokers})`
                : failure.property === "name" ? "; rename the topic" : "";
            report(`topics[${i}].${failure.property}`, value, failure.reason + fix);
        }
        const first = seen.get(topic.name);
        if (first !== undefined) {
            report(`topics[${i}].name`, topic.name, `duplicate of topics[${first}]; each topic may be declared once`);
        } else {
            seen.set(topic.name, i);
        }
        const metricName = topic.name.replace(/\./g, "_");
        const clash = seenMetricNames.get(metricName);
        if (clash !== undefined && topics[clash].name !== topic.name) {
            report(`topics[${i}].name`, topic.name, `collides with topics[${clash}] ("${topics[clash].name}") in Kafka's metric names, where '.' and '_' are the same; Kafka refuses the second: rename one`);
        } else if (clash === undefined) {
            seenMetricNames.set(metricName, i);
        }
        const firstKey = seenKeys.get(topic.key);
        if (firstKey !== undefined && topic.key !== topic.name) {
            report(`topics[${i}].key`, topic.key, `the same key as topics[${firstKey}]; a key names one entry for good, give this one its own`);
        } else if (firstKey === undefined) {
            seenKeys.set(topic.key, i);
        }
    });
}

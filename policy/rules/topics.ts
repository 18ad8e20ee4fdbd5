import { StackValidationPolicy } from "@pulumi/policy";
import { memberCount, topics } from "../platform-view";

export const replicationWithinBrokers: StackValidationPolicy = {
    name: "topic-replication-within-brokers",
    description: "No topic asks for more replicas than there are brokers.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const brokers = memberCount(args.resources, "kafka");
        if (brokers === undefined) return;
        for (const topic of topics(args.resources).filter((t) => t.replicationFactor > brokers)) {
            reportViolation(`topic ${topic.name}: replicationFactor ${topic.replicationFactor} but only ${brokers} brokers; lower it to ${brokers} or add brokers (streamstack:kafka.brokers)`);
        }
    },
};

export const minInsyncNotAboveReplication: StackValidationPolicy = {
    name: "topic-min-insync-within-replication",
    description: "min.insync.replicas never exceeds a topic's replication factor (acks=all writes would always fail).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const topic of topics(args.resources).filter((t) => t.minInsyncReplicas > t.replicationFactor)) {
            reportViolation(`topic ${topic.name}: min.insync.replicas ${topic.minInsyncReplicas}${topic.explicitMinInsync ? "" : " (the brokers' default)"} > replicationFactor ${topic.replicationFactor}: every acks=all write fails; set it to ${Math.max(1, topic.replicationFactor - 1)}`);
        }
    },
};

export const minInsyncBelowReplication: StackValidationPolicy = {
    name: "topic-min-insync-below-replication",
    description: "min.insync.replicas is below the replication factor, so one broker can restart without stopping acks=all writes.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const topic of topics(args.resources).filter((t) => t.minInsyncReplicas === t.replicationFactor)) {
            reportViolation(`topic ${topic.name}: min.insync.replicas equals replicationFactor (${topic.replicationFactor}): acks=all writes stop whenever one of its brokers is down, every rolling restart included; set it to ${Math.max(1, topic.replicationFactor - 1)}`);
        }
    },
};

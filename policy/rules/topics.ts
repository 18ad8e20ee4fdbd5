import { StackValidationPolicy } from "@pulumi/policy";
import { minInsyncAdvice, minInsyncProblem, replicationProblem } from "../../components/kafka/topic-rules";
import { memberCount, topics } from "../platform-view";

// The topic rules are the concept's own (components/kafka/topic-rules.ts), on what this preview declares.

export const replicationWithinBrokers: StackValidationPolicy = {
    name: "topic-replication-within-brokers",
    description: "No topic asks for more replicas than there are brokers.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const brokers = memberCount(args.resources, "kafka");
        if (brokers === undefined) return;
        for (const topic of topics(args.resources)) {
            const problem = replicationProblem(topic.replicationFactor, brokers);
            if (problem) reportViolation(`topic ${topic.name}: replicationFactor ${problem}; lower it to ${brokers} or add brokers (streamstack:kafka.brokers)`);
        }
    },
};

export const minInsyncNotAboveReplication: StackValidationPolicy = {
    name: "topic-min-insync-within-replication",
    description: "min.insync.replicas never exceeds a topic's replication factor (acks=all writes would always fail).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const topic of topics(args.resources)) {
            const problem = minInsyncProblem(topic.minInsyncReplicas, topic.replicationFactor);
            if (problem) reportViolation(`topic ${topic.name}: min.insync.replicas${topic.explicitMinInsync ? "" : " (the brokers' default)"} ${problem}; set it to ${Math.max(1, topic.replicationFactor - 1)}`);
        }
    },
};

export const minInsyncBelowReplication: StackValidationPolicy = {
    name: "topic-min-insync-below-replication",
    description: "min.insync.replicas is below the replication factor, so one broker can restart without stopping acks=all writes.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        for (const topic of topics(args.resources)) {
            const advice = minInsyncAdvice(topic.minInsyncReplicas, topic.replicationFactor);
            if (advice) reportViolation(`topic ${topic.name}: ${advice}`);
        }
    },
};

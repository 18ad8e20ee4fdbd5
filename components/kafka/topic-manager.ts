import { KafkaAuth } from "../model/state-access";
import { scramLogin } from "./admin-login";

/**
 * The principal the topic provider manages topics as, when the external listener requires a
 * login: a `streamstack:kafka:User` the platform declares, allowed to create, delete, grow and
 * configure every topic and nothing else — no record read or written, no consumer group, no
 * ACL, no user, nothing on the cluster. The admin login stays for what needs it (users, ACLs,
 * the readiness checks' controller read). Pure: the KafkaCluster component declares the user.
 */

export const TOPIC_MANAGER_USERNAME = "streamstack-topics";

/** What managing topics takes (CreateTopics, DeleteTopics, CreatePartitions, Metadata, DescribeConfigs, IncrementalAlterConfigs). */
export const TOPIC_MANAGER_ACLS: Record<string, string[]> = {
    "topic:*": ["create", "delete", "alter", "describe", "describe-configs", "alter-configs"],
};

export function topicManagerLogin(password: string): KafkaAuth {
    return scramLogin(TOPIC_MANAGER_USERNAME, password);
}

import { PropertySchema, ResourceSchema } from "../resource-handler";

const properties: Record<string, PropertySchema> = {
    name: { type: "string", description: "Topic name; Kafka's rules apply ([a-zA-Z0-9._-], at most 249 characters). A change is refused unless recreateOnRename is set." },
    partitions: { type: "integer", description: "Partition count; it can only grow (Kafka cannot remove partitions)." },
    replicationFactor: { type: "integer", description: "Replicas per partition; changed in place by partition reassignment." },
    config: { type: "object", additionalProperties: { type: "string" }, description: "Topic-level configs (retention.ms, cleanup.policy, min.insync.replicas, ...); removed keys return to the broker default." },
    bootstrapServers: { type: "string", description: "Bootstrap servers reachable from where pulumi runs (KafkaCluster.bootstrapServers)." },
    recreateOnRename: { type: "boolean", description: "Allow a rename to delete the old topic and every message in it, and create the new one." },
    adoptExisting: { type: "boolean", description: "Take over a topic that already exists when creating, bringing it to the declared shape (never by removing partitions)." },
    caCertificate: { type: "string", description: "The CA certificate (PEM) the brokers' TLS listener is verified against (KafkaCluster.caCertificate); absent: plaintext." },
    auth: { $ref: "#/types/streamstack:kafka:SaslCredentials", secret: true, description: "SASL credentials when the cluster needs them; stored as a secret." },
};

export const topicSchema: ResourceSchema = {
    description: "A Kafka topic managed through the admin API: created, changed in place (partitions, configs, replication factor), refreshed, imported and deleted.",
    inputProperties: properties,
    requiredInputs: ["name", "partitions", "replicationFactor", "bootstrapServers"],
    properties,
    required: ["name", "partitions", "replicationFactor", "config", "bootstrapServers", "recreateOnRename", "adoptExisting"],
};

export const saslCredentialsType = {
    type: "object",
    description: "SASL credentials for the Kafka admin client.",
    properties: {
        mechanism: { type: "string", description: "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512." },
        username: { type: "string", description: "SASL user name." },
        password: { type: "string", secret: true, description: "SASL password." },
    },
    required: ["mechanism", "username", "password"],
};

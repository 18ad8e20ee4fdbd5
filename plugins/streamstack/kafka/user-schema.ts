import { PropertySchema, ResourceSchema } from "../resource-handler";

const properties: Record<string, PropertySchema> = {
    name: { type: "string", description: "The login's name and its principal User:<name>; a change makes a new user." },
    acls: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "Resource (topic:<name>, group:<name>, transactional-id:<name>, cluster; a name ending in * is a prefix) → operations allowed (read, write, describe, ...). Nothing else is allowed." },
    password: { type: "string", secret: true, description: "The SCRAM-SHA-512 password; generated (32 random bytes, base64url) when not given, and kept." },
    login: { type: "boolean", description: "false: a principal that never logs in (ANONYMOUS, whoever uses a listener without logins): ACLs only, no credential. Default true." },
    adoptExisting: { type: "boolean", description: "Take over a login that already exists when creating: its password becomes this one, its ACLs these." },
    bootstrapServers: { type: "string", description: "Bootstrap servers reachable from where pulumi runs (KafkaCluster.bootstrapServers)." },
    caCertificate: { type: "string", description: "The CA certificate (PEM) the brokers' TLS listener is verified against (KafkaCluster.caCertificate); absent: plaintext." },
    auth: { $ref: "#/types/streamstack:kafka:SaslCredentials", secret: true, description: "The login the provider administers users with (a super user: KafkaCluster.adminLogin)." },
};

export const userSchema: ResourceSchema = {
    description: "A Kafka user, as Strimzi's KafkaUser: a SCRAM-SHA-512 credential and its ACLs, managed through the admin API (created, changed in place, refreshed, adopted and deleted).",
    inputProperties: properties,
    requiredInputs: ["name", "bootstrapServers", "auth"],
    properties,
    required: ["name", "acls", "password", "bootstrapServers", "auth", "adoptExisting"],
};

import { passThroughSchema, PropertySchema } from "../resource-handler";

const inputs: Record<string, PropertySchema> = {
    kind: { type: "string", description: "zookeeper, kafka, spark-master or spark-worker: what readiness means." },
    group: { type: "string", description: "The group the members belong to, e.g. kafka." },
    members: { type: "array", items: { type: "object" }, description: "The members watched: {member, ordinal, container, containerId, endpoint}. A new containerId (a replaced member) makes the gate wait again." },
    groupEndpoints: { type: "array", items: { type: "string" }, description: "host:port of every member's state port (Kafka metadata and the ALIVE master are group-wide)." },
    waitOnCreate: { type: "boolean", description: "Whether creating the gate waits (the group's gate) or not (the gate between two members, so a cold up starts a group together)." },
    stack: { type: "string", description: "The streamstack.stack label of the stack's containers (a ZooKeeper restart waits until all are healthy again)." },
    stateCa: { type: "string", description: "The CA certificate (PEM) the members' state port is verified against, when it speaks TLS (Kafka's external listener)." },
    stateLogin: { $ref: "#/types/streamstack:kafka:SaslCredentials", secret: true, description: "The SASL login ({mechanism, username, password}) the members' state port requires, when it requires one (Kafka's external listener)." },
    timeoutSeconds: { type: "integer", description: "How long one wait may take before the update fails, saying what it waited for and what it saw." },
};

export const readinessGateSchema = passThroughSchema("Waits until members of a group are ready in the platform's terms; what depends on it (the next member of a rolling change, the next group) waits with it.", inputs);

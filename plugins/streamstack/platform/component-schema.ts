import { TOP_LEVEL_KEYS } from "../../../components/config";

/** The StreamingPlatform outputs a program in any language reads (its construct returns them). */
export const PLATFORM_OUTPUTS = {
    zookeeperConnect: { type: "string", description: "ZooKeeper connect string for clients inside the platform." },
    kafkaBootstrapServers: { type: "string", description: "Kafka bootstrap servers for clients on the host (Docker) or outside the cluster (Kubernetes NodePorts)." },
    kafkaInternalBootstrapServers: { type: "string", description: "Kafka bootstrap servers for clients inside the platform." },
    kafkaCaCertificate: { type: "string", description: "The CA certificates (PEM, every one of kafka.certificateAuthorities) clients verify Kafka's external listener against when it speaks TLS (kafka.security); absent in plaintext." },
    kafkaAdminUsername: { type: "string", description: "The platform admin's Kafka principal when Kafka's external listener requires a login (kafka.authentication); absent when it is open." },
    kafkaAdminPassword: { type: "string", secret: true, description: "That principal's SCRAM-SHA-512 password (a secret); absent when the listener is open." },
    sparkMasterUrl: { type: "string", description: "The Spark masters' URL (spark://…), every master listed." },
    sparkMasterUiUrls: { type: "array", items: { type: "string" }, description: "Each master's web UI." },
} as const;

/** Outputs a platform may leave out: the CA exists only when Kafka's external listener speaks TLS, the admin login when it requires one. */
const OPTIONAL_OUTPUTS: string[] = ["kafkaCaCertificate", "kafkaAdminUsername", "kafkaAdminPassword"];

/** The top-level settings that are one string rather than a group of settings. */
const SCALAR_INPUTS: Record<string, { type: "string"; description: string }> = {
    target: { type: "string", description: "Where the platform runs: docker or kubernetes (default docker)." },
    jvmProfile: { type: "string", description: "What the members' JVMs are tuned for: throughput (default) or quick-start (C1 only, serial GC: less CPU at start and idle)." },
};

/**
 * The StreamingPlatform component in the package schema, for programs in other languages (a
 * YAML program declares `type: streamstack:platform:StreamingPlatform`). Its inputs are the
 * settings of docs/configuration.md, each checked by the component itself at preview, hence
 * typed loosely here: one rule set, the validation's, names every problem.
 */
export const platformComponentSchema = {
    isComponent: true,
    description: "ZooKeeper, Kafka and Spark standalone HA (ZooKeeper recovery), their topics and streaming jobs, on Docker or Kubernetes. " +
        "Every input is a setting of docs/configuration.md, optional, validated at preview.",
    inputProperties: Object.fromEntries([
        ...TOP_LEVEL_KEYS.map((key) => [key, SCALAR_INPUTS[key] ?? { $ref: "pulumi.json#/Any", description: `The ${key} settings (docs/configuration.md).` }]),
        ["keepUnscopedNames", { type: "boolean", description: "Keep the resource names of a stack made by streamstack 0.1 (aliases to the names without the platform's)." }],
    ]),
    requiredInputs: [],
    properties: PLATFORM_OUTPUTS,
    required: Object.keys(PLATFORM_OUTPUTS).filter((key) => !OPTIONAL_OUTPUTS.includes(key)),
};

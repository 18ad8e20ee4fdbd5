/**
 * The type tokens of the platform's custom resources, shared by the program (which declares
 * them) and the streamstack provider plugin (which serves them). Kept apart from the resource
 * classes so the plugin does not load the whole @pulumi/pulumi SDK (its automation API pulls
 * in TypeScript and npm's arborist, about 0.4 s of every plugin start) just for a string.
 */
export const KAFKA_TOPIC_TYPE = "streamstack:kafka:Topic";
/** A SCRAM login on Kafka with its ACLs, made and kept by the provider through the admin API. */
export const KAFKA_USER_TYPE = "streamstack:kafka:User";
/** A KRaft cluster's metadata.version, raised once every broker runs a new release. */
export const KAFKA_METADATA_VERSION_TYPE = "streamstack:kafka:MetadataVersion";

/**
 * The streamstack provider plugin's version, the package's (a unit test holds them equal): every
 * custom resource asks for it, so the engine runs the plugin of the package the program
 * installed, whatever other versions `pulumi plugin install` left beside it.
 */
export const PROVIDER_VERSION = "0.1.0";
export const STREAMING_JOB_TYPE = "streamstack:spark:StreamingJob";
/** The platform component (StreamingPlatform): the parent of everything a platform declares. */
export const PLATFORM_TYPE = "streamstack:platform:StreamingPlatform";
/** Random bytes made once and kept, encrypted, in the stack's state (the platform's shared secrets). */
export const GENERATED_SECRET_TYPE = "streamstack:security:GeneratedSecret";
/** A self-signed CA made once by the provider (its key a Pulumi secret): what the platform's TLS clients trust. */
export const CERTIFICATE_AUTHORITY_TYPE = "streamstack:security:CertificateAuthority";
/** A leaf certificate signed by a CertificateAuthority, made once by the provider. */
export const CERTIFICATE_TYPE = "streamstack:security:Certificate";
/** The CAs a TLS listener's clients trust and the one that signs, held by each up to the rotation order. */
export const CA_ROTATION_GUARD_TYPE = "streamstack:security:CaRotationGuard";
export const READINESS_GATE_TYPE = "streamstack:platform:ReadinessGate";

/**
 * A function of the streamstack provider that does nothing. The program invokes it first thing
 * so that the engine starts the provider plugin (~0.15 s) while the program still reads the
 * machine, instead of when the first readiness gate registers, on the critical path of every
 * preview and up.
 */
export const WARM_UP_FUNCTION = "streamstack:index:warmUp";

/** Kubernetes target: the claim sizes a StatefulSet was made with, as the stack's state records them. */
export const CLAIM_TEMPLATE_GUARD_TYPE = "streamstack:kubernetes:ClaimTemplateGuard";

/** Docker target: the record, in the stack's state, that a data volume is the stack's own. */
export const VOLUME_GUARD_TYPE = "streamstack:docker:VolumeGuard";

/** Docker target: a volume holding the platform's secret files, mounted read-only by the members that read them. */
export const SECRET_FILES_TYPE = "streamstack:docker:SecretFiles";

/** Kubernetes target: waits until a StatefulSet has rolled out its current generation, every pod ready. */
export const ROLLOUT_GATE_TYPE = "streamstack:kubernetes:RolloutGate";

/**
 * The upstream providers' types the targets declare, as they appear in the stack's state and
 * in a preview. The policy pack, the PR review and recover classify resources by these, so the
 * strings are written once.
 */
export const DOCKER_CONTAINER_TYPE = "docker:index/container:Container";
export const DOCKER_VOLUME_TYPE = "docker:index/volume:Volume";
export const KUBERNETES_STATEFUL_SET_TYPE = "kubernetes:apps/v1:StatefulSet";
export const KUBERNETES_CONFIG_MAP_TYPE = "kubernetes:core/v1:ConfigMap";
export const KUBERNETES_CLAIM_TYPE = "kubernetes:core/v1:PersistentVolumeClaim";
export const KUBERNETES_DISRUPTION_BUDGET_TYPE = "kubernetes:policy/v1:PodDisruptionBudget";

/** A migration from ZooKeeper to KRaft reaching dual write: waited for once the migration's controllers run. */
export const KAFKA_METADATA_MIGRATION_TYPE = "streamstack:kafka:MetadataMigration";
/** Hands ZooKeeper back to the brokers when a migration's controllers go (deleted after them). */
export const ZOOKEEPER_HANDBACK_TYPE = "streamstack:kafka:ZooKeeperHandback";

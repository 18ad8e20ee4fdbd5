/**
 * The platform's configuration contract: every key a stack file may set, with its default.
 * A stack file names only what it changes; nested objects are merged key by key.
 */
import { JvmProfile } from "./jvm-profile";

/** Where the platform runs. */
export type Target = "docker" | "kubernetes";

export interface ZooKeeperSettings {
    /**
     * Servers in the ensemble: odd, so that a majority survives the loss of (n-1)/2 of them.
     * @default 3
     */
    replicas: number;
    /**
     * JVM heap of each server, in MiB.
     * @default 256
     */
    heapMb: number;
    /**
     * ZooKeeper's tick in milliseconds; initLimit, syncLimit and session timeouts count in ticks,
     * and the leader expires sessions once a tick, so a dead client's session ends up to a tick
     * after its timeout. 1000 (ZooKeeper's default is 2000) keeps that overshoot short.
     * @default 1000
     */
    tickTimeMs: number;
    /**
     * Ticks a follower may take to connect to the leader and sync at start.
     * @default 20
     */
    initLimit: number;
    /**
     * The longest session a client gets, in ms (at least 2 ticks). Spark's masters ask for 60 s
     * (hard-coded) and brokers for 18 s, so this cap decides how long a standby master waits for
     * a dead leader's session to expire (the masters' failover time) and how long a killed
     * broker's partitions wait for new leaders. Shorter is faster failover but less slack for a
     * stalled JVM: a client that hears nothing for 2/3 of it reconnects, and a Spark master gives
     * up leadership when that happens. `npm run bench:failover` and `npm run bench:soak` measure
     * both sides.
     * @default 4000
     */
    maxSessionTimeoutMs: number;
    /**
     * Ticks a follower may fall behind the leader before it is dropped.
     * @default 10
     */
    syncLimit: number;
    /**
     * Size of each server's data volume (a Kubernetes claim; Docker volumes are unsized).
     * @default "1Gi"
     */
    storageSize: string;
    /**
     * "required": every client logs in (SASL DIGEST-MD5) and servers prove themselves to each
     * other; Kafka's znodes are the kafka principal's, Spark's recovery directory the spark
     * principal's. A platform made before ZooKeeper's authentication (CHANGELOG) gets there in
     * three `up`s, one rolling restart each: "migrating-1" (the servers offer logins; brokers and
     * masters log in), "migrating-2" (servers log in to each other; Kafka and Spark make their
     * znodes their own), then "required" (anyone who does not log in is refused).
     * docs/security.md has the steps.
     * @default "required"
     */
    authentication: ZooKeeperAuthentication;
}

/** How far ZooKeeper's authentication goes (zookeeper.authentication). */
export type ZooKeeperAuthentication = "required" | "migrating-1" | "migrating-2";

export interface KafkaSettings {
    /**
     * Brokers in the cluster. Fewer brokers than before is refused at preview while the ones
     * that would go hold partition replicas.
     * @default 3
     */
    brokers: number;
    /**
     * Replication factor of topics that do not set one (at most `brokers`).
     * @default 3
     */
    defaultReplicationFactor: number;
    /**
     * min.insync.replicas: acks=all writes need this many replicas in sync (at most the
     * replication factor).
     * @default 2
     */
    minInsyncReplicas: number;
    /**
     * JVM heap of each broker, in MiB.
     * @default 512
     */
    heapMb: number;
    /**
     * num.partitions: partitions of a topic created without a count (`kafka-topics.sh`;
     * automatic topic creation is off).
     * @default 3
     */
    numPartitions: number;
    /**
     * ZooKeeper chroot holding this cluster's znodes.
     * @default "/kafka"
     */
    zookeeperChroot: string;
    /**
     * Size of each broker's log volume (a Kubernetes claim; Docker volumes are unsized).
     * @default "10Gi"
     */
    storageSize: string;
    /**
     * What the external listener (clients on the host / beyond the cluster) speaks. "tls": TLS
     * 1.2+ with a certificate per broker signed by the platform's own CA (the stack output
     * `kafkaCaCertificate`; clients verify the broker's address against it). "plaintext": no
     * encryption. "by-target": "tls" on kubernetes, where NodePorts reach beyond the machine,
     * "plaintext" on docker, whose ports bind to this machine only (unless
     * kafka.secureOnDocker). docs/security.md.
     * @default "by-target"
     */
    security: KafkaSecuritySetting;
    /**
     * Who the external listener lets in. "scram-sha-512": clients log in (SASL SCRAM-SHA-512);
     * the platform's admin login is the stack outputs `kafkaAdminUsername` / `kafkaAdminPassword`
     * (generated, kept as a secret). "none": anyone who reaches the listener. "by-target": "scram-sha-512" on
     * kubernetes, "none" on docker (the same split as kafka.security, kafka.secureOnDocker
     * included). docs/security.md.
     * @default "by-target"
     */
    authentication: KafkaAuthenticationSetting;
    /**
     * The CAs clients of the TLS external listener trust, by name: the stack output
     * `kafkaCaCertificate` holds each one's certificate (PEM), in this order. Each name is a CA
     * the platform makes once and keeps; "ca" is the one every TLS platform starts with. To
     * rotate: add a new name (clients then take the two-CA bundle), make it `signingCa` in a
     * later `up` (the brokers roll onto certificates it signs), then drop the old name. An `up`
     * that would skip a step is refused at preview. docs/security.md › Rotating the CA.
     * @default ["ca"]
     */
    certificateAuthorities: string[];
    /**
     * The CA of kafka.certificateAuthorities that signs the brokers' certificates; "" for the
     * first of them. It must have been trusted in an earlier `up` before it signs.
     * @default ""
     */
    signingCa: string;
    /**
     * How the brokers reach each other. "tls": over a listener of their own (REPLICATION, port
     * 9091, never published), where both ends show a certificate the platform's CA signed
     * (mutual TLS) and a broker is the principal `streamstack-broker`. A platform made before
     * that listener (CHANGELOG) replicates over INTERNAL, which every application inside the
     * platform reaches; it gets there in three `up`s, one rolling restart of the brokers each:
     * "migrating-1" (the listener is added, the brokers still replicate over INTERNAL),
     * "migrating-2" (they replicate over REPLICATION; INTERNAL's clients keep administering the
     * cluster, which the brokers still on INTERNAL needed), then "tls" (with logins on the
     * external listener, INTERNAL's clients may use topics, not administer the cluster).
     * "internal" is that earlier way, for going back one step at a time. A skipped step is
     * refused at preview. docs/security.md › Replication between brokers.
     * @default "tls"
     */
    replication: KafkaReplication;
    /**
     * Who Kafka lets in inside the platform (containers on its network; on Kubernetes pods of
     * its namespace and of kubernetes.clientNamespaces). "scram-sha-512": only clients that log
     * in, on the listener CLIENTS (port 9093; the stack output `kafkaInternalBootstrapServers`),
     * each allowed what its ACLs say: users of streamstack:users, and every job as a principal
     * of its own (`streamstack-job-<name>`); nothing listens on 9092. "none": INTERNAL (9092)
     * lets in anyone there, allowed every topic, group and transactional id. A running platform
     * moves in two `up`s, one rolling restart of the brokers each: "migrating" (CLIENTS beside
     * INTERNAL; the jobs move to CLIENTS, applications of yours move while INTERNAL still serves
     * them), then "scram-sha-512" (INTERNAL goes); a skipped step is refused at preview. Needs
     * kafka.authentication "scram-sha-512" and kafka.replication "tls". "by-target":
     * "scram-sha-512" on kubernetes (and with kafka.secureOnDocker) when those two are, else
     * "none".
     * docs/security.md › Logins inside the platform.
     * @default "by-target"
     */
    internalAuthentication: KafkaInternalAuthenticationSetting;
    /**
     * On Docker, what "by-target" means for kafka.security, kafka.authentication and
     * kafka.internalAuthentication: false leaves Kafka open to this machine (its ports bind to
     * 127.0.0.1), true makes it as on Kubernetes — TLS and logins on the external listener,
     * logins inside the platform. One setting for the whole secured platform; each of the three
     * still takes a value of its own. No effect on Kubernetes, where they are on by default.
     * docs/security.md.
     * @default false
     */
    secureOnDocker: boolean;
    /**
     * The Kafka version the brokers run: the image streamstack/kafka:<version> is built for it
     * (set-up builds 3.9.1 and 4.4.0). Kafka 4 has no ZooKeeper mode: a 4.x version needs
     * kafka.metadata "kraft". On a running KRaft cluster a newer release rolls every member onto
     * it and then raises metadata.version; going back a release line is refused.
     * @default "3.9.1"
     */
    version: string;
    /**
     * Where the cluster keeps its metadata. "zookeeper": in the ZooKeeper ensemble (Kafka 3.9's
     * ZooKeeper mode). "kraft": in a quorum of Kafka controllers (kafka.controllers), the only
     * mode of Kafka 4. Not derived from kafka.version, since Kafka 3.9 runs either; a stack that
     * never named it keeps ZooKeeper mode. ZooKeeper stays either way: Spark's standby masters
     * recover through it. A running ZooKeeper-mode cluster moves to KRaft by a migration, one
     * step per `up` (Docker, Kafka 3.9): "migration-prepared" (brokers told of the controllers),
     * "migration" (controllers copy the metadata and write to both), "kraft-brokers" (brokers on
     * KRaft), "kraft-migrated" (finalized: needs kafka.finalizeMigration); each but the last goes
     * back a step the same way. docs/kraft.md › Migrating from ZooKeeper.
     * @default "zookeeper"
     */
    metadata: KafkaMetadata;
    /**
     * The opt-in to finalize a migration (kafka.metadata "kraft-brokers" → "kraft-migrated"): the
     * controllers stop writing to ZooKeeper, and the cluster can never go back to ZooKeeper mode.
     * Read only at that step. docs/kraft.md › Migrating from ZooKeeper.
     * @default false
     */
    finalizeMigration: boolean;
    /**
     * KRaft only: how many dedicated controllers hold the metadata quorum (1, 3 or 5), each with
     * a volume of its own; 0 makes every broker a controller too (combined mode, for a small
     * platform; kafka.brokers must then be 1, 3 or 5).
     * @default 3
     */
    controllers: number;
    /**
     * KRaft only: JVM heap of each dedicated controller, in MiB.
     * @default 256
     */
    controllerHeapMb: number;
    /**
     * KRaft only: size of each dedicated controller's volume (the metadata log and snapshots).
     * @default "1Gi"
     */
    controllerStorageSize: string;
}

/**
 * kafka.metadata: where the cluster's metadata lives, or the step a migration from ZooKeeper to
 * KRaft has reached (components/kafka/migration.ts).
 */
export type KafkaMetadata = "zookeeper" | "kraft" | "migration-prepared" | "migration" | "kraft-brokers" | "kraft-migrated";

/** kafka.replication: the listener brokers replicate over, and the step between the two. */
export type KafkaReplication = "tls" | "migrating-2" | "migrating-1" | "internal";

/** kafka.internalAuthentication resolved: who the listeners inside the platform let in, and the step between the two. */
export type KafkaInternalAuthentication = "none" | "migrating" | "scram-sha-512";

/** kafka.internalAuthentication as a stack file writes it. */
export type KafkaInternalAuthenticationSetting = "by-target" | "none" | "migrating" | "scram-sha-512";

/** kafka.security: what Kafka's external listener speaks, or "by-target" for the target's default. */
export type KafkaSecuritySetting = "by-target" | "tls" | "plaintext";

/** kafka.authentication: who Kafka's external listener lets in, or "by-target" for the target's default. */
export type KafkaAuthenticationSetting = "by-target" | "scram-sha-512" | "none";

export interface CheckpointSettings {
    /**
     * Size of the shared checkpoint volume (a ReadWriteMany claim on Kubernetes).
     * @default "5Gi"
     */
    size: string;
    /**
     * Mount path of the checkpoint volume, the same in every master and worker; a job
     * checkpoints to `<path>/<job name>`.
     * @default "/checkpoints"
     */
    path: string;
    /**
     * Kubernetes storage class of the ReadWriteMany claim; empty: the cluster's default.
     * @default ""
     */
    storageClass: string;
}

export interface SparkSettings {
    /**
     * Standalone masters: one ALIVE, the others STANDBY, recovering through ZooKeeper
     * (spark.deploy.recoveryMode=ZOOKEEPER).
     * @default 2
     */
    masters: number;
    /**
     * Workers.
     * @default 2
     */
    workers: number;
    /**
     * Cores each worker offers (SPARK_WORKER_CORES).
     * @default 2
     */
    workerCores: number;
    /**
     * Memory each worker offers to executors (SPARK_WORKER_MEMORY), as a JVM size.
     * @default "2g"
     */
    workerMemory: string;
    /**
     * spark.cores.max: the most cores one application gets (at most workers × workerCores).
     * @default 4
     */
    coresMax: number;
    /**
     * spark.deploy.defaultCores: cores of an application that sets no spark.cores.max (at most
     * `coresMax`).
     * @default 2
     */
    defaultCores: number;
    /**
     * spark.executor.memory, as a JVM size (at most `workerMemory`).
     * @default "1g"
     */
    executorMemory: string;
    /**
     * spark.deploy.zookeeper.dir: the znode under which standby masters find the recovery state.
     * @default "/spark"
     */
    recoveryDir: string;
    /**
     * spark.worker.cleanup.appDataTtl: seconds after which a stopped application's work
     * directories are deleted by the worker.
     * @default 604800
     */
    workerCleanupAppDataTtl: number;
    /**
     * Heap of the master and worker daemons themselves (not of executors), in MiB.
     * @default 512
     */
    daemonHeapMb: number;
    /** The checkpoint volume shared by every master and worker, for streaming jobs. */
    checkpoint: CheckpointSettings;
}

/** Each is a `streamstack:kafka:Topic` resource. */
export interface TopicSettings {
    /**
     * The entry's stable identity (its Pulumi resource name); defaults to `name`. It is what
     * makes a rename a rename: change `name`, keep `key`, and the preview refuses it (Kafka
     * cannot rename a topic) unless `recreateOnRename` accepts deleting the old one.
     */
    key: string;
    /** The topic's name in Kafka (required). */
    name: string;
    /**
     * Partitions; they can be added, never removed.
     * @default 1
     */
    partitions: number;
    /** Replicas of each partition; defaults to `kafka.defaultReplicationFactor`. */
    replicationFactor: number;
    /**
     * Topic configs (`retention.ms`, `cleanup.policy`, …), checked against Kafka's own keys and types.
     * @default {}
     */
    config: Record<string, string>;
    /**
     * Adopt (import) a topic that already exists on the cluster instead of refusing to create it.
     * @default false
     */
    import: boolean;
    /**
     * Accept that a rename deletes the topic under its old name, with every message in it.
     * @default false
     */
    recreateOnRename: boolean;
    /**
     * Keep the topic on the cluster when it is removed from the stack.
     * @default false
     */
    retainOnDelete: boolean;
    /**
     * Refuse to delete the topic at all until this is set back to false.
     * @default false
     */
    protect: boolean;
}

/**
 * A topic entry's defaults: everything but the name, the key (the name), the replication
 * factor (`kafka.defaultReplicationFactor`) and the free-form map (absent: empty).
 */
export const TOPIC_DEFAULTS = { partitions: 1, import: false, recreateOnRename: false, retainOnDelete: false, protect: false };

/**
 * Each is a `streamstack:kafka:User` resource: a SCRAM-SHA-512 login (its password generated and
 * kept as a secret: the stack output `kafkaUsers`) allowed exactly what its ACLs say, nothing
 * else (docs/security.md › Kafka users and ACLs).
 */
export interface KafkaUserSettings {
    /** The login's name and its principal `User:<name>` (required). */
    name: string;
    /**
     * What the user may do: resource → operations, e.g. `{"topic:events": [read, describe],
     * "group:my-app-*": [read]}`. A resource is `topic:<name>`, `group:<name>`,
     * `transactional-id:<name>` or `cluster`; a name ending in `*` is a prefix, `*` alone any.
     * Operations: all, read, write, create, delete, alter, describe, cluster-action,
     * describe-configs, alter-configs, idempotent-write.
     * @default {}
     */
    acls: Record<string, string[]>;
}

/** A user entry's defaults: no ACL (the user can log in and do nothing). */
export const USER_DEFAULTS = { acls: {} };

/** Each is a streaming job run on the cluster, a `streamstack:spark:StreamingJob` resource; an entry's defaults are the sample job's. */
export interface JobSettings {
    /** Resource name, spark.app.name and the checkpoint directory's name (`<checkpoint.path>/<name>`); required. */
    name: string;
    /**
     * The job's main class.
     * @default "streamstack.jobs.WindowedCounts"
     */
    mainClass: string;
    /**
     * Jar URL every worker can read; the sample job is in the image.
     * @default "file:/opt/spark/jobs/windowed-counts.jar"
     */
    jar: string;
    /**
     * The job's `--name value` arguments.
     * @default {}
     */
    args: Record<string, string>;
    /**
     * spark.cores.max of the job: at most the cluster's `spark.coresMax`.
     * @default 2
     */
    cores: number;
    /**
     * spark.executor.memory of the job, as a JVM size (at most `spark.workerMemory`).
     * @default "512m"
     */
    executorMemory: string;
    /**
     * spark.driver.memory, as a JVM size; the driver runs on a worker (cluster deploy mode).
     * @default "512m"
     */
    driverMemory: string;
    /**
     * spark.driver.cores.
     * @default 1
     */
    driverCores: number;
    /**
     * More Spark properties for the job.
     * @default {}
     */
    conf: Record<string, string>;
    /**
     * When Kafka asks for logins inside the platform (kafka.internalAuthentication), the job
     * logs in as a principal of its own, `streamstack-job-<name>`, allowed only these ACLs
     * (the syntax of streamstack:users' `acls`). The sample job's default reads its input topic,
     * writes its output topic and uses consumer groups named after the principal; a job of your
     * own jar has none until you list them. Its Kafka clients set security.protocol
     * SASL_PLAINTEXT and sasl.mechanism SCRAM-SHA-512; the login itself comes from the platform.
     * @default {}
     */
    acls: Record<string, string[]>;
}

/** The sample job baked into the Spark image (components/spark/sample-job.ts): where a job entry's jar and entry point default to. */
export const SAMPLE_JOB_ENTRY = {
    mainClass: "streamstack.jobs.WindowedCounts",
    jar: "file:/opt/spark/jobs/windowed-counts.jar",
} as const;

/** What a job's driver gets unless it says otherwise (stack config, component and provider alike). */
export const DRIVER_DEFAULTS = { driverMemory: "512m", driverCores: 1 };

/** A job entry's defaults: everything but the name and the free-form maps (absent: empty). */
export const JOB_DEFAULTS = {
    mainClass: SAMPLE_JOB_ENTRY.mainClass as string,
    jar: SAMPLE_JOB_ENTRY.jar as string,
    cores: 2,
    executorMemory: "512m",
    ...DRIVER_DEFAULTS,
};

/** Any image with the official layouts (`zookeeper`, `apache/kafka`, `apache/spark`) works. */
export interface ImageSettings {
    /**
     * ZooKeeper's image.
     * @default "streamstack/zookeeper:local"
     */
    zookeeper: string;
    /**
     * Kafka's image (brokers and KRaft controllers). Unset, it follows kafka.version:
     * "streamstack/kafka:<version>", and "streamstack/kafka:local" for the default version.
     * @default "streamstack/kafka:local"
     */
    kafka: string;
    /**
     * Spark's image (masters, workers, drivers).
     * @default "streamstack/spark:local"
     */
    spark: string;
}

/**
 * Docker publishes member i on base + i, on `bindAddress`; Kubernetes serves member i on
 * NodePort base + i (30000-32767).
 */
export interface PortSettings {
    /**
     * ZooKeeper's client port, on the host (Docker only: on Kubernetes it stays in the cluster).
     * @default 2181
     */
    zookeeperClient: number;
    /**
     * Kafka's external listener; brokers advertise it.
     * @default 19092
     */
    kafkaExternal: number;
    /**
     * Spark masters' web UI.
     * @default 8080
     */
    sparkMasterUi: number;
    /**
     * Spark workers' web UI.
     * @default 8180
     */
    sparkWorkerUi: number;
    /**
     * Address published ports bind to (Docker): one this machine has, or 0.0.0.0 for every
     * address. 127.0.0.1 keeps the platform on this machine.
     * @default "127.0.0.1"
     */
    bindAddress: string;
}

export interface KubernetesSettings {
    /**
     * kubeconfig file; empty: `$KUBECONFIG` (every file it lists) or `~/.kube/config`.
     * @default ""
     */
    kubeconfig: string;
    /**
     * kubeconfig context; empty: the current one.
     * @default ""
     */
    context: string;
    /**
     * Namespace the platform is created in (a DNS label).
     * @default "streamstack"
     */
    namespace: string;
    /**
     * Address of a node that clients outside the cluster reach NodePorts on; brokers advertise
     * it on their external listener (one NodePort per broker: `ports.kafkaExternal` + i).
     * Required on the kubernetes target (the local cluster: 10.87.0.1).
     * @default ""
     */
    externalHost: string;
    /**
     * Namespaces whose pods may connect to Kafka's in-cluster listener (NetworkPolicy).
     * @default []
     */
    clientNamespaces: string[];
    /**
     * CPU each container requests, as a percentage of its CPU limit: what the scheduler
     * reserves. Lower it on a small node (the 2-core local cluster runs at 10).
     * @default 50
     */
    cpuRequestPercent: number;
    /**
     * Accept Kafka's external listener (NodePorts, reachable beyond the cluster) in plaintext
     * (`kafka.security` "plaintext") or open to anyone (`kafka.authentication` "none"):
     * preview refuses either unless this is true. docs/security.md.
     * @default false
     */
    allowInsecureKafka: boolean;
}

/** Every setting of a platform: the `streamstack:` stack config, with its defaults filled in. */
export interface PlatformSettings {
    /**
     * Where the platform runs: `docker` or `kubernetes`.
     * @default "docker"
     */
    target: Target;
    /**
     * What every JVM of the platform is tuned for. "throughput": the JVM as shipped (its JIT
     * compiles hot code up to C2). "quick-start": the JIT stops at C1 and the collector is the
     * serial one, in the ZooKeeper servers, the brokers (and the Kafka tools run beside them),
     * the Spark daemons, the applications spark-submit starts inside the platform and the jobs'
     * drivers and executors (unless a job's conf sets their options): much less
     * CPU while starting and idling, lower peak speed. For a laptop or CI machine that brings
     * platforms up often. docs/operations.md › JVM profiles.
     * @default "throughput"
     */
    jvmProfile: JvmProfile;
    /** The ZooKeeper ensemble. */
    zookeeper: ZooKeeperSettings;
    /** The Kafka brokers. */
    kafka: KafkaSettings;
    /** Spark standalone: masters, workers, scheduler limits and the checkpoint volume. */
    spark: SparkSettings;
    /** Kafka topics. */
    topics: TopicSettings[];
    /**
     * Kafka users of your own, for clients outside the platform; they need
     * kafka.authentication "scram-sha-512".
     * @default []
     */
    users: KafkaUserSettings[];
    /**
     * Streaming jobs.
     * @default []
     */
    jobs: JobSettings[];
    /** The members' images. */
    images: ImageSettings;
    /** Published ports and the address they bind to. */
    ports: PortSettings;
    /** The Kubernetes target's cluster, namespace and node address. */
    kubernetes: KubernetesSettings;
}

export const DEFAULTS: PlatformSettings = {
    target: "docker",
    jvmProfile: "throughput",
    zookeeper: { replicas: 3, heapMb: 256, tickTimeMs: 1000, initLimit: 20, syncLimit: 10, maxSessionTimeoutMs: 4000, storageSize: "1Gi", authentication: "required" },
    kafka: {
        brokers: 3,
        defaultReplicationFactor: 3,
        minInsyncReplicas: 2,
        heapMb: 512,
        numPartitions: 3,
        zookeeperChroot: "/kafka",
        storageSize: "10Gi",
        security: "by-target",
        authentication: "by-target",
        certificateAuthorities: ["ca"],
        signingCa: "",
        replication: "tls",
        internalAuthentication: "by-target",
        secureOnDocker: false,
        version: "3.9.1",
        metadata: "zookeeper",
        controllers: 3,
        controllerHeapMb: 256,
        controllerStorageSize: "1Gi",
        finalizeMigration: false,
    },
    spark: {
        masters: 2,
        workers: 2,
        workerCores: 2,
        workerMemory: "2g",
        coresMax: 4,
        defaultCores: 2,
        executorMemory: "1g",
        recoveryDir: "/spark",
        workerCleanupAppDataTtl: 604800,
        daemonHeapMb: 512,
        checkpoint: { size: "5Gi", path: "/checkpoints", storageClass: "" },
    },
    topics: [{
        key: "events", name: "events", partitions: 6, replicationFactor: 3, config: { "retention.ms": "604800000" },
        import: false, recreateOnRename: false, retainOnDelete: false, protect: false,
    }],
    users: [],
    jobs: [],
    images: {
        zookeeper: "streamstack/zookeeper:local",
        kafka: "streamstack/kafka:local",
        spark: "streamstack/spark:local",
    },
    ports: {
        zookeeperClient: 2181,
        kafkaExternal: 19092,
        sparkMasterUi: 8080,
        sparkWorkerUi: 8180,
        bindAddress: "127.0.0.1",
    },
    kubernetes: { kubeconfig: "", context: "", namespace: "streamstack", externalHost: "", clientNamespaces: [], cpuRequestPercent: 50, allowInsecureKafka: false },
};

/** Keys of the `streamstack:` config namespace, in the order docs/configuration.md documents them. */
export const TOP_LEVEL_KEYS = Object.keys(DEFAULTS) as (keyof PlatformSettings)[];

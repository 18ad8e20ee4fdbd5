/**
 * The platform's configuration contract: every key a stack file may set, with its default.
 * A stack file names only what it changes; nested objects are merged key by key.
 */

export type Target = "docker" | "kubernetes";

export interface ZooKeeperSettings {
    /** Servers in the ensemble; odd, so a majority survives the loss of (n-1)/2 servers. */
    replicas: number;
    /** JVM heap of each server, in MiB. */
    heapMb: number;
    /** ZooKeeper tick in milliseconds; initLimit/syncLimit are counted in ticks. */
    tickTimeMs: number;
    initLimit: number;
    /**
     * The longest session a client gets, in ms. Spark's masters ask for 60 s (hard-coded), so
     * this cap decides how long a standby waits for a dead leader's session to expire.
     */
    maxSessionTimeoutMs: number;
    syncLimit: number;
    /** Size of each server's data volume (Kubernetes PVC; Docker volumes are unsized). */
    storageSize: string;
}

export interface KafkaSettings {
    brokers: number;
    defaultReplicationFactor: number;
    minInsyncReplicas: number;
    heapMb: number;
    /** Default partitions of auto-created topics (auto-creation is off; this is for kafka-topics.sh). */
    numPartitions: number;
    /** ZooKeeper chroot holding this cluster's znodes. */
    zookeeperChroot: string;
    storageSize: string;
}

export interface CheckpointSettings {
    /** Size of the shared checkpoint volume. */
    size: string;
    /** Mount path of the checkpoint volume, the same in every master and worker. */
    path: string;
    /** Kubernetes storage class of the ReadWriteMany claim; empty = cluster default. */
    storageClass: string;
}

export interface SparkSettings {
    masters: number;
    workers: number;
    workerCores: number;
    workerMemory: string;
    coresMax: number;
    defaultCores: number;
    executorMemory: string;
    /** ZooKeeper znode under which standby masters find the recovery state. */
    recoveryDir: string;
    /** Seconds after which a stopped application's work dirs are deleted by the worker. */
    workerCleanupAppDataTtl: number;
    /** Heap of the master and worker daemons themselves (not executors), in MiB. */
    daemonHeapMb: number;
    checkpoint: CheckpointSettings;
}

export interface TopicSettings {
    /**
     * The entry's stable identity (its Pulumi resource name); defaults to `name`. It is what
     * makes a rename a rename: change `name`, keep `key`, and the preview refuses it (Kafka
     * cannot rename a topic) unless `recreateOnRename` accepts deleting the old one.
     */
    key: string;
    name: string;
    partitions: number;
    replicationFactor: number;
    config: Record<string, string>;
    /** Adopt (import) a topic that already exists on the cluster instead of refusing to create it. */
    import: boolean;
    /** Accept that a rename deletes the topic under its old name, with every message in it. */
    recreateOnRename: boolean;
    /** Keep the topic on the cluster when it is removed from the stack. */
    retainOnDelete: boolean;
    /** Refuse to delete the topic at all until this is set back to false. */
    protect: boolean;
}

/** A streaming job run on the cluster (`streamstack:spark:StreamingJob`); defaults: the sample job. */
export interface JobSettings {
    /** Resource name, spark.app.name and the checkpoint directory's name (<checkpoint.path>/<name>). */
    name: string;
    mainClass: string;
    /** Jar URL every worker can read; the sample job is in the image. */
    jar: string;
    /** The job's `--name value` arguments. */
    args: Record<string, string>;
    /** spark.cores.max of the job: at most the cluster's spark.coresMax. */
    cores: number;
    executorMemory: string;
    driverMemory: string;
    driverCores: number;
    /** More Spark properties for the job. */
    conf: Record<string, string>;
}

/** The sample job baked into the Spark image (components/spark/sample-job.ts): where a job entry's jar and entry point default to. */
export const SAMPLE_JOB_ENTRY = {
    mainClass: "streamstack.jobs.WindowedCounts",
    jar: "file:/opt/spark/jobs/windowed-counts.jar",
} as const;

/** What a job's driver gets unless it says otherwise (stack config, component and provider alike). */
export const DRIVER_DEFAULTS = { driverMemory: "512m", driverCores: 1 };

/** A job entry's defaults: everything but the name and the free-form maps. */
export const JOB_DEFAULTS = {
    mainClass: SAMPLE_JOB_ENTRY.mainClass as string,
    jar: SAMPLE_JOB_ENTRY.jar as string,
    cores: 2,
    executorMemory: "512m",
    ...DRIVER_DEFAULTS,
};

export interface ImageSettings {
    zookeeper: string;
    kafka: string;
    spark: string;
}

/** Host-side port bases (Docker publishes member i on base + i, on 127.0.0.1 only). */
export interface PortSettings {
    zookeeperClient: number;
    kafkaExternal: number;
    sparkMasterUi: number;
    sparkWorkerUi: number;
    /** Spark masters' REST submission gateway (where StreamingJob submits drivers). */
    sparkMasterRest: number;
    /** Address published ports bind to; 127.0.0.1 unless you mean to expose the platform. */
    bindAddress: string;
}

export interface KubernetesSettings {
    /** kubeconfig file; empty = $KUBECONFIG or ~/.kube/config. */
    kubeconfig: string;
    /** kubeconfig context; empty = current context. */
    context: string;
    namespace: string;
    /**
     * Address of a node that clients outside the cluster reach NodePorts on; brokers advertise
     * it on their external listener (one NodePort per broker: ports.kafkaExternal + i).
     */
    externalHost: string;
    /** Namespaces whose pods may connect to Kafka's in-cluster listener (NetworkPolicy). */
    clientNamespaces: string[];
    /**
     * CPU each container requests, as a percentage of its CPU limit: what the scheduler
     * reserves. Lower it on a small node (the 2-core local cluster runs at 10).
     */
    cpuRequestPercent: number;
}

export interface PlatformSettings {
    target: Target;
    zookeeper: ZooKeeperSettings;
    kafka: KafkaSettings;
    spark: SparkSettings;
    topics: TopicSettings[];
    jobs: JobSettings[];
    images: ImageSettings;
    ports: PortSettings;
    kubernetes: KubernetesSettings;
}

export const DEFAULTS: PlatformSettings = {
    target: "docker",
    zookeeper: { replicas: 3, heapMb: 256, tickTimeMs: 2000, initLimit: 10, syncLimit: 5, maxSessionTimeoutMs: 10000, storageSize: "1Gi" },
    kafka: {
        brokers: 3,
        defaultReplicationFactor: 3,
        minInsyncReplicas: 2,
        heapMb: 512,
        numPartitions: 3,
        zookeeperChroot: "/kafka",
        storageSize: "10Gi",
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
        sparkMasterRest: 6066,
        bindAddress: "127.0.0.1",
    },
    kubernetes: { kubeconfig: "", context: "", namespace: "streamstack", externalHost: "", clientNamespaces: [], cpuRequestPercent: 50 },
};

/** Keys of the `streamstack:` config namespace, in the order the README documents them. */
export const TOP_LEVEL_KEYS = Object.keys(DEFAULTS) as (keyof PlatformSettings)[];

import * as pulumi from "@pulumi/pulumi";
import { KafkaTopic } from "../kafka/topic";
import { PlatformSettings } from "../config";
import { KafkaCluster } from "../kafka";
import { SparkCluster } from "../spark";
import { JOB_CONF_DEFAULTS, renderJobArgs, SAMPLE_JOB, sampleJobArgs } from "../spark/sample-job";
import { StreamingJob } from "../spark/streaming-job";
import { ZooKeeperEnsemble } from "../zookeeper";
import { Target, TargetFactory } from "../model/target";

export interface StreamingPlatformArgs {
    /** Validated settings (see components/config: resolveSettings). */
    settings: PlatformSettings;
    /** Where the platform runs: a target's factory (targets/docker, targets/kubernetes), chosen by the program. */
    target: TargetFactory;
}

/** ZooKeeper, Kafka and Spark standalone HA, composed from one settings object. */
export class StreamingPlatform extends pulumi.ComponentResource {
    readonly zookeeper: ZooKeeperEnsemble;
    readonly kafka: KafkaCluster;
    readonly spark: SparkCluster;
    /** One resource per `streamstack:topics` entry, created through the brokers' external listener. */
    readonly topics: KafkaTopic[];
    /** One resource per `streamstack:jobs` entry, submitted once the cluster and topics exist. */
    readonly jobs: StreamingJob[];
    /** The adapter the platform was declared through (streamstack:target). */
    readonly target: Target;

    constructor(name: string, args: StreamingPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:platform:StreamingPlatform", name, {}, opts);
        const { settings } = args;
        const target = args.target(this);
        this.target = target;
        const bindAddress = target.hostAddress;

        this.zookeeper = new ZooKeeperEnsemble("zookeeper", {
            settings: settings.zookeeper,
            image: settings.images.zookeeper,
            clientPortBase: settings.ports.zookeeperClient,
            bindAddress,
            target,
        }, { parent: this });
        const zookeeperConnect = this.zookeeper.plainConnectString;

        this.kafka = new KafkaCluster("kafka", {
            settings: settings.kafka,
            image: settings.images.kafka,
            zookeeperConnect,
            zookeeperMembers: this.zookeeper.members,
            externalPortBase: settings.ports.kafkaExternal,
            bindAddress,
            target,
        }, { parent: this });

        this.spark = new SparkCluster("spark", {
            settings: settings.spark,
            image: settings.images.spark,
            zookeeperConnect,
            zookeeperMembers: this.zookeeper.members,
            masterUiPortBase: settings.ports.sparkMasterUi,
            workerUiPortBase: settings.ports.sparkWorkerUi,
            masterRestPortBase: settings.ports.sparkMasterRest,
            bindAddress,
            target,
        }, { parent: this });

        // The resource name is the entry's key, not the topic name, so a rename in config is
        // seen as one: the provider refuses it unless recreateOnRename accepts the data loss.
        this.topics = settings.topics.map((topic) => new KafkaTopic(topic.key, {
            name: topic.name,
            partitions: topic.partitions,
            replicationFactor: topic.replicationFactor,
            config: topic.config,
            bootstrapServers: this.kafka.bootstrapServers,
            adoptExisting: topic.import,
            recreateOnRename: topic.recreateOnRename,
        }, {
            parent: this.kafka,
            retainOnDelete: topic.retainOnDelete,
            protect: topic.protect,
        }));

        const checkpointPath = settings.spark.checkpoint.path;
        this.jobs = settings.jobs.map((job) => new StreamingJob(job.name, {
            appName: job.name,
            jar: job.jar,
            mainClass: job.mainClass,
            args: job.mainClass === SAMPLE_JOB.mainClass
                ? this.kafka.internalBootstrapServers.apply((bootstrap) => sampleJobArgs(job.args, bootstrap, `${checkpointPath}/${job.name}`))
                : renderJobArgs(job.args),
            cores: job.cores,
            executorMemory: job.executorMemory,
            driverMemory: job.driverMemory,
            driverCores: job.driverCores,
            sparkConf: { ...JOB_CONF_DEFAULTS, ...job.conf },
            masterUrl: this.spark.masterUrl,
            masterRestUrls: this.spark.masterRestUrls,
            masterUiUrls: this.spark.masterUiUrls,
            limits: this.spark.limits,
            checkpointBoundArgs: job.mainClass === SAMPLE_JOB.mainClass ? [...SAMPLE_JOB.checkpointBoundArgs] : [],
        }, { parent: this, dependsOn: [this.spark, ...this.topics] }));

        this.registerOutputs({});
    }
}

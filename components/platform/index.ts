import * as pulumi from "@pulumi/pulumi";
import { KafkaTopic } from "../kafka/topic";
import { PlatformSettings } from "../config";
import { KafkaCluster } from "../kafka";
import { SparkCluster } from "../spark";
import { ZooKeeperEnsemble } from "../zookeeper";
import { targetFor } from "./target-for";

export interface StreamingPlatformArgs {
    /** Validated settings (see components/config: resolveSettings). */
    settings: PlatformSettings;
    /** Stack name; part of every resource name and label, so stacks never collide. */
    stack: string;
}

/** ZooKeeper, Kafka and Spark standalone HA, composed from one settings object. */
export class StreamingPlatform extends pulumi.ComponentResource {
    readonly zookeeper: ZooKeeperEnsemble;
    readonly kafka: KafkaCluster;
    readonly spark: SparkCluster;
    /** One resource per `streamstack:topics` entry, created through the brokers' external listener. */
    readonly topics: KafkaTopic[];

    constructor(name: string, args: StreamingPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:platform:StreamingPlatform", name, {}, opts);
        const { settings, stack } = args;
        const target = targetFor(settings, stack, this);
        const bindAddress = settings.ports.bindAddress;

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

        this.registerOutputs({});
    }
}

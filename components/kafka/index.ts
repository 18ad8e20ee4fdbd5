import * as pulumi from "@pulumi/pulumi";
import { Target } from "../model/target";
import { KafkaSettings } from "../config";
import { externalBootstrap, internalBootstrap, kafkaWorkload } from "./render";
import { ZOOKEEPER_CLIENT_JAAS } from "../zookeeper/sasl";
import { ZooKeeperLogin } from "../zookeeper";

export interface KafkaClusterArgs {
    /** Broker count, replication defaults, heap, chroot (validated settings). */
    settings: KafkaSettings;
    /** Image laid out like apache/kafka (/opt/kafka/bin/kafka-server-start.sh). */
    image: string;
    /** ZooKeeper connect string without chroot, from ZooKeeperEnsemble.connectString. */
    zookeeperConnect: string;
    /** Resources the brokers wait on (the ZooKeeper servers). */
    zookeeperMembers: pulumi.Resource[];
    /** How the brokers log in to ZooKeeper (ZooKeeperEnsemble.clientLogin("kafka")). */
    zookeeperLogin: ZooKeeperLogin;
    /** Broker i's external listener is advertised as bindAddress:externalPortBase + i. */
    externalPortBase: number;
    bindAddress: string;
    target: Target;
}

/** Kafka brokers in ZooKeeper mode, with an internal and a host-facing listener each. */
export class KafkaCluster extends pulumi.ComponentResource {
    /** Bootstrap servers for clients on the host. */
    readonly bootstrapServers: pulumi.Output<string>;
    /** Bootstrap servers for clients inside the platform. */
    readonly internalBootstrapServers: pulumi.Output<string>;
    /** Znode under which this cluster keeps its metadata. */
    readonly zookeeperChroot: pulumi.Output<string>;
    readonly brokers: pulumi.Resource[];

    constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:kafka:KafkaCluster", name, {}, opts);
        const group = kafkaWorkload({
            kafka: args.settings,
            zookeeperConnect: args.zookeeperConnect,
            addressing: args.target.addressing,
            externalHost: args.bindAddress,
            externalPortBase: args.externalPortBase,
            protectZnodes: args.zookeeperLogin.protectZnodes,
        }, args.image);
        this.brokers = args.target.deployGroup(group, this, args.zookeeperMembers, { [ZOOKEEPER_CLIENT_JAAS]: args.zookeeperLogin.jaas });
        // Outputs resolve only once the brokers exist, so dependents (topics) wait for them.
        const ready = pulumi.all(this.brokers.map((b) => (b as pulumi.CustomResource).urn));
        this.bootstrapServers = ready.apply(() => externalBootstrap(args.settings.brokers, args.bindAddress, args.externalPortBase));
        this.internalBootstrapServers = ready.apply(() => internalBootstrap(args.settings.brokers, args.target.addressing));
        this.zookeeperChroot = pulumi.output(args.settings.zookeeperChroot);
        this.registerOutputs({
            bootstrapServers: this.bootstrapServers,
            internalBootstrapServers: this.internalBootstrapServers,
            zookeeperChroot: this.zookeeperChroot,
        });
    }
}

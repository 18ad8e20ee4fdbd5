import * as pulumi from "@pulumi/pulumi";
import { KafkaAuth } from "../model/state-access";
import { KAFKA_TOPIC_TYPE, PROVIDER_VERSION } from "../model/resource-tokens";

export interface KafkaTopicArgs {
    /** Topic name; Kafka's rules apply ([a-zA-Z0-9._-], at most 249 characters). */
    name: pulumi.Input<string>;
    partitions: pulumi.Input<number>;
    replicationFactor: pulumi.Input<number>;
    /** Topic-level configs (retention.ms, cleanup.policy, min.insync.replicas, ...). */
    config?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** From KafkaCluster.bootstrapServers, so the topic waits for the brokers. */
    bootstrapServers: pulumi.Input<string>;
    /** A rename deletes the old topic and its data; false (the default) refuses it at preview. */
    recreateOnRename?: pulumi.Input<boolean>;
    /** Take over the topic if it already exists when created, bringing it to this shape. */
    adoptExisting?: pulumi.Input<boolean>;
    /** SASL credentials when the cluster needs them; stored as a Pulumi secret. */
    auth?: pulumi.Input<KafkaAuth>;
    /** The CA certificate (PEM) the external listener is verified against when it speaks TLS (KafkaCluster.caCertificate). */
    caCertificate?: pulumi.Input<string | undefined>;
}

/**
 * A Kafka topic (`streamstack:kafka:Topic`): created, changed in place, refreshed, imported
 * (`pulumi import streamstack:kafka:Topic <name> <topic>`) and deleted by the streamstack
 * provider through Kafka's admin API.
 */
export class KafkaTopic extends pulumi.CustomResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly partitions: pulumi.Output<number>;
    declare readonly replicationFactor: pulumi.Output<number>;
    declare readonly config: pulumi.Output<Record<string, string>>;
    declare readonly bootstrapServers: pulumi.Output<string>;

    constructor(name: string, args: KafkaTopicArgs, opts?: pulumi.CustomResourceOptions) {
        super(KAFKA_TOPIC_TYPE, name, {
            name: args.name,
            partitions: args.partitions,
            replicationFactor: args.replicationFactor,
            config: args.config ?? {},
            bootstrapServers: args.bootstrapServers,
            recreateOnRename: args.recreateOnRename ?? false,
            adoptExisting: args.adoptExisting ?? false,
            auth: args.auth === undefined ? undefined : pulumi.secret(args.auth),
            caCertificate: args.caCertificate,
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["auth"] });
    }
}

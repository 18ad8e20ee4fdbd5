import * as pulumi from "@pulumi/pulumi";
import { ClientPlace } from "../model/target";
import { KAFKA_METADATA_MIGRATION_TYPE, PROVIDER_VERSION, ZOOKEEPER_HANDBACK_TYPE } from "../model/resource-tokens";

/** How the provider reaches ZooKeeper for a migration: from a one-shot of the Kafka image beside the members, logged in as the brokers are. */
export interface MigrationZooKeeperAccess {
    /** Where the one-shot runs (Target.clientPlace, the Kafka image). */
    place: pulumi.Input<ClientPlace>;
    /** The brokers' connect string with the cluster's chroot. */
    zookeeper: pulumi.Input<string>;
    /** The brokers' ZooKeeper login (a JAAS file's text); a secret. */
    jaas: pulumi.Input<string>;
}

export interface KafkaMetadataMigrationArgs extends MigrationZooKeeperAccess {
    /** How long the copy may take before the `up` fails, in seconds. */
    timeoutSeconds: number;
}

/**
 * `streamstack:kafka:MetadataMigration`: made once the migration's controllers run (kafka.metadata
 * "migration"), it waits until their active one has copied ZooKeeper's metadata and writes every
 * change to both (dual write), as ZooKeeper shows it; the brokers' step onto KRaft waits on it.
 */
export class KafkaMetadataMigration extends pulumi.CustomResource {
    /** What ZooKeeper held when the copy was seen done: the claim on /controller and /migration. */
    declare readonly seen: pulumi.Output<string>;

    constructor(name: string, args: KafkaMetadataMigrationArgs, opts?: pulumi.CustomResourceOptions) {
        super(KAFKA_METADATA_MIGRATION_TYPE, name, {
            place: args.place,
            zookeeper: args.zookeeper,
            jaas: pulumi.secret(args.jaas),
            timeoutSeconds: args.timeoutSeconds,
            seen: undefined,
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["jaas"] });
    }
}

export interface ZooKeeperHandbackArgs extends MigrationZooKeeperAccess {
    /** Whether deleting it hands ZooKeeper back: while the controllers write to it; not once the migration is finalized. */
    handBack: pulumi.Input<boolean>;
}

/**
 * `streamstack:kafka:ZooKeeperHandback`: declared with a migration's controllers, which depend on
 * it, so that when a step back removes them it is deleted after them: then it deletes the KRaft
 * controller's claim on /controller and the migration's state, and the brokers, still in ZooKeeper
 * mode, elect a controller of their own (Kafka's documented way back). Nothing on create.
 */
export class ZooKeeperHandback extends pulumi.CustomResource {
    constructor(name: string, args: ZooKeeperHandbackArgs, opts?: pulumi.CustomResourceOptions) {
        super(ZOOKEEPER_HANDBACK_TYPE, name, {
            place: args.place,
            zookeeper: args.zookeeper,
            jaas: pulumi.secret(args.jaas),
            handBack: args.handBack,
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["jaas"] });
    }
}

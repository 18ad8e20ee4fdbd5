import * as pulumi from "@pulumi/pulumi";
import { KafkaAuth } from "../model/state-access";
import { KAFKA_METADATA_VERSION_TYPE, PROVIDER_VERSION } from "../model/resource-tokens";

export interface KafkaMetadataVersionArgs {
    /** The release line every member runs (`kafka.version`'s major.minor, "4.4"); a new one raises the level. */
    release: pulumi.Input<string>;
    /** From KafkaCluster.bootstrapServers, so the level is asked for once the brokers have rolled. */
    bootstrapServers: pulumi.Input<string>;
    /** The CA the external listener is verified against when it speaks TLS (KafkaCluster.caCertificate). */
    caCertificate?: pulumi.Input<string | undefined>;
    /** The admin login, when the external listener requires one (KafkaCluster.adminLogin); a secret. */
    auth?: pulumi.Input<KafkaAuth | undefined>;
}

/**
 * A KRaft cluster's metadata.version (`streamstack:kafka:MetadataVersion`): Kafka keeps writing
 * its metadata at the old level after the members move to a new release, until it is raised;
 * the streamstack provider raises it once every broker runs the new release (the `up` whose
 * roll put the last one there), to the highest level they all support.
 */
export class KafkaMetadataVersion extends pulumi.CustomResource {
    /** The finalized feature level after the last create or update. */
    declare readonly level: pulumi.Output<number>;

    constructor(name: string, args: KafkaMetadataVersionArgs, opts?: pulumi.CustomResourceOptions) {
        super(KAFKA_METADATA_VERSION_TYPE, name, {
            release: args.release,
            bootstrapServers: args.bootstrapServers,
            caCertificate: args.caCertificate,
            auth: args.auth === undefined ? undefined : pulumi.secret(args.auth),
            level: undefined,
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["auth"] });
    }
}

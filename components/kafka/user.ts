import * as pulumi from "@pulumi/pulumi";
import { KafkaAuth } from "../model/state-access";
import { KAFKA_USER_TYPE, PROVIDER_VERSION } from "../model/resource-tokens";

export interface KafkaUserArgs {
    /** The login's name and its principal `User:<name>`. */
    name: pulumi.Input<string>;
    /**
     * What the user may do: resource → operations (`{"topic:events": ["read", "describe"]}`,
     * docs/configuration.md › streamstack:users); nothing else is allowed.
     */
    acls?: pulumi.Input<Record<string, pulumi.Input<string[]>>>;
    /** The SCRAM-SHA-512 password; when absent the provider generates one (32 random bytes) and keeps it. */
    password?: pulumi.Input<string>;
    /**
     * false: a principal that never logs in — ANONYMOUS, whoever uses a listener without logins —
     * given ACLs only, no credential (and no password). Default true.
     */
    login?: pulumi.Input<boolean>;
    /** Take over a login that already exists: its password becomes this one, its ACLs these. */
    adoptExisting?: pulumi.Input<boolean>;
    /** From KafkaCluster.bootstrapServers, so the user waits for the brokers. */
    bootstrapServers: pulumi.Input<string>;
    /** The CA the external listener is verified against when it speaks TLS (KafkaCluster.caCertificate). */
    caCertificate?: pulumi.Input<string | undefined>;
    /** The login the provider administers users with (KafkaCluster.adminLogin); a secret. */
    auth: pulumi.Input<KafkaAuth>;
}

/**
 * A Kafka user (`streamstack:kafka:User`), the way Strimzi's KafkaUser is one: a SCRAM-SHA-512
 * credential and its ACLs, created, changed, refreshed (drift of either shows) and deleted by
 * the streamstack provider through Kafka's admin API.
 */
export class KafkaUser extends pulumi.CustomResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly acls: pulumi.Output<Record<string, string[]>>;
    /** The password (a secret): the one given, or the one the provider generated. */
    declare readonly password: pulumi.Output<string>;

    constructor(name: string, args: KafkaUserArgs, opts?: pulumi.CustomResourceOptions) {
        super(KAFKA_USER_TYPE, name, {
            name: args.name,
            acls: args.acls ?? {},
            password: args.password === undefined ? undefined : pulumi.secret(args.password),
            login: args.login ?? true,
            adoptExisting: args.adoptExisting ?? false,
            bootstrapServers: args.bootstrapServers,
            caCertificate: args.caCertificate,
            auth: pulumi.secret(args.auth),
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["password", "auth"] });
    }
}

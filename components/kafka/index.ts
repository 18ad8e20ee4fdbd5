import * as pulumi from "@pulumi/pulumi";
import { Target } from "../model/target";
import { JvmProfile, KafkaSettings } from "../config";
import { KafkaInternalAuthentication } from "../config/defaults";
import { brokerKeyStoreFile, brokersNeedCertificates, externalBootstrap, internalBootstrap, kafkaWorkload } from "./render";
import { hasReplicationListener, REPLICATION_TRUST_FILE } from "./replication";
import { ZOOKEEPER_CLIENT_JAAS } from "../zookeeper/sasl";
import { ZooKeeperLogin } from "../zookeeper";
import { ExternalListenerAuthentication, ExternalListenerSecurity } from "./listener-security";
import { ADMIN_CLIENT_PROPERTIES_FILE, ADMIN_CREDENTIAL_FILE, ADMIN_USERNAME, adminLogin, renderAdminClientProperties, renderAdminCredential, SCRAM_MECHANISM } from "./admin-login";
import { hasClientsListener } from "./internal-authentication";
import { GeneratedSecret } from "../security/generated-secret";
import { KafkaAuth, pemBundle, renderStateLogin, STATE_LOGIN_FILE } from "../model/state-access";
import { BROKER_CERTIFICATE_VALIDITY_DAYS, brokerKeyStore, brokerSubjectNames, CA_VALIDITY_DAYS, controllerSubjectNames, SubjectNames } from "./broker-certificates";
import { CLUSTER_ID_FILE, hasDedicatedControllers, kafkaRelease, usesKraft } from "./kraft";
import { controllersDualWrite, isMigrated, migrationProgress, runsMigrationControllers } from "./migration";
import { KafkaMetadataMigration, MigrationZooKeeperAccess, ZooKeeperHandback } from "./migration-resources";
import { controllerKeyStoreFile, controllerWorkload } from "./controllers";
import { Certificate, CertificateAuthority } from "../security/certificates";
import { CaRotationGuard } from "../security/ca-rotation-guard";
import { caCommonName, caResourceName, caTrust } from "./ca-rotation";
import { range } from "../model/addressing";
import { KafkaUser } from "./user";
import { KafkaMetadataVersion } from "./metadata-version";
import { TOPIC_MANAGER_ACLS, TOPIC_MANAGER_USERNAME, topicManagerLogin } from "./topic-manager";
import { anonymousAcls, anonymousIsSuperUser, IN_PLATFORM_PRINCIPAL } from "./in-platform-clients";

/** How long a migration's controllers may take to copy ZooKeeper's metadata, once they run. */
const METADATA_COPY_TIMEOUT_SECONDS = 300;

export interface KafkaClusterArgs {
    /** Broker count, replication defaults, heap, chroot (validated settings). */
    settings: KafkaSettings;
    /** What the members' JVMs are tuned for (the platform's jvmProfile); default "throughput". */
    jvmProfile?: JvmProfile;
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
    /** What the external listener speaks (kafka.security resolved for the target). */
    externalSecurity: ExternalListenerSecurity;
    /** Who the external listener lets in (kafka.authentication resolved for the target). */
    externalAuthentication: ExternalListenerAuthentication;
    /** Who the listeners inside the platform let in (kafka.internalAuthentication resolved for the target). */
    internalAuthentication: KafkaInternalAuthentication;
    target: Target;
}

/**
 * Kafka brokers, with an internal and a host-facing listener each, keeping their metadata in
 * ZooKeeper or in a KRaft quorum (kafka.metadata): of dedicated controllers or of the brokers.
 */
export class KafkaCluster extends pulumi.ComponentResource {
    /** Bootstrap servers for clients on the host. */
    readonly bootstrapServers: pulumi.Output<string>;
    /** Bootstrap servers for clients inside the platform (CLIENTS, with a login, when kafka.internalAuthentication asks for one). */
    readonly internalBootstrapServers: pulumi.Output<string>;
    /** Znode under which this cluster keeps its metadata; undefined on KRaft, which keeps none in ZooKeeper. */
    readonly zookeeperChroot: pulumi.Output<string | undefined>;
    /**
     * The CA certificates (PEM, one per kafka.certificateAuthorities entry: two while a rotation
     * is under way) host clients verify the external listener against, when it speaks TLS;
     * undefined in plaintext.
     */
    readonly caCertificate: pulumi.Output<string | undefined>;
    /**
     * The platform admin's login (a secret), when the external listener requires one: what the
     * platform's own clients (topics, readiness checks) log in as; undefined when it is open.
     */
    readonly adminLogin: pulumi.Output<KafkaAuth | undefined>;
    /** That login's principal (not a secret); undefined when the listener is open. */
    readonly adminUsername: pulumi.Output<string | undefined>;
    /** That login's password (a secret); undefined when the listener is open. */
    readonly adminPassword: pulumi.Output<string | undefined>;
    /**
     * The login topics are managed with (a secret), when the listener requires one: a user
     * allowed every topic's create, delete, partitions and configs, nothing else
     * (components/kafka/topic-manager.ts); undefined when the listener is open.
     */
    readonly topicManagerLogin: pulumi.Output<KafkaAuth | undefined>;
    readonly brokers: pulumi.Resource[];
    /** The dedicated KRaft controllers' group (its readiness gate); empty in ZooKeeper and combined mode. */
    readonly controllers: pulumi.Resource[];

    constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:kafka:KafkaCluster", name, {}, opts);
        const group = kafkaWorkload({
            kafka: args.settings,
            zookeeperConnect: args.zookeeperConnect,
            addressing: args.target.addressing,
            externalHost: args.bindAddress,
            externalPortBase: args.externalPortBase,
            protectZnodes: args.zookeeperLogin.protectZnodes,
            externalSecurity: args.externalSecurity,
            externalAuthentication: args.externalAuthentication,
            internalAuthentication: args.internalAuthentication,
            jvmProfile: args.jvmProfile,
        }, args.image);
        const certificates = brokersNeedCertificates({ externalSecurity: args.externalSecurity, kafka: args.settings })
            ? this.certificateAuthorities(name, args.settings) : undefined;
        const keyStores = certificates ? this.brokerKeyStores(name, certificates.signer, certificates.guard, args) : {};
        // The brokers trust every CA clients do: during a rotation a restarted broker shows a
        // certificate the new CA signed to peers that have not restarted yet.
        const replicationTrust: Record<string, pulumi.Output<string>> = certificates && hasReplicationListener(args.settings.replication)
            ? { [REPLICATION_TRUST_FILE]: certificates.bundle } : {};
        // What clients of the external listener verify it against: only when it speaks TLS.
        const tls = args.externalSecurity === "tls" ? certificates : undefined;
        const adminPassword = args.externalAuthentication === "scram-sha-512"
            ? new GeneratedSecret(`${name}-admin-password`, { purpose: `Kafka password of the ${ADMIN_USERNAME} principal (${SCRAM_MECHANISM})` }, { parent: this }).value
            : undefined;
        const login = adminPassword && pulumi.secret(adminPassword.apply(adminLogin));
        // KRaft: the cluster id every member formats its storage with, made once and kept (a
        // migrated cluster keeps the one ZooKeeper mode made).
        const clusterId: Record<string, pulumi.Output<string>> = usesKraft(args.settings) && !isMigrated(args.settings)
            ? { [CLUSTER_ID_FILE]: new GeneratedSecret(`${name}-cluster-id`, { purpose: "Kafka cluster id (KRaft)", bytes: 16 }, { parent: this }).value }
            : {};
        // Said at every preview and up while the stack is mid-migration: where it stands, what comes next.
        const progress = migrationProgress(args.settings);
        if (progress) void pulumi.log.info(`kafka.metadata "${args.settings.metadata}": ${progress}`, this);
        const dualWrite = controllersDualWrite(args.settings);
        const migration = runsMigrationControllers(args.settings) ? this.migrationAccess(args) : undefined;
        // Declared before the migration's controllers, which depend on it: a step back deletes it after them.
        const handback = migration && new ZooKeeperHandback(`${name}-zookeeper-handback`, { ...migration, handBack: dualWrite }, { parent: this });
        this.controllers = certificates && hasDedicatedControllers(args.settings)
            ? args.target.deployGroup(controllerWorkload({ kafka: args.settings, addressing: args.target.addressing, brokers: group,
                logins: args.externalAuthentication === "scram-sha-512", jvmProfile: args.jvmProfile,
                ...(dualWrite ? { zookeeper: { connect: args.zookeeperConnect, protectZnodes: args.zookeeperLogin.protectZnodes } } : {}),
            }, args.image), this, [...(dualWrite ? args.zookeeperMembers : []), ...(handback ? [handback] : [])], {
                ...clusterId,
                ...(dualWrite ? { [ZOOKEEPER_CLIENT_JAAS]: args.zookeeperLogin.jaas } : {}),
                ...replicationTrust,
                ...this.controllerKeyStores(name, certificates.signer, certificates.guard, args),
                ...(adminPassword ? { [ADMIN_CREDENTIAL_FILE]: adminPassword.apply(renderAdminCredential) } : {}),
                ...(login ? { [STATE_LOGIN_FILE]: login.apply(renderStateLogin) } : {}),
            }, { caCertificate: tls?.bundle, memberCa: tls?.signer.certificatePem, login })
            : [];
        // The brokers step onto KRaft only once the controllers write to both (dual write).
        const copied = migration && dualWrite
            ? [new KafkaMetadataMigration(`${name}-metadata-migration`, { ...migration, timeoutSeconds: METADATA_COPY_TIMEOUT_SECONDS }, { parent: this, dependsOn: this.controllers })]
            : [];
        const brokersAfter = usesKraft(args.settings) ? [...this.controllers, ...copied] : args.zookeeperMembers;
        this.brokers = args.target.deployGroup(group, this, brokersAfter, {
            ...clusterId,
            [ZOOKEEPER_CLIENT_JAAS]: args.zookeeperLogin.jaas,
            ...keyStores,
            ...replicationTrust,
            ...(adminPassword ? { [ADMIN_CREDENTIAL_FILE]: adminPassword.apply(renderAdminCredential) } : {}),
            ...(login ? { [STATE_LOGIN_FILE]: login.apply(renderStateLogin) } : {}),
            ...(adminPassword && hasClientsListener(args.internalAuthentication) ? { [ADMIN_CLIENT_PROPERTIES_FILE]: adminPassword.apply(renderAdminClientProperties) } : {}),
        }, { caCertificate: tls?.bundle, memberCa: tls?.signer.certificatePem, login });
        // Outputs resolve only once the brokers exist, so dependents (topics) wait for them.
        const ready = pulumi.all(this.brokers.map((b) => (b as pulumi.CustomResource).urn));
        this.bootstrapServers = ready.apply(() => externalBootstrap(args.settings.brokers, args.bindAddress, args.externalPortBase));
        this.internalBootstrapServers = ready.apply(() => internalBootstrap(args.settings.brokers, args.target.addressing, args.internalAuthentication));
        this.zookeeperChroot = pulumi.output(usesKraft(args.settings) ? undefined : args.settings.zookeeperChroot);
        this.caCertificate = tls ? tls.bundle : pulumi.output(undefined);
        this.adminLogin = login ? ready.apply(() => login) : pulumi.output(undefined);
        this.adminUsername = pulumi.output(login ? ADMIN_USERNAME : undefined);
        this.adminPassword = this.adminLogin.apply((admin) => admin?.password);
        this.topicManagerLogin = login ? pulumi.secret(this.topicManager(name).password.apply(topicManagerLogin)) : pulumi.output(undefined);
        // ZooKeeper mode writes ANONYMOUS's ACLs before a broker starts (start.sh); KRaft has no
        // such store, so the platform makes them through the admin login once the brokers run.
        // A migration brings ZooKeeper mode's over; until it is finalized they are not this
        // resource's: a step back would remove it, and with it the ACLs the brokers, back in
        // ZooKeeper mode, still need (ANONYMOUS's describe, for their readiness check).
        if (login && usesKraft(args.settings) && args.settings.metadata !== "kraft-brokers" && !anonymousIsSuperUser(args.settings.replication)) {
            this.anonymousAcls(name, args.internalAuthentication);
        }
        if (usesKraft(args.settings)) this.metadataVersion(name, args.settings.version);
        this.registerOutputs({
            caCertificate: this.caCertificate,
            adminLogin: this.adminLogin,
            adminUsername: this.adminUsername,
            bootstrapServers: this.bootstrapServers,
            internalBootstrapServers: this.internalBootstrapServers,
            zookeeperChroot: this.zookeeperChroot,
        });
    }

    /** How the provider reads and changes a migration's state in ZooKeeper: a one-shot of the Kafka image, logged in as the brokers. */
    private migrationAccess(args: KafkaClusterArgs): MigrationZooKeeperAccess {
        return {
            place: args.target.clientPlace({ image: args.image, component: "kafka-migration", runAsUser: 1000 }),
            zookeeper: `${args.zookeeperConnect}${args.settings.zookeeperChroot}`,
            jaas: args.zookeeperLogin.jaas,
        };
    }

    /** ANONYMOUS (INTERNAL's and PROBE's clients) as a principal without a login: its ACLs only. */
    private anonymousAcls(name: string, step: KafkaInternalAuthentication): KafkaUser {
        return new KafkaUser(`${name}-anonymous`, {
            name: IN_PLATFORM_PRINCIPAL.replace(/^User:/, ""),
            login: false,
            acls: Object.fromEntries(Object.entries(anonymousAcls(step)).map(([resource, operations]) => [resource, [...operations]])),
            bootstrapServers: this.bootstrapServers,
            caCertificate: this.caCertificate,
            auth: this.adminLogin as pulumi.Output<KafkaAuth>,
        }, { parent: this });
    }

    /** KRaft: metadata.version follows the release the members run, raised once they all run it. */
    private metadataVersion(name: string, version: string): KafkaMetadataVersion {
        const release = kafkaRelease(version);
        return new KafkaMetadataVersion(`${name}-metadata-version`, {
            release: release ? `${release.major}.${release.minor}` : version,
            bootstrapServers: this.bootstrapServers,
            caCertificate: this.caCertificate,
            auth: this.adminLogin,
        }, { parent: this });
    }

    /** The topic provider's own user, made and kept through the admin login like any user. */
    private topicManager(name: string): KafkaUser {
        return new KafkaUser(`${name}-topic-manager`, {
            name: TOPIC_MANAGER_USERNAME,
            acls: TOPIC_MANAGER_ACLS,
            bootstrapServers: this.bootstrapServers,
            caCertificate: this.caCertificate,
            auth: this.adminLogin as pulumi.Output<KafkaAuth>,
        }, { parent: this });
    }

    /**
     * The platform's own CAs for Kafka's listeners (kafka.certificateAuthorities), each made once
     * and kept in the state (its key a secret): the bundle clients trust, the one that signs, and
     * the guard that holds each up to the rotation order (the certificates wait on it).
     */
    private certificateAuthorities(name: string, settings: KafkaSettings): { bundle: pulumi.Output<string>; signer: CertificateAuthority; guard: CaRotationGuard } {
        const trust = caTrust(settings);
        const authorities = new Map(trust.authorities.map((ca) => [ca, new CertificateAuthority(caResourceName(name, ca),
            { commonName: caCommonName(name, ca), validityDays: CA_VALIDITY_DAYS }, { parent: this })]));
        const guard = new CaRotationGuard(`${name}-ca-rotation`, trust, { parent: this });
        const bundle = pulumi.all([...authorities.values()].map((ca) => ca.certificatePem)).apply(pemBundle);
        return { bundle, signer: authorities.get(trust.signer)!, guard };
    }

    /** A certificate per broker for the names clients dial it by, each broker's key store a secret file of its own. */
    private brokerKeyStores(name: string, authority: CertificateAuthority, guard: CaRotationGuard, args: KafkaClusterArgs): Record<string, pulumi.Output<string>> {
        return Object.fromEntries(range(args.settings.brokers).map((ordinal) => [brokerKeyStoreFile(ordinal),
            this.keyStore(`${name}-${ordinal}-certificate`, brokerSubjectNames(ordinal, args.target.addressing, args.bindAddress), authority, guard)]));
    }

    /** The same for each dedicated KRaft controller, for the names brokers and peers dial it by. */
    private controllerKeyStores(name: string, authority: CertificateAuthority, guard: CaRotationGuard, args: KafkaClusterArgs): Record<string, pulumi.Output<string>> {
        return Object.fromEntries(range(args.settings.controllers).map((ordinal) => [controllerKeyStoreFile(ordinal),
            this.keyStore(`${name}-controller-${ordinal}-certificate`, controllerSubjectNames(ordinal, args.target.addressing), authority, guard)]));
    }

    /** A certificate the platform's CA signs for these names, as a PEM key store (key, then the chain). */
    private keyStore(resourceName: string, names: SubjectNames, authority: CertificateAuthority, guard: CaRotationGuard): pulumi.Output<string> {
        const certificate = new Certificate(resourceName, { authority, ...names, validityDays: BROKER_CERTIFICATE_VALIDITY_DAYS }, { parent: this, dependsOn: [guard] });
        return pulumi.all([certificate.privateKeyPem, certificate.certificatePem, authority.certificatePem])
            .apply(([key, chain, ca]) => brokerKeyStore(key, chain, ca));
    }
}

import { KafkaSettings } from "../config";
import { JvmProfile } from "../config/jvm-profile";
import { Addressing, range } from "../model/addressing";
import { ORDINAL_PREAMBLE, standardProbe, tcpProbe } from "../model/scripts";
import { kafkaJvmEnv, LOG_DIR, renderServerExec } from "./render";
import { CONFIG_DIR, SECRETS_DIR, WorkloadGroup } from "../model/workload";
import { CLUSTER_ID_FILE, CONTROLLER_GROUP, CONTROLLER_ID_BASE, CONTROLLER_LISTENER, CONTROLLER_PORT, KRAFT_AUTHORIZER, renderFormatStep, renderMigrationFormatStep, renderQuorumProperties } from "./kraft";
import { BROKER_PRINCIPAL, REPLICATION_TRUST_FILE } from "./replication";
import { controllerMetadataLabel, controllersDualWrite, isMigrated } from "./migration";
import { jaasOption, ZOOKEEPER_CLIENT_JAAS } from "../zookeeper/sasl";
import { ADMIN_CREDENTIAL_FILE, ADMIN_USERNAME, SCRAM_MECHANISM } from "./admin-login";
import { STATE_LOGIN_FILE } from "../model/state-access";
import { KAFKA_METADATA_ANNOTATION, KAFKA_VERSION_ANNOTATION, STATE_LOGIN_ANNOTATION } from "../model/labels";

/**
 * The dedicated KRaft controllers (kafka.controllers > 0): a group of their own beside the
 * brokers, each with its own volume for the metadata log, answering only on CONTROLLER (mutual
 * TLS). Pure: KafkaCluster deploys what this returns.
 */

/** Controller i's PEM key store (its key and certificate chain), a secret file like a broker's. */
export function controllerKeyStoreFile(ordinal: number | string): string {
    return `kafka-controller-tls-${ordinal}.pem`;
}

/**
 * With logins, the controllers authorize too: a broker forwards a client's administration
 * (topics, ACLs, credentials) to the active controller, which checks it against the ACLs in the
 * metadata log as the client's own principal.
 */
function renderControllerAuthorizer(logins: boolean): string[] {
    if (!logins) return [];
    return [
        "",
        "# What a broker forwards is allowed as its client's principal: the platform's admin and the",
        "# brokers may do anything, any other login what its ACLs allow.",
        `authorizer.class.name=${KRAFT_AUTHORIZER}`,
        "allow.everyone.if.no.acl.found=false",
        `super.users=User:${ADMIN_USERNAME};User:${BROKER_PRINCIPAL}`,
    ];
}

/** ZooKeeper as a migration's controllers reach it while they write to it (kafka.metadata "migration", "kraft-brokers"). */
export interface MigrationZooKeeper {
    /** Connect string without chroot. */
    connect: string;
    /** Whether the znodes are the kafka principal's (zookeeper.set.acl), as the brokers make them. */
    protectZnodes: boolean;
}

/**
 * A migration's controller while it writes to ZooKeeper: ZooKeeper mode's settings as the brokers
 * have them, and the brokers' REPLICATION listener, over which it leads those still in ZooKeeper
 * mode (mutual TLS with its own certificate, which the brokers map to their own principal).
 */
function renderDualWrite(kafka: KafkaSettings, zookeeper: MigrationZooKeeper | undefined): string[] {
    if (!controllersDualWrite(kafka) || !zookeeper) return [];
    return [
        "",
        "# A migration from ZooKeeper (docs/kraft.md): the active controller copies ZooKeeper's metadata",
        "# once every broker has registered, then writes every change to both until finalized.",
        "zookeeper.metadata.migration.enable=true",
        `zookeeper.connect=${zookeeper.connect}${kafka.zookeeperChroot}`,
        "zookeeper.connection.timeout.ms=18000",
        "zookeeper.session.timeout.ms=18000",
        `zookeeper.set.acl=${zookeeper.protectZnodes}`,
        "inter.broker.listener.name=REPLICATION",
        "listener.name.replication.ssl.keystore.type=PEM",
        "listener.name.replication.ssl.truststore.type=PEM",
        `listener.name.replication.ssl.truststore.location=${SECRETS_DIR}/${REPLICATION_TRUST_FILE}`,
        "listener.name.replication.ssl.enabled.protocols=TLSv1.3,TLSv1.2",
    ];
}

export function renderControllerProperties(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string, logins = false, zookeeper?: MigrationZooKeeper): string {
    const dualWrite = renderDualWrite(kafka, zookeeper);
    return [
        "# Rendered by streamstack: a dedicated KRaft controller. node.id and advertised.listeners come",
        "# from start.sh (--override).",
        `listeners=${CONTROLLER_LISTENER}://0.0.0.0:${CONTROLLER_PORT}`,
        `listener.security.protocol.map=${CONTROLLER_LISTENER}:SSL${dualWrite.length > 0 ? ",REPLICATION:SSL" : ""}`,
        ...renderQuorumProperties(kafka, addressing, brokerGroup, "controller"),
        ...renderControllerAuthorizer(logins),
        ...dualWrite,
        "",
        `log.dirs=${LOG_DIR}`,
        "",
        "# A topic's defaults come from the controller that creates it, which writes min.insync.replicas",
        "# into the topic (Kafka 4's eligible leader replicas): without these a new topic took acks=all",
        "# writes on one replica.",
        `num.partitions=${kafka.numPartitions}`,
        `default.replication.factor=${kafka.defaultReplicationFactor}`,
        `min.insync.replicas=${kafka.minInsyncReplicas}`,
        "unclean.leader.election.enable=false",
        "",
    ].join("\n");
}

/**
 * How a controller formats its storage: a cluster made on KRaft's with the platform's cluster id
 * and the initial voters; a migration's, while it writes to ZooKeeper, with ZooKeeper mode's id.
 * Once finalized there is no ZooKeeper to ask: a controller's volume is never empty then, and
 * Kafka refuses to start on one that is (docs/kraft.md › Limits).
 */
function renderControllerFormat(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string, logins: boolean, overrides: string[], zookeeper: MigrationZooKeeper | undefined): string[] {
    const serverProperties = `${CONFIG_DIR}/server.properties`;
    if (!isMigrated(kafka)) return renderFormatStep(kafka, addressing, brokerGroup, serverProperties, overrides, true, logins);
    return controllersDualWrite(kafka) && zookeeper ? renderMigrationFormatStep(`${zookeeper.connect}${kafka.zookeeperChroot}`, serverProperties, overrides) : [];
}

export function renderControllerStart(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string, logins = false, zookeeper?: MigrationZooKeeper): string {
    const keyStore = `${SECRETS_DIR}/${controllerKeyStoreFile("${ORDINAL}")}`;
    const overrides = [
        "node.id=${NODE_ID}",
        `listener.name.controller.ssl.keystore.location=${keyStore}`,
        ...(controllersDualWrite(kafka) ? [`listener.name.replication.ssl.keystore.location=${keyStore}`] : []),
        `advertised.listeners=${CONTROLLER_LISTENER}://\${MEMBER_HOST}:${CONTROLLER_PORT}`,
    ];
    return [
        ORDINAL_PREAMBLE,
        `NODE_ID="$((${CONTROLLER_ID_BASE} + ORDINAL))"`,
        ...renderControllerFormat(kafka, addressing, brokerGroup, logins, overrides, zookeeper),
        ...renderServerExec(overrides),
        "",
    ].join("\n");
}

export interface ControllerRenderInput {
    kafka: KafkaSettings;
    addressing: Addressing;
    /**
     * The brokers' group: its name matches the principal rule, and its state port answers for the
     * controllers (a broker forwards DescribeQuorum to the active controller).
     */
    brokers: Pick<WorkloadGroup, "name" | "ports" | "statePort" | "replicas">;
    /** The external listener asks for logins (kafka.authentication "scram-sha-512"): the controllers authorize, and start the quorum with the admin's credential. */
    logins?: boolean;
    jvmProfile?: JvmProfile;
    /** ZooKeeper, for a migration's controllers while they write to it. */
    zookeeper?: MigrationZooKeeper;
}

export function controllerWorkload({ kafka, addressing, brokers, logins = false, jvmProfile, zookeeper }: ControllerRenderInput, image: string): WorkloadGroup {
    const brokerGroup = brokers.name;
    const dualWrite = controllersDualWrite(kafka);
    if (dualWrite && !zookeeper) throw new Error(`kafka.metadata "${kafka.metadata}": the controllers write to ZooKeeper, and their component gave no ZooKeeper`);
    const metadataLabel = controllerMetadataLabel(kafka);
    return {
        kind: "kafka-controller",
        name: CONTROLLER_GROUP,
        image,
        replicas: kafka.controllers,
        command: ["bash", `${CONFIG_DIR}/start.sh`],
        env: { ...kafkaJvmEnv(kafka.controllerHeapMb, jvmProfile), ...(dualWrite ? { KAFKA_OPTS: jaasOption(ZOOKEEPER_CLIENT_JAAS) } : {}) },
        secretFiles: [
            // A migration's controllers take ZooKeeper mode's cluster id, logging in to ZooKeeper as the brokers do.
            ...(isMigrated(kafka) ? (dualWrite ? [{ name: ZOOKEEPER_CLIENT_JAAS }] : []) : [{ name: CLUSTER_ID_FILE }]),
            ...range(kafka.controllers).map((ordinal) => ({ name: controllerKeyStoreFile(ordinal) })),
            // Read at start: a CA trusted or retired restarts the controllers.
            { name: REPLICATION_TRUST_FILE, restartsMembers: true },
            // The admin's credential for the quorum's first start; the login file for the target,
            // which asks the brokers about the controllers as the platform's own clients do.
            ...(logins ? [{ name: ADMIN_CREDENTIAL_FILE }, { name: STATE_LOGIN_FILE }] : []),
        ],
        files: [
            { name: "server.properties", content: renderControllerProperties(kafka, addressing, brokerGroup, logins, zookeeper), executable: false },
            { name: "start.sh", content: renderControllerStart(kafka, addressing, brokerGroup, logins, zookeeper), executable: true },
        ],
        ports: [{ name: "controller", containerPort: CONTROLLER_PORT, exposure: "members" }],
        volumes: [{ name: "data", mountPath: LOG_DIR, scope: "member", size: kafka.controllerStorageSize, sizeSetting: "kafka.controllerStorageSize" }],
        // The container's own check: listening on CONTROLLER. Caught up with the quorum's leader is
        // the target's gate (through the brokers, stateFrom), where a target gates a roll.
        readiness: standardProbe(tcpProbe(CONTROLLER_PORT), 5),
        liveness: standardProbe(tcpProbe(CONTROLLER_PORT), 60),
        statePort: "controller",
        // While they write to ZooKeeper the brokers may be in ZooKeeper mode, which knows no quorum
        // to ask: the migration's own check (MetadataMigration) stands in for the gate's.
        ...(dualWrite ? {} : { stateFrom: { ports: brokers.ports, statePort: brokers.statePort, replicas: brokers.replicas } }),
        memoryMb: kafka.controllerHeapMb + 256,
        cpus: 1,
        runAsUser: 1000,
        dependsOn: [],
        // A quorum of n voters stays writable with a majority up.
        minAvailable: Math.floor(kafka.controllers / 2) + 1,
        publishNotReadyAddresses: true,
        stableMemberAddresses: true,
        annotations: {
            [KAFKA_VERSION_ANNOTATION]: kafka.version,
            ...(logins ? { [STATE_LOGIN_ANNOTATION]: SCRAM_MECHANISM } : {}),
            // Absent on a cluster made on KRaft, whose controllers stay as they were.
            ...(metadataLabel ? { [KAFKA_METADATA_ANNOTATION]: metadataLabel } : {}),
        },
    };
}

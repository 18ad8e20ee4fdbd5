import { KafkaSettings } from "../config";
import { Addressing, range, stableMemberHost } from "../model/addressing";
import { ORDINAL_PREAMBLE, standardProbe, tcpProbe } from "../model/scripts";
import { CONFIG_DIR, SECRETS_DIR, WorkloadGroup } from "../model/workload";
import { renderInSyncCheck } from "./in-sync-check";
import { jaasOption, ZOOKEEPER_CLIENT_JAAS } from "../zookeeper/sasl";
import { ExternalListenerAuthentication, ExternalListenerSecurity } from "./listener-security";
import { ADMIN_CLIENT_PROPERTIES_FILE, ADMIN_CREDENTIAL_FILE, ADMIN_USERNAME, SCRAM_MECHANISM } from "./admin-login";
import { KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION, KAFKA_METADATA_ANNOTATION, KAFKA_REPLICATION_ANNOTATION, KAFKA_VERSION_ANNOTATION, STATE_LOGIN_ANNOTATION } from "../model/labels";
import { STATE_LOGIN_FILE } from "../model/state-access";
import { JvmProfile, jvmProfileFlags } from "../config/jvm-profile";
import { anonymousAcls, anonymousIsSuperUser, IN_PLATFORM_PRINCIPAL, renderInPlatformAcls } from "./in-platform-clients";
import { BROKER_PRINCIPAL, brokerPrincipalRule, hasReplicationListener, interBrokerListener, REPLICATION_PORT, REPLICATION_TRUST_FILE } from "./replication";
import { PROBE_HOST, PROBE_LISTENER, PROBE_PORT } from "./probe-listener";
import { CLIENTS_PORT, hasClientsListener, hasOpenInternalListener } from "./internal-authentication";
import { KafkaInternalAuthentication } from "../config/defaults";
import { CLUSTER_ID_FILE, combinedMode, CONTROLLER_GROUP, CONTROLLER_LISTENER, CONTROLLER_PORT, hasDedicatedControllers, KRAFT_AUTHORIZER, quorumPrincipalRule, renderFormatStep, renderQuorumClient, renderQuorumProperties, usesKraft } from "./kraft";
import { brokerMetadataLabel, brokersInMigrationMode, isMigrated } from "./migration";

export const KAFKA_GROUP = "kafka";
export const INTERNAL_PORT = 9092;
export const EXTERNAL_PORT = 9094;
/** Every Kafka member's data volume (brokers' logs, controllers' metadata log). */
export const LOG_DIR = "/var/lib/kafka/data";

export interface KafkaRenderInput {
    kafka: KafkaSettings;
    /** ZooKeeper connect string without chroot. */
    zookeeperConnect: string;
    addressing: Addressing;
    /** Host clients reach broker i on externalHost:externalPortBase+i. */
    externalHost: string;
    externalPortBase: number;
    /**
     * Whether the brokers make their znodes the kafka principal's (zookeeper.set.acl): not at
     * zookeeper.authentication "migrating-1", when a broker that has not logged in yet must still
     * write what a restarted one made.
     */
    protectZnodes: boolean;
    /** What the external listener speaks (kafka.security resolved for the target). */
    externalSecurity: ExternalListenerSecurity;
    /** Who the external listener lets in (kafka.authentication resolved for the target). */
    externalAuthentication: ExternalListenerAuthentication;
    /** Who the listeners inside the platform let in (kafka.internalAuthentication resolved for the target); default "none". */
    internalAuthentication?: KafkaInternalAuthentication;
    /** The platform's jvmProfile (default "throughput"). */
    jvmProfile?: JvmProfile;
}

/** The input's kafka.internalAuthentication step: "none" for an input that does not say (made before the setting). */
function internalStep(input: Pick<KafkaRenderInput, "internalAuthentication">): KafkaInternalAuthentication {
    return input.internalAuthentication ?? "none";
}

/** Whether the brokers need certificates: for TLS on the external listener, or for REPLICATION's mutual TLS. */
export function brokersNeedCertificates({ externalSecurity, kafka }: Pick<KafkaRenderInput, "externalSecurity" | "kafka">): boolean {
    return externalSecurity === "tls" || hasReplicationListener(kafka.replication);
}

interface ListenerBinding {
    name: string;
    /** The address it binds: every interface, or loopback for PROBE. */
    host: string;
    port: number;
    protocol: string;
}

/** Each listener, the address it binds, its port and what it speaks, in the order server.properties names them. */
function listenerBindings(input: KafkaRenderInput): ListenerBinding[] {
    const { kafka: { replication } } = input;
    const internalAuthentication = internalStep(input);
    const everywhere = "0.0.0.0";
    return [
        ...(hasOpenInternalListener(internalAuthentication) ? [{ name: "INTERNAL", host: everywhere, port: INTERNAL_PORT, protocol: "PLAINTEXT" }] : []),
        ...(hasClientsListener(internalAuthentication) ? [{ name: "CLIENTS", host: everywhere, port: CLIENTS_PORT, protocol: "SASL_PLAINTEXT" }] : []),
        { name: "EXTERNAL", host: everywhere, port: EXTERNAL_PORT, protocol: externalProtocol(input) },
        ...(hasReplicationListener(replication) ? [{ name: "REPLICATION", host: everywhere, port: REPLICATION_PORT, protocol: "SSL" }] : []),
        { name: PROBE_LISTENER, host: PROBE_HOST, port: PROBE_PORT, protocol: "PLAINTEXT" },
        ...(combinedMode(input.kafka) ? [{ name: CONTROLLER_LISTENER, host: everywhere, port: CONTROLLER_PORT, protocol: "SSL" }] : []),
    ];
}

/** The broker talks to the KRaft quorum: as a KRaft member, or registered with it in a migration. */
function talksToQuorum({ kafka }: Pick<KafkaRenderInput, "kafka">): boolean {
    return usesKraft(kafka) || brokersInMigrationMode(kafka);
}

/**
 * listener.security.protocol.map: every listener's, and CONTROLLER's for a broker that talks to
 * the quorum without listening on it (it dials the controllers there).
 */
function protocolMap(input: KafkaRenderInput): string {
    const bindings = listenerBindings(input);
    const dialsControllers = talksToQuorum(input) && !bindings.some(({ name }) => name === CONTROLLER_LISTENER);
    return [...bindings, ...(dialsControllers ? [{ name: CONTROLLER_LISTENER, protocol: "SSL" }] : [])].map(({ name, protocol }) => `${name}:${protocol}`).join(",");
}

/** The port applications inside the platform dial (kafkaInternalBootstrapServers): CLIENTS once the brokers have it. */
export function inPlatformPort(step: KafkaInternalAuthentication): number {
    return hasClientsListener(step) ? CLIENTS_PORT : INTERNAL_PORT;
}

/**
 * REPLICATION: the brokers', with their own certificate on both ends (the key store start.sh
 * names), trusting the platform's CAs (kafka.certificateAuthorities), and the broker principal
 * for a certificate that names a broker.
 */
function renderReplicationListener(input: KafkaRenderInput): string[] {
    if (!hasReplicationListener(input.kafka.replication)) return [];
    return [
        "# REPLICATION: between brokers only (mutual TLS). Each end shows its own certificate, signed",
        "# by a CA of kafka.certificateAuthorities, and a certificate naming a broker is the broker",
        `# principal (${BROKER_PRINCIPAL}).`,
        "listener.name.replication.ssl.keystore.type=PEM",
        "listener.name.replication.ssl.truststore.type=PEM",
        `listener.name.replication.ssl.truststore.location=${SECRETS_DIR}/${REPLICATION_TRUST_FILE}`,
        "listener.name.replication.ssl.client.auth=required",
        "listener.name.replication.ssl.enabled.protocols=TLSv1.3,TLSv1.2",
        ...(brokersInMigrationMode(input.kafka)
            ? ["# In a migration the KRaft controllers lead the brokers over it too, with a certificate naming a",
                "# controller: the same principal.",
                `listener.name.replication.ssl.principal.mapping.rules=${quorumPrincipalRule(input.addressing, KAFKA_GROUP)}`]
            : [`listener.name.replication.ssl.principal.mapping.rules=${brokerPrincipalRule(input.addressing, KAFKA_GROUP)}`]),
    ];
}

/**
 * A ZooKeeper-mode broker in a migration (kafka.metadata "migration-prepared", "migration"): the
 * same in both steps, so that the controllers' start does not roll the brokers again.
 */
function renderMigrationMode(input: KafkaRenderInput): string[] {
    if (!brokersInMigrationMode(input.kafka)) return [];
    return [
        "# A migration to KRaft (docs/kraft.md): still in ZooKeeper mode, and registered with the KRaft",
        "# controllers too, whose active one takes the cluster over once every broker has.",
        "zookeeper.metadata.migration.enable=true",
        ...renderQuorumClient(input.kafka, input.addressing, KAFKA_GROUP),
    ];
}

/** The external listener's security.protocol: TLS or not, a login or not. */
function externalProtocol({ externalSecurity, externalAuthentication }: KafkaRenderInput): string {
    const tls = externalSecurity === "tls";
    if (externalAuthentication === "scram-sha-512") return tls ? "SASL_SSL" : "SASL_PLAINTEXT";
    return tls ? "SSL" : "PLAINTEXT";
}

/**
 * Broker i's TLS key store: its private key and certificate chain in one PEM file (Kafka's
 * `ssl.keystore.type=PEM`), a secret file only the broker's user reads.
 */
export function brokerKeyStoreFile(ordinal: number | string): string {
    return `kafka-tls-${ordinal}.pem`;
}

/** Cluster-internal bootstrap list: CLIENTS once the brokers have it, else INTERNAL. */
export function internalBootstrap(brokers: number, addressing: Addressing, step: KafkaInternalAuthentication = "none"): string {
    return range(brokers).map((i) => `${stableMemberHost(addressing, KAFKA_GROUP, i)}:${inPlatformPort(step)}`).join(",");
}

export function externalBootstrap(brokers: number, externalHost: string, externalPortBase: number): string {
    return range(brokers).map((i) => `${externalHost}:${externalPortBase + i}`).join(",");
}

/** What each listener is for, as the comment above them says it. */
function describeListeners(input: KafkaRenderInput): string[] {
    const { kafka: { replication } } = input;
    const internalAuthentication = internalStep(input);
    const replicating = interBrokerListener(replication) === "INTERNAL" ? "between brokers and " : "";
    return [
        ...(hasOpenInternalListener(internalAuthentication) ? [`# INTERNAL: ${replicating}from containers/pods of the platform, no login;`] : []),
        ...(hasClientsListener(internalAuthentication) ? ["# CLIENTS: from containers/pods of the platform, with a login;"] : []),
        `# EXTERNAL: clients on the host${hasReplicationListener(replication) ? "; REPLICATION: between brokers" : ""};`,
        `# ${PROBE_LISTENER}: the readiness check, from inside the broker's own container or pod (loopback only).`,
    ];
}

/** CLIENTS asks for the same logins as EXTERNAL (the brokers check them against the same credentials). */
function renderClientsListener(input: KafkaRenderInput): string[] {
    if (!hasClientsListener(internalStep(input))) return [];
    return [
        "# CLIENTS asks the same of clients inside the platform: users of streamstack:users and each job's",
        "# own principal (streamstack-job-<name>).",
        `listener.name.clients.sasl.enabled.mechanisms=${SCRAM_MECHANISM}`,
        `listener.name.clients.${SCRAM_MECHANISM.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
    ];
}

/** Who ANONYMOUS is, in the comment beside super.users. */
function describeAnonymous(input: KafkaRenderInput): string[] {
    const { kafka: { replication } } = input;
    const internalAuthentication = internalStep(input);
    const via = `ANONYMOUS is whoever uses ${hasOpenInternalListener(internalAuthentication) ? "INTERNAL (no login) or " : ""}${PROBE_LISTENER} (the readiness check):`;
    // KRaft has no store to write ACLs into before a broker starts: the platform makes them
    // through the admin login once the cluster runs (the user ANONYMOUS, without a login).
    const writer = usesKraft(input.kafka) ? "the platform writes those ACLs once the cluster runs" : "start.sh writes those ACLs";
    if (anonymousIsSuperUser(replication)) return [`# ${via} trusted as before, while a broker may still replicate over INTERNAL.`];
    if (hasOpenInternalListener(internalAuthentication)) {
        return [`# ${via} allowed every topic, group and transactional id`, `# (${writer}), not the cluster's administration.`];
    }
    return [`# ${via} allowed to describe topics (${writer.replace("those ACLs", "that ACL")}), nothing else.`];
}

/**
 * server.properties shared by every broker. broker.id and advertised.listeners differ per
 * broker and are passed by start.sh as --override, so one ConfigMap serves the StatefulSet.
 */
export function renderServerProperties(input: KafkaRenderInput): string {
    const { kafka, zookeeperConnect, protectZnodes, externalSecurity, externalAuthentication } = input;
    const { replication } = kafka;
    // Internal topics cannot be created with RF > brokers; a 1-broker dev cluster still starts.
    const internalRf = Math.min(3, kafka.brokers);
    const lines = [
        `# Rendered by streamstack. ${usesKraft(kafka) ? "node.id" : "broker.id"} and advertised.listeners come from start.sh (--override).`,
        "",
        ...describeListeners(input),
        `listeners=${listenerBindings(input).map(({ name, host, port }) => `${name}://${host}:${port}`).join(",")}`,
        `listener.security.protocol.map=${protocolMap(input)}`,
        ...(externalSecurity === "tls"
            ? [
                "# EXTERNAL speaks TLS with the broker's own certificate, signed by the platform's CA:",
                "# key and chain in one PEM file (start.sh names the broker's). The key is not encrypted:",
                "# the file is readable by the broker's user alone.",
                "listener.name.external.ssl.keystore.type=PEM",
                "listener.name.external.ssl.enabled.protocols=TLSv1.3,TLSv1.2",
            ]
            : []),
        ...(externalAuthentication === "scram-sha-512"
            ? [
                `# EXTERNAL lets in only a client that logs in (SASL ${SCRAM_MECHANISM}): the brokers check its`,
                ...(usesKraft(kafka)
                    ? ["# proof against the salted credential in the metadata log; the platform admin's is there from",
                        isMigrated(kafka) ? "# the migration from ZooKeeper, which brought it over." : "# the quorum's first start (kafka-storage.sh format --add-scram)."]
                    : ["# proof against the salted credential in ZooKeeper (/config/users, readable by the kafka",
                        "# principal alone); start.sh writes the platform admin's there before the broker starts."]),
                `listener.name.external.sasl.enabled.mechanisms=${SCRAM_MECHANISM}`,
                `listener.name.external.${SCRAM_MECHANISM.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
                ...renderClientsListener(input),
                "# A login may do only what an ACL allows it (the users' ACLs, streamstack:users), but the",
                `# platform's admin${hasReplicationListener(replication) ? " and the brokers" : ""}.`,
                ...describeAnonymous(input),
                `authorizer.class.name=${usesKraft(kafka) ? KRAFT_AUTHORIZER : "kafka.security.authorizer.AclAuthorizer"}`,
                "allow.everyone.if.no.acl.found=false",
                `super.users=${[`User:${ADMIN_USERNAME}`, ...(hasReplicationListener(replication) ? [`User:${BROKER_PRINCIPAL}`] : []),
                    ...(anonymousIsSuperUser(replication) ? [IN_PLATFORM_PRINCIPAL] : [])].join(";")}`,
            ]
            : []),
        ...renderReplicationListener(input),
        `inter.broker.listener.name=${interBrokerListener(replication)}`,
        "",
        ...(usesKraft(kafka)
            ? renderQuorumProperties(kafka, input.addressing, KAFKA_GROUP, combinedMode(kafka) ? "broker,controller" : "broker")
            : [
                `zookeeper.connect=${zookeeperConnect}${kafka.zookeeperChroot}`,
                "zookeeper.connection.timeout.ms=18000",
                "zookeeper.session.timeout.ms=18000",
                "# The brokers log in to ZooKeeper as `kafka` (the JAAS file in KAFKA_OPTS).",
                ...(protectZnodes
                    ? ["# Their znodes are writable by that principal alone; a broker without the login refuses to start."]
                    : ["# Migrating (zookeeper.authentication): znodes stay open until every broker logs in."]),
                `zookeeper.set.acl=${protectZnodes}`,
                ...renderMigrationMode(input),
            ]),
        "",
        `log.dirs=${LOG_DIR}`,
        `num.partitions=${kafka.numPartitions}`,
        `default.replication.factor=${kafka.defaultReplicationFactor}`,
        `min.insync.replicas=${kafka.minInsyncReplicas}`,
        `offsets.topic.replication.factor=${internalRf}`,
        `transaction.state.log.replication.factor=${internalRf}`,
        `transaction.state.log.min.isr=${Math.min(kafka.minInsyncReplicas, internalRf)}`,
        "",
        "# Topics are declared resources; a typo in a producer must not create a topic.",
        "auto.create.topics.enable=false",
        "delete.topic.enable=true",
        "# Never elect an out-of-sync replica: acks=all writes must not be lost.",
        "unclean.leader.election.enable=false",
        "# When leadership moves (a broker stopping in a roll), the controller tells the new leader and",
        "# its followers at once; a follower that asks before the leader has taken over is refused and",
        "# waits this long before asking again, and acks=all writes wait for it: Kafka's 1000 ms held",
        "# a producer's write 1.09 s in a traced roll (docs/benchmarks.md › bench:roll).",
        "replica.fetch.backoff.ms=100",
        "group.initial.rebalance.delay.ms=3000",
        "log.retention.hours=168",
    ];
    return lines.join("\n") + "\n";
}

/**
 * Znodes made before the brokers logged in (a platform whose ZooKeeper authentication was
 * migrating) become the kafka principal's through Kafka's own ZkSecurityMigrator, once per
 * broker; a broker with an empty data volume joins a cluster whose brokers made theirs that way.
 */
function renderZnodeMigration({ zookeeperConnect, kafka }: KafkaRenderInput): string[] {
    const marker = `${LOG_DIR}/streamstack-znodes-protected`;
    return [
        `if [ ! -e ${marker} ]; then`,
        `  if [ -e ${LOG_DIR}/meta.properties ]; then`,
        "    KAFKA_HEAP_OPTS=-Xmx128m kafka-run-class.sh kafka.admin.ZkSecurityMigrator --zookeeper.acl=secure \\",
        `      --zookeeper.connect "${zookeeperConnect}${kafka.zookeeperChroot}" || exit 1`,
        "  fi",
        `  touch ${marker}`,
        "fi",
    ];
}

/**
 * The admin's SCRAM credential written into ZooKeeper before the broker starts (the listener
 * then knows it from the first login on a cold up). Once per credential on each data volume:
 * the marker holds the credential file's digest, so a restart with the same password costs no
 * JVM. The chroot is made first when missing (the tool cannot make it), with the ACLs Kafka
 * gives its own znodes once the brokers protect them.
 */
function renderAdminCredential({ zookeeperConnect, kafka, protectZnodes }: KafkaRenderInput): string[] {
    const marker = `${LOG_DIR}/streamstack-admin-credential`;
    const credential = `${SECRETS_DIR}/${ADMIN_CREDENTIAL_FILE}`;
    const acl = protectZnodes ? " sasl:kafka:cdrwa,world:anyone:r" : "";
    return [
        `DIGEST="$(sha256sum < ${credential})"`,
        `if [ "$DIGEST" != "$(cat ${marker} 2>/dev/null)" ]; then`,
        "  # Fails harmlessly when the chroot exists; when it could not be made, kafka-configs.sh fails.",
        `  KAFKA_HEAP_OPTS=-Xmx64m zookeeper-shell.sh "${zookeeperConnect}" create "${kafka.zookeeperChroot}" ""${acl} >/dev/null 2>&1 || true`,
        `  KAFKA_HEAP_OPTS=-Xmx128m kafka-configs.sh --zookeeper "${zookeeperConnect}${kafka.zookeeperChroot}" --alter \\`,
        `    --add-config-file ${credential} --entity-type users --entity-name ${ADMIN_USERNAME} || exit 1`,
        `  echo "$DIGEST" > ${marker}`,
        "fi",
    ];
}

/**
 * Each listener as the broker registers it: its published address for EXTERNAL, its stable host
 * name for the rest. PROBE too, though it answers on loopback only: a broker's endpoints must
 * differ from every other broker's (Kafka refuses to start on an address another registered),
 * and the readiness check only needs the broker listed, never dials what it is listed at.
 */
function advertisedListeners(input: KafkaRenderInput): string {
    // A combined member advertises CONTROLLER too: the quorum's voters register where they answer.
    return listenerBindings(input).map(({ name, port }) => (name === "EXTERNAL" ? `${name}://\${EXTERNAL_ADDRESS}` : `${name}://\${MEMBER_HOST}:${port}`)).join(",");
}

/** The ZooKeeper-mode steps before a broker starts: znodes, the admin's credential, the in-platform ACLs. */
function renderZooKeeperSteps(input: KafkaRenderInput): string[] {
    return [
        ...(input.protectZnodes ? renderZnodeMigration(input) : []),
        ...(input.externalAuthentication === "scram-sha-512" ? renderAdminCredential(input) : []),
        ...(input.externalAuthentication === "scram-sha-512" && !anonymousIsSuperUser(input.kafka.replication)
            ? renderInPlatformAcls(`${input.zookeeperConnect}${input.kafka.zookeeperChroot}`, input.protectZnodes, LOG_DIR, anonymousAcls(internalStep(input))) : []),
    ];
}

/** What start.sh passes the broker as `--override` (its own ids, key store and addresses), in order. */
function brokerOverrides(input: KafkaRenderInput): string[] {
    const kraft = usesKraft(input.kafka);
    const keyStore = `${SECRETS_DIR}/${brokerKeyStoreFile("${ORDINAL}")}`;
    return [
        `${kraft ? "node.id" : "broker.id"}=\${ORDINAL}`,
        ...(input.externalSecurity === "tls" ? [`listener.name.external.ssl.keystore.location=${keyStore}`] : []),
        ...(hasReplicationListener(input.kafka.replication) ? [`listener.name.replication.ssl.keystore.location=${keyStore}`] : []),
        ...(talksToQuorum(input) ? [`listener.name.controller.ssl.keystore.location=${keyStore}`] : []),
        `advertised.listeners=${advertisedListeners(input)}`,
    ];
}

/** The start script's last line: the server on the group's server.properties with the member's own `--override`s. */
export function renderServerExec(overrides: string[]): string[] {
    return [
        `exec /opt/kafka/bin/kafka-server-start.sh ${CONFIG_DIR}/server.properties \\`,
        ...overrides.map((override, i) => `  --override "${override}"${i < overrides.length - 1 ? " \\" : ""}`),
    ];
}

/** A Kafka JVM's heap, and the platform's jvmProfile in place of the image's G1 settings (kafka-run-class.sh), for the server and every tool run beside it. */
export function kafkaJvmEnv(heapMb: number, jvmProfile: JvmProfile | undefined): Record<string, string> {
    const profileFlags = jvmProfileFlags(jvmProfile);
    return {
        KAFKA_HEAP_OPTS: `-Xms${heapMb}m -Xmx${heapMb}m`,
        ...(profileFlags.length > 0 ? { KAFKA_JVM_PERFORMANCE_OPTS: ["-server", ...profileFlags, "-Djava.awt.headless=true"].join(" ") } : {}),
    };
}

export function renderKafkaStart(input: KafkaRenderInput): string {
    const overrides = brokerOverrides(input);
    return [
        ORDINAL_PREAMBLE,
        ...(usesKraft(input.kafka) ? [] : renderZooKeeperSteps(input)),
        'EXTERNAL_ADDRESS="${KAFKA_EXTERNAL_HOST}:$((KAFKA_EXTERNAL_PORT_BASE + ORDINAL))"',
        ...(usesKraft(input.kafka) && !isMigrated(input.kafka) ? renderFormatStep(input.kafka, input.addressing, KAFKA_GROUP, `${CONFIG_DIR}/server.properties`, overrides,
            combinedMode(input.kafka), input.externalAuthentication === "scram-sha-512") : []),
        ...renderServerExec(overrides),
        "",
    ].join("\n");
}

export function kafkaWorkload(input: KafkaRenderInput, image: string): WorkloadGroup {
    const { kafka } = input;
    const step = internalStep(input);
    return {
        kind: "kafka",
        name: KAFKA_GROUP,
        image,
        replicas: kafka.brokers,
        command: ["bash", `${CONFIG_DIR}/start.sh`],
        env: {
            ...kafkaJvmEnv(kafka.heapMb, input.jvmProfile),
            KAFKA_EXTERNAL_HOST: input.externalHost,
            KAFKA_EXTERNAL_PORT_BASE: String(input.externalPortBase),
            // A path, not the password; tools run inside a broker (zookeeper-shell.sh) log in too.
            ...(usesKraft(kafka) ? {} : { KAFKA_OPTS: jaasOption(ZOOKEEPER_CLIENT_JAAS) }),
        },
        secretFiles: [
            // A migrated cluster's brokers keep the volumes ZooKeeper mode formatted (its cluster id).
            ...(usesKraft(kafka) ? (isMigrated(kafka) ? [] : [{ name: CLUSTER_ID_FILE }]) : [{ name: ZOOKEEPER_CLIENT_JAAS }]),
            ...(brokersNeedCertificates(input) ? range(kafka.brokers).map((ordinal) => ({ name: brokerKeyStoreFile(ordinal) })) : []),
            // Read at start: a CA trusted or retired restarts the brokers.
            ...(hasReplicationListener(input.kafka.replication) ? [{ name: REPLICATION_TRUST_FILE, restartsMembers: true }] : []),
            ...(input.externalAuthentication === "scram-sha-512" ? [{ name: ADMIN_CREDENTIAL_FILE }, { name: STATE_LOGIN_FILE }] : []),
            ...(hasClientsListener(step) ? [{ name: ADMIN_CLIENT_PROPERTIES_FILE }] : []),
        ],
        files: [
            { name: "server.properties", content: renderServerProperties(input), executable: false },
            { name: "start.sh", content: renderKafkaStart(input), executable: true },
            { name: "in-sync.pl", content: renderInSyncCheck(), executable: true },
        ],
        ports: [
            ...(hasOpenInternalListener(step) ? [{ name: "internal", containerPort: INTERNAL_PORT, exposure: "in-cluster-clients" as const }] : []),
            ...(hasClientsListener(step) ? [{ name: "clients", containerPort: CLIENTS_PORT, exposure: "in-cluster-clients" as const }] : []),
            { name: "external", containerPort: EXTERNAL_PORT, exposure: "external-clients", hostPortBase: input.externalPortBase },
            ...(hasReplicationListener(input.kafka.replication) ? [{ name: "replication", containerPort: REPLICATION_PORT, exposure: "members" as const }] : []),
            // Combined mode: the voters reach each other here (a target routes only declared ports).
            ...(combinedMode(kafka) ? [{ name: "controller", containerPort: CONTROLLER_PORT, exposure: "members" as const }] : []),
        ],
        volumes: [{ name: "data", mountPath: LOG_DIR, scope: "member", size: kafka.storageSize, sizeSetting: "kafka.storageSize" }],
        // First asked 5 s after the start: a restarted broker holding its data is back in sync
        // within that on Kubernetes once the controller can reach it (10 s held each broker of a
        // roll ready a probe later than that).
        readiness: standardProbe(["perl", `${CONFIG_DIR}/in-sync.pl`, String(PROBE_PORT)], 5),
        statePort: "external",
        liveness: standardProbe(tcpProbe(inPlatformPort(step)), 60),
        memoryMb: kafka.heapMb + 384,
        cpus: 1,
        runAsUser: 1000,
        dependsOn: !usesKraft(kafka) ? ["zookeeper"] : hasDedicatedControllers(kafka) ? [CONTROLLER_GROUP] : [],
        // Each partition tolerates RF - minISR replicas down before acks=all writes fail.
        minAvailable: Math.max(kafka.brokers - (kafka.defaultReplicationFactor - kafka.minInsyncReplicas), 1),
        // The controller must reach a restarted broker (by its name) to bring it back in sync,
        // which is what makes it ready.
        publishNotReadyAddresses: true,
        // ... at once: by the pod's own name, the controller reached a restarted broker only
        // when the cluster's DNS cache let go of the old pod's address (up to 38 s per broker in a
        // roll on Kubernetes; 13-14 s with a Service per broker). Listeners bind 0.0.0.0.
        stableMemberAddresses: true,
        annotations: {
            ...(input.externalAuthentication === "scram-sha-512" ? { [STATE_LOGIN_ANNOTATION]: SCRAM_MECHANISM } : {}),
            // Absent at "internal": a platform that stays there keeps its brokers as they were.
            ...(hasReplicationListener(input.kafka.replication) ? { [KAFKA_REPLICATION_ANNOTATION]: input.kafka.replication } : {}),
            // Absent at "none", for the same reason.
            ...(hasClientsListener(step) ? { [KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION]: step } : {}),
            // Absent in ZooKeeper mode, for the same reason.
            ...(brokerMetadataLabel(kafka) ? { [KAFKA_METADATA_ANNOTATION]: brokerMetadataLabel(kafka)! } : {}),
            ...(usesKraft(kafka) ? { [KAFKA_VERSION_ANNOTATION]: kafka.version } : {}),
        },
    };
}

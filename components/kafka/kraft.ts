import { KafkaSettings } from "../config";
import { PlatformSettings } from "../config/defaults";
import { isStorageQuantity } from "../config/memory";
import { ConfigProblem, configProblem, Report } from "../config/problem";
import { ADMIN_CREDENTIAL_FILE, ADMIN_USERNAME, SCRAM_MECHANISM } from "./admin-login";
import { Addressing, range, stableMemberHost } from "../model/addressing";
import { SECRETS_DIR } from "../model/workload";
import { memberPrincipalRule, REPLICATION_TRUST_FILE } from "./replication";
import { checkMigrationSettings, isMigrated, MIGRATION_STEPS, runsMigrationControllers } from "./migration";

/**
 * KRaft (kafka.metadata "kraft"): the cluster's metadata in a Raft quorum of Kafka controllers
 * instead of ZooKeeper. Either dedicated controllers (a group of their own, kafka.controllers)
 * or every broker a controller too (combined mode, kafka.controllers 0). The quorum is dynamic
 * (KIP-853: `controller.quorum.bootstrap.servers`, the voters kept in the metadata log), formed
 * once when the members format their storage with the same initial voters; each voter's
 * directory id is derived from the cluster id and its node id, so every member computes the
 * same list without asking the others. Pure: the renderers write what this returns.
 */

export const CONTROLLER_GROUP = "kafka-controller";

/** The CONTROLLER listener: controllers answer brokers and each other on it, mutual TLS. */
export const CONTROLLER_PORT = 9095;
export const CONTROLLER_LISTENER = "CONTROLLER";

/** How long a controller waits for a broker's heartbeat before fencing it, and how often brokers send one. */
export const BROKER_SESSION_TIMEOUT_MS = 4000;
export const BROKER_HEARTBEAT_INTERVAL_MS = 1000;
/** How long a member waits for a new connection (to a controller, a peer) before trying the next address, and the most it backs off to. */
export const CONNECTION_SETUP_TIMEOUT_MS = 1000;
export const CONNECTION_SETUP_TIMEOUT_MAX_MS = 4000;

/** The cluster id (made once, kept in the stack's state), a file every member formats its storage with. */
export const CLUSTER_ID_FILE = "kafka-cluster-id";

/**
 * Dedicated controllers' node ids start here: Kafka needs brokers' and controllers' ids apart,
 * and broker ids are their ordinals (also in ZooKeeper mode, which a migration keeps).
 */
export const CONTROLLER_ID_BASE = 1000;

const LOG_DIR = "/var/lib/kafka/data";

/** KRaft's authorizer (ACLs in the metadata log), in place of ZooKeeper mode's AclAuthorizer. */
export const KRAFT_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

/** Where a member's properties for `kafka-storage.sh format` are written (server.properties plus its node.id). */
const FORMAT_PROPERTIES = "/tmp/streamstack-format.properties";

/** The format command's arguments, a file the JVM launcher reads (`@file`); removed once it ran. */
const FORMAT_ARGUMENTS = "/tmp/streamstack-format.args";

/** The brokers are KRaft members: of a cluster made on KRaft, or migrated to it (kafka.metadata "kraft-brokers" on). */
export function usesKraft(kafka: Pick<KafkaSettings, "metadata">): boolean {
    return kafka.metadata === "kraft" || kafka.metadata === "kraft-brokers" || kafka.metadata === "kraft-migrated";
}

/** Combined mode: the brokers are the quorum's voters (only a cluster made on KRaft; Kafka migrates to dedicated controllers). */
export function combinedMode(kafka: Pick<KafkaSettings, "metadata" | "controllers">): boolean {
    return kafka.metadata === "kraft" && kafka.controllers === 0;
}

/** Whether the platform runs a group of dedicated controllers: on KRaft, or from a migration's "migration" step on. */
export function hasDedicatedControllers(kafka: Pick<KafkaSettings, "metadata" | "controllers">): boolean {
    return (kafka.metadata === "kraft" && kafka.controllers > 0) || runsMigrationControllers(kafka);
}

export interface Voter {
    nodeId: number;
    host: string;
}

/** The quorum's voters: the dedicated controllers, or in combined mode the brokers. */
export function quorumVoters(kafka: Pick<KafkaSettings, "metadata" | "controllers" | "brokers">, addressing: Addressing, brokerGroup: string): Voter[] {
    if (combinedMode(kafka)) return range(kafka.brokers).map((ordinal) => ({ nodeId: ordinal, host: stableMemberHost(addressing, brokerGroup, ordinal) }));
    return range(kafka.controllers).map((ordinal) => ({ nodeId: CONTROLLER_ID_BASE + ordinal, host: stableMemberHost(addressing, CONTROLLER_GROUP, ordinal) }));
}

/**
 * Kafka's rule naming both kinds of member by their certificate (`CN=<stable host name>`) as
 * BROKER_PRINCIPAL on the CONTROLLER listener: brokers and controllers, nothing else the CA signs.
 */
export function quorumPrincipalRule(addressing: Addressing, brokerGroup: string): string {
    return [memberPrincipalRule(addressing, brokerGroup), memberPrincipalRule(addressing, CONTROLLER_GROUP), "DEFAULT"].join(",");
}

/**
 * Where a member finds the quorum: a cluster made on KRaft through the bootstrap servers (its
 * voters kept in the metadata log, KIP-853); a migrated one by its voters, fixed (static, as
 * Kafka's migration requires).
 */
function renderQuorumLocation(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string): string {
    const voters = quorumVoters(kafka, addressing, brokerGroup);
    return isMigrated(kafka)
        ? `controller.quorum.voters=${voters.map(({ nodeId, host }) => `${nodeId}@${host}:${CONTROLLER_PORT}`).join(",")}`
        : `controller.quorum.bootstrap.servers=${voters.map(({ host }) => `${host}:${CONTROLLER_PORT}`).join(",")}`;
}

/**
 * What every member that talks to the quorum has (a ZooKeeper-mode broker in a migration too):
 * where the quorum is, the CONTROLLER listener's mutual TLS (a broker dials it with its own
 * certificate), and how soon a silent member is given up. The key store is each member's own,
 * named by start.sh (`--override`).
 */
export function renderQuorumClient(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string): string[] {
    return [
        `controller.listener.names=${CONTROLLER_LISTENER}`,
        renderQuorumLocation(kafka, addressing, brokerGroup),
        "# CONTROLLER: mutual TLS, brokers and controllers only (certificates the platform's CA signed).",
        "listener.name.controller.ssl.keystore.type=PEM",
        "listener.name.controller.ssl.truststore.type=PEM",
        `listener.name.controller.ssl.truststore.location=${SECRETS_DIR}/${REPLICATION_TRUST_FILE}`,
        "listener.name.controller.ssl.client.auth=required",
        "listener.name.controller.ssl.enabled.protocols=TLSv1.3,TLSv1.2",
        `listener.name.controller.ssl.principal.mapping.rules=${quorumPrincipalRule(addressing, brokerGroup)}`,
        "# A broker that stops heartbeating is fenced (its partitions led elsewhere) after 4 s, as soon",
        "# as ZooKeeper mode lets one go with the platform's ZooKeeper sessions; with Kafka's 9 s default",
        "# a SIGKILLed broker stayed listed twice as long (npm run bench:kraft). The controllers enforce",
        "# it, the brokers heartbeat each second.",
        `broker.session.timeout.ms=${BROKER_SESSION_TIMEOUT_MS}`,
        `broker.heartbeat.interval.ms=${BROKER_HEARTBEAT_INTERVAL_MS}`,
        "# A connection to a member that died without closing it (its address gone) is given up after",
        "# 1 s, not Kafka's 10 s: with the default, the brokers learnt of a new active controller 11-13 s",
        "# after the old one was SIGKILLed, the quorum having elected it in 2-3 s (npm run bench:kraft).",
        `socket.connection.setup.timeout.ms=${CONNECTION_SETUP_TIMEOUT_MS}`,
        `socket.connection.setup.timeout.max.ms=${CONNECTION_SETUP_TIMEOUT_MAX_MS}`,
    ];
}

/** The KRaft lines of a member's server.properties: its roles, and the quorum as renderQuorumClient has it. */
export function renderQuorumProperties(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string, roles: "broker" | "controller" | "broker,controller"): string[] {
    return [
        ...(isMigrated(kafka)
            ? ["# KRaft: the metadata lives in a Raft quorum of controllers (kafka.metadata); its voters were",
                "# fixed when the migration from ZooKeeper made the quorum (static, as Kafka's migration requires)."]
            : ["# KRaft: the metadata lives in a Raft quorum of controllers (kafka.metadata), found through",
                "# the bootstrap servers; its voters were set once, when the members formatted their storage."]),
        `process.roles=${roles}`,
        ...renderQuorumClient(kafka, addressing, brokerGroup),
    ];
}

/**
 * start.sh lines that format the member's storage once (a volume already formatted is left as
 * it is: `--ignore-formatted`; one formatted for another cluster id then fails the start with
 * Kafka's own message). Voters format with the initial voter list; brokers join as observers.
 * The tool checks the whole configuration, so it reads server.properties with the `--override`s
 * the member starts with (`overrides`, key=value); the first names the node id. With `logins`,
 * the voters put the platform admin's SCRAM credential into the metadata the quorum starts from
 * (its password from the admin's credential file), so the first login works on a cold `up`. The
 * tool's arguments go through a file only the member's user reads (the JVM launcher's `@file`),
 * never a command line, which anyone on the machine can read in /proc while the tool runs.
 */
export function renderFormatStep(kafka: KafkaSettings, addressing: Addressing, brokerGroup: string, serverProperties: string, overrides: string[], isVoter: boolean, logins: boolean): string[] {
    const voters = quorumVoters(kafka, addressing, brokerGroup);
    const initialVoters = voters.map(({ nodeId, host }) => `${nodeId}@${host}:${CONTROLLER_PORT}:$(directory_id ${nodeId})`).join(",");
    const bootstrapsAdmin = isVoter && logins;
    const formatArguments = [
        "kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id", "\"$CLUSTER_ID\"", "--config", FORMAT_PROPERTIES,
        ...(isVoter ? ["--initial-controllers", `"${initialVoters}"`] : []),
        ...(bootstrapsAdmin ? ["--add-scram", `"${SCRAM_MECHANISM}=[name=${ADMIN_USERNAME},password=$(sed -n 's/^${SCRAM_MECHANISM}=password=//p' ${SECRETS_DIR}/${ADMIN_CREDENTIAL_FILE})]"`] : []),
    ];
    return [
        `CLUSTER_ID="$(cat ${SECRETS_DIR}/${CLUSTER_ID_FILE})"`,
        ...(isVoter ? [
            "# A voter's directory id, the same wherever it is computed: 16 bytes of sha256(cluster id, node id), base64url.",
            "directory_id() { printf \"$(printf '%s/%s' \"$CLUSTER_ID\" \"$1\" | sha256sum | cut -c1-32 | sed 's/../\\\\x&/g')\" | base64 | tr '+/' '-_' | tr -d '=\\n'; }",
        ] : []),
        `if [ ! -e ${LOG_DIR}/meta.properties ]; then`,
        ...runFormat(serverProperties, overrides, formatArguments),
        "fi",
    ];
}

/** The format tool run (inside the step's `if`): its configuration and arguments written, run, the arguments removed. */
function runFormat(serverProperties: string, overrides: string[], formatArguments: string[]): string[] {
    return [
        `  { cat ${serverProperties}; printf '%s\\n' ${overrides.map((override) => `"${override}"`).join(" ")}; } > ${FORMAT_PROPERTIES}`,
        `  (umask 077; printf '%s\\n' ${formatArguments.join(" ")} > ${FORMAT_ARGUMENTS})`,
        `  KAFKA_HEAP_OPTS=-Xmx128m KAFKA_ADMIN_TOOL=1 kafka-run-class.sh @${FORMAT_ARGUMENTS} || { rm -f ${FORMAT_ARGUMENTS}; exit 1; }`,
        `  rm -f ${FORMAT_ARGUMENTS}`,
    ];
}

/**
 * A migration's controller formats its storage once too, with the id of the cluster it takes
 * over (which ZooKeeper mode's brokers made, under the chroot: /cluster/id) and no initial voters
 * (the quorum is static). The credentials come over with the rest of the metadata. It reads
 * ZooKeeper logged in as the brokers do (the JAAS file in KAFKA_OPTS).
 */
export function renderMigrationFormatStep(zookeeperWithChroot: string, serverProperties: string, overrides: string[]): string[] {
    return [
        `if [ ! -e ${LOG_DIR}/meta.properties ]; then`,
        `  CLUSTER_ID="$(KAFKA_HEAP_OPTS=-Xmx64m zookeeper-shell.sh "${zookeeperWithChroot}" get /cluster/id 2>/dev/null | sed -n 's/.*"id":"\\([^"]*\\)".*/\\1/p')"`,
        `  [ -n "$CLUSTER_ID" ] || { echo "no Kafka cluster id at ${zookeeperWithChroot}/cluster/id: a migration starts from a running ZooKeeper-mode cluster" >&2; exit 1; }`,
        ...runFormat(serverProperties, overrides, ["kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id", "\"$CLUSTER_ID\"", "--config", FORMAT_PROPERTIES]),
        "fi",
    ];
}

/** kafka.metadata's choices: ZooKeeper mode, KRaft, and a migration's steps between. */
export const METADATA_MODES = ["kraft", ...MIGRATION_STEPS] as const;

/** The release line (major, minor) of a version such as "3.9.1"; undefined when it is not one. */
export function kafkaRelease(version: string): { major: number; minor: number } | undefined {
    const match = /^(\d+)\.(\d+)\.\d+$/.exec(version);
    return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** What KRaft needs of the settings; what this release does not run on it yet is refused here, at preview. */
export function checkKafkaMetadata(settings: PlatformSettings, report: Report): void {
    const { kafka } = settings;
    const release = kafkaRelease(kafka.version);
    if (!release) {
        report("kafka.version", kafka.version, 'must be a Kafka release such as "3.9.1" or "4.4.0" (set-up builds streamstack/kafka:<version> for each of versions.env KAFKA_VERSIONS)');
    } else if (release.major < 3 || (release.major === 3 && release.minor < 9)) {
        report("kafka.version", kafka.version, 'streamstack runs Kafka 3.9 (ZooKeeper mode or KRaft) and 4.x (KRaft): set "3.9.1" or "4.4.0"');
    }
    if (!(METADATA_MODES as readonly string[]).includes(kafka.metadata)) {
        report("kafka.metadata", kafka.metadata, 'must be "zookeeper" (the default) or "kraft", or a step of a migration between them ("migration-prepared", "migration", "kraft-brokers", "kraft-migrated"; docs/kraft.md)');
        return;
    }
    if (kafka.metadata === "zookeeper") {
        if (release && release.major >= 4) {
            report("kafka.metadata", kafka.metadata, `Kafka ${kafka.version} has no ZooKeeper mode: set kafka.metadata "kraft", or kafka.version "3.9.1" to stay on ZooKeeper`);
        }
        return;
    }
    if (kafka.controllerHeapMb < 128) report("kafka.controllerHeapMb", kafka.controllerHeapMb, "a KRaft controller needs at least 128 MiB of heap");
    if (!isStorageQuantity(kafka.controllerStorageSize)) {
        report("kafka.controllerStorageSize", kafka.controllerStorageSize, 'must be a Kubernetes quantity such as "1Gi"');
    }
    if (isMigrated(kafka)) {
        checkMigrationSettings(settings, report);
        return;
    }
    if (![0, 1, 3, 5].includes(kafka.controllers)) {
        report("kafka.controllers", kafka.controllers, "a KRaft quorum is 1, 3 or 5 dedicated controllers (a majority must stay up), or 0 to make the brokers the controllers");
    } else if (kafka.controllers === 0 && ![1, 3, 5].includes(kafka.brokers)) {
        report("kafka.brokers", kafka.brokers, "with kafka.controllers 0 every broker is a voter of the KRaft quorum, so there must be 1, 3 or 5; or set kafka.controllers to 3");
    }
    if (kafka.replication !== "tls") {
        report("kafka.replication", kafka.replication, 'KRaft members talk over mutual TLS with the brokers\' certificates: set "tls" (the default) with kafka.metadata "kraft"');
    }
    // Dedicated controllers' readiness is asked of the quorum through the brokers, which only
    // the Docker target's gates do; on Kubernetes every voter is a broker, whose readiness probe
    // (registered, every replica in sync) the StatefulSet's roll waits on.
    if (settings.target !== "docker" && kafka.controllers !== 0) {
        report("kafka.controllers", kafka.controllers, "on kubernetes KRaft runs in combined mode in this release (every broker a voter): set kafka.controllers 0, with 1, 3 or 5 brokers (docs/kraft.md › Limits)");
    }
}

/**
 * A KRaft cluster goes forward a release line, never back: once every member runs the new
 * version the platform raises its metadata.version (KafkaMetadataVersion), which the older
 * release cannot read. `live` has each running KRaft member's kafka.version (its label or
 * annotation), empty when none runs.
 */
export function versionChangeProblems(live: readonly (string | undefined)[], settings: Pick<PlatformSettings, "kafka">): ConfigProblem[] {
    const wanted = kafkaRelease(settings.kafka.version);
    if (!usesKraft(settings.kafka) || !wanted) return [];
    const newer = [...new Set(live)].filter((version): version is string => {
        const running = version === undefined ? undefined : kafkaRelease(version);
        return running !== undefined && (running.major > wanted.major || (running.major === wanted.major && running.minor > wanted.minor));
    });
    if (newer.length === 0) return [];
    return [configProblem("kafka.version", settings.kafka.version, `the running cluster runs Kafka ${newer.join(", ")}, and a KRaft cluster does not go back a release line ` +
        `(its metadata.version was raised to the newer one once every member ran it): keep "${newer[0]}", or destroy the stack first (its data goes with it; docs/kraft.md › Upgrading)`)];
}

/** What runs of a KRaft quorum, as the preflights read it: the dedicated controllers' ordinals, and the brokers' when they are KRaft members. */
export interface RunningQuorum {
    controllers: number[];
    kraftBrokers: number[];
}

/**
 * The quorum's voters were fixed when it formed (each member formatted with the same initial
 * voters): this release does not add or remove a voter of a running quorum (Kafka's
 * add-controller / remove-controller), so a change of the dedicated controllers' count, or of
 * the brokers' in combined mode, or between the two, is refused while the quorum exists.
 */
export function quorumChangeProblems(running: RunningQuorum, settings: Pick<PlatformSettings, "kafka">): ConfigProblem[] {
    const { kafka } = settings;
    if (!usesKraft(kafka) && !hasDedicatedControllers(kafka)) return [];
    const dedicated = new Set(running.controllers).size;
    const combinedVoters = new Set(running.kraftBrokers).size;
    const keep = "this release does not add or remove a voter of a running quorum; keep it, or destroy the stack first (its data goes with it; docs/kraft.md › Limits)";
    if (dedicated > 0 && kafka.controllers !== dedicated) {
        return [configProblem("kafka.controllers", kafka.controllers, `the running quorum's voters are ${dedicated} dedicated controllers: ${keep}`)];
    }
    if (dedicated === 0 && combinedVoters > 0) {
        if (kafka.controllers !== 0) return [configProblem("kafka.controllers", kafka.controllers, `the running quorum's voters are the brokers (combined mode, 0): ${keep}`)];
        if (kafka.brokers !== combinedVoters) return [configProblem("kafka.brokers", kafka.brokers, `in combined mode the brokers are the quorum's voters, ${combinedVoters} of them: ${keep}`)];
    }
    return [];
}

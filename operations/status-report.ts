import { SCRAM_MECHANISM } from "../components/kafka/admin-login";
import { KafkaConnection } from "../live/kafka";
import { fourLetterWord, kafkaBrokers, kafkaQuorumOfAny, masterStatus, MasterStatus, splitEndpoint, zookeeperMode } from "../live";
import { CONTROLLER_GROUP, CONTROLLER_ID_BASE } from "../components/kafka/kraft";

/** The stack outputs the status report starts from (`pulumi stack output --json`). */
export interface PlatformEndpoints {
    zookeeperHostConnect: string;
    kafkaBootstrapServers: string;
    /** Present when Kafka's external listener speaks TLS: the brokers are verified against it. */
    kafkaCaCertificate?: string;
    /** Present when Kafka's external listener requires a login (read with --show-secrets). */
    kafkaAdminUsername?: string;
    kafkaAdminPassword?: string;
    sparkMasterUiUrls: string[];
    sparkWorkerUiUrls: string[];
    streamingJobs?: Record<string, { driverId: string }>;
}

/** One line of the report: a member, where it answers, its state and what else matters. */
export interface StatusRow {
    component: string;
    member: string;
    endpoint: string;
    state: string;
    detail: string;
    /** False when the member is missing or not in a healthy state. */
    healthy: boolean;
}

const failure = (error: unknown) => `unreachable: ${(error as Error).message}`;

/** One row per ZooKeeper server of a host connect string: its mode (srvr), or "down" when it does not answer. */
export async function zookeeperRows(connect: string): Promise<StatusRow[]> {
    // Empty on Kubernetes: ZooKeeper is not published outside the cluster.
    if (connect === "") return [];
    return Promise.all(connect.split(",").map(async (endpoint, i) => {
        const { host, port } = splitEndpoint(endpoint);
        try {
            const mode = zookeeperMode(await fourLetterWord(host, port, "srvr"));
            return { component: "zookeeper", member: `zookeeper-${i}`, endpoint, state: mode, detail: "", healthy: mode === "leader" || mode === "follower" || mode === "standalone" };
        } catch (error) {
            return { component: "zookeeper", member: `zookeeper-${i}`, endpoint, state: "down", detail: failure(error), healthy: false };
        }
    }));
}

async function kafkaRows(bootstrap: string, connection: KafkaConnection): Promise<StatusRow[]> {
    const endpoints = bootstrap.split(",");
    const brokers = await kafkaBrokers(bootstrap, connection).catch((error: unknown) => error as Error);
    return endpoints.map((endpoint, id) => {
        const member = `kafka-${id}`;
        if (brokers instanceof Error) return { component: "kafka", member, endpoint, state: "unknown", detail: failure(brokers), healthy: false };
        const broker = brokers.find((b) => b.id === id);
        if (!broker) return { component: "kafka", member, endpoint, state: "not registered", detail: "", healthy: false };
        return {
            component: "kafka", member, endpoint, state: "registered",
            detail: `leads ${broker.leads} partition${broker.leads === 1 ? "" : "s"}, ${broker.underReplicated} under-replicated`,
            healthy: broker.underReplicated === 0,
        };
    });
}

/**
 * A KRaft voter is healthy while its log is within this many records of what the quorum
 * committed: the leader writes one every 500 ms when nothing else happens
 * (metadata.max.idle.interval.ms), so 10 is about 5 s behind.
 */
export const QUORUM_LAG_LIMIT = 10n;

/**
 * One row per voter of the KRaft quorum (the dedicated controllers, or the brokers in combined
 * mode), as a broker's answer to DescribeQuorum tells it: leader or follower, and how far its log
 * is behind what the quorum committed. None for a cluster in ZooKeeper mode (its brokers know no
 * such request).
 */
export async function quorumRows(bootstrap: string, connection: KafkaConnection): Promise<StatusRow[]> {
    const quorum = await kafkaQuorumOfAny(bootstrap.split(","), connection).catch(() => undefined);
    if (!quorum) return [];
    const { leaderId, highWatermark } = quorum;
    return [...quorum.voters].sort((a, b) => a.id - b.id).map((voter) => {
        const lag = highWatermark > voter.logEndOffset ? highWatermark - voter.logEndOffset : 0n;
        const member = voter.id >= CONTROLLER_ID_BASE ? `${CONTROLLER_GROUP}-${voter.id - CONTROLLER_ID_BASE}` : `kafka-${voter.id}`;
        return {
            component: "kraft", member, endpoint: "",
            state: leaderId < 0 ? "no leader" : voter.id === leaderId ? "leader" : "follower",
            detail: `metadata lag ${lag} (log end ${voter.logEndOffset}, committed ${highWatermark})`,
            healthy: leaderId >= 0 && lag <= QUORUM_LAG_LIMIT,
        };
    });
}

async function sparkRows(masterUis: string[], workerUis: string[], jobs: string[]): Promise<StatusRow[]> {
    const masters = await Promise.all(masterUis.map((url) => masterStatus(url).catch((error: unknown) => error as Error)));
    const rows: StatusRow[] = masters.map((state, i) => state instanceof Error
        ? { component: "spark", member: `spark-master-${i}`, endpoint: masterUis[i], state: "down", detail: failure(state), healthy: false }
        : { component: "spark", member: `spark-master-${i}`, endpoint: masterUis[i], state: state.status, detail: "", healthy: ["ALIVE", "STANDBY"].includes(state.status) });
    const alive = masters.find((state): state is MasterStatus => !(state instanceof Error) && state.status === "ALIVE");
    workerUis.forEach((endpoint, i) => {
        const member = `spark-worker-${i}`;
        const worker = alive && workerRecordOf(alive.workers, member);
        rows.push(worker
            ? { component: "spark", member, endpoint, state: worker.state, detail: `cores ${worker.coresused}/${worker.cores}, memory ${worker.memoryused}/${worker.memory} MiB`, healthy: worker.state === "ALIVE" }
            : { component: "spark", member, endpoint, state: alive ? "not registered" : "unknown", detail: alive ? "" : "no ALIVE master", healthy: false });
    });
    for (const name of jobs) {
        const app = alive?.activeapps.find((a) => a.name === name);
        rows.push({ component: "job", member: name, endpoint: "", state: app?.state ?? "not running", detail: app ? `${app.id}, ${app.cores} cores` : "", healthy: app?.state === "RUNNING" });
    }
    return rows;
}

/**
 * The master's record of worker `member`: the worker registers with the name it binds, the
 * member's own on Docker (`spark-worker-0`), its pod's under the headless Service on Kubernetes
 * (`spark-worker-0.spark-worker-headless.<ns>.svc.cluster.local`). A restarted worker registers
 * anew and the master keeps its dead predecessor as DEAD: the ALIVE record wins.
 */
export function workerRecordOf<W extends { host: string; state: string }>(workers: W[], member: string): W | undefined {
    const records = workers.filter((w) => w.host === member || w.host.startsWith(`${member}.`));
    return records.find((w) => w.state === "ALIVE") ?? records[0];
}

/** How a client reaches the external listener: its CA when it speaks TLS, the admin's login when it requires one. */
export function kafkaConnectionOf(endpoints: PlatformEndpoints): KafkaConnection {
    return {
        caCertificate: endpoints.kafkaCaCertificate,
        ...(endpoints.kafkaAdminUsername && endpoints.kafkaAdminPassword
            ? { login: { mechanism: SCRAM_MECHANISM, username: endpoints.kafkaAdminUsername, password: endpoints.kafkaAdminPassword } }
            : {}),
    };
}

/** Every member of the platform, probed from the host; rows in ZooKeeper, Kafka (brokers, then the KRaft quorum's voters), Spark order. */
export async function collectStatus(endpoints: PlatformEndpoints): Promise<StatusRow[]> {
    const [zookeeper, kafka, quorum, spark] = await Promise.all([
        zookeeperRows(endpoints.zookeeperHostConnect),
        kafkaRows(endpoints.kafkaBootstrapServers, kafkaConnectionOf(endpoints)),
        quorumRows(endpoints.kafkaBootstrapServers, kafkaConnectionOf(endpoints)),
        sparkRows(endpoints.sparkMasterUiUrls, endpoints.sparkWorkerUiUrls, Object.keys(endpoints.streamingJobs ?? {})),
    ]);
    return [...zookeeper, ...kafka, ...quorum, ...spark];
}

/** A plain-text table, columns padded to their widest cell; unhealthy rows marked with '!'. */
export function renderStatusTable(rows: StatusRow[]): string {
    const cells = [["", "component", "member", "endpoint", "state", "detail"], ...rows.map((r) => [r.healthy ? " " : "!", r.component, r.member, r.endpoint, r.state, r.detail])];
    const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
    return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n") + "\n";
}

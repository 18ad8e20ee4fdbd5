import { KafkaAuth } from "../../../components/model/state-access";
import { stackFilter } from "../../../components/model/labels";
import { ComponentKind } from "../../../components/model/workload";
import { inspectContainer, listContainers } from "../../../live/docker-engine";
import { aliveMaster, fourLetterWord, kafkaCluster, kafkaQuorumOfAny, masterStatus, QuorumState, splitEndpoint, workerStatus, zookeeperMode } from "../../../live";

/** Value of the streamstack.stack label of every container of the gate's stack. */
export type StackLabel = string;

/** A member as a gate receives it (see targets/docker/readiness-gate.ts). */
export interface WatchedMember {
    member: string;
    ordinal: number;
    container: string;
    containerId: string;
    endpoint: string;
}

/** What a gate knows of the member's whole group. */
export interface WatchedGroup {
    /** host:port of every member's state port (Kafka metadata and the ALIVE master are group-wide). */
    groupEndpoints: string[];
    stack: StackLabel;
    /** The CA the state port's certificates are signed by, when it speaks TLS (Kafka's external listener). */
    stateCa?: string;
    /** The login the state port requires, when it requires one (Kafka's external listener with SASL). */
    stateLogin?: KafkaAuth;
}

/** One look at a member: ready or not, what readiness means for it, and what was seen. */
export interface Observation {
    ready: boolean;
    waitedFor: string;
    seen: string;
}

const PROBE_TIMEOUT_MS = 3000;

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/**
 * A ZooKeeper restart disconnects its clients, and Spark's ALIVE master gives up leadership
 * (and exits; Docker restarts it) when its connection is suspended. The next server may only
 * restart once every member of the stack is running healthy again, or two masters could be
 * down at once.
 */
async function stackSettled(stack: StackLabel): Promise<Observation> {
    const waitedFor = "every member of the stack running healthy again (ZooKeeper clients reconnected)";
    const unsettled = (await listContainers(stackFilter(stack))).filter((c) => !c.healthy);
    return { ready: unsettled.length === 0, waitedFor, seen: unsettled.map((c) => `${c.name}: ${c.status}`).join("; ") || "all healthy" };
}

/** Whether nothing listens where the error came from: ECONNREFUSED, on the error or a cause it wraps (the Kafka client's NetworkError). */
export function connectionRefused(error: unknown): boolean {
    for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
        if ((at as NodeJS.ErrnoException).code === "ECONNREFUSED") return true;
    }
    return false;
}

/**
 * A KRaft controller's condition: a voter of the quorum, which has a leader, with its log caught
 * up to what the quorum committed — asked of the brokers, which forward DescribeQuorum to the
 * active controller. When no broker accepts a connection at all (a cold up: the brokers start
 * after the controllers) its container's own check is all there is.
 */
async function controllerReady(member: WatchedMember, groupEndpoints: string[], stateCa: string | undefined, stateLogin: KafkaAuth | undefined): Promise<Observation> {
    const waitedFor = `controller ${member.ordinal} a voter of the quorum, caught up with what its leader committed`;
    let quorum: QuorumState;
    try {
        quorum = await kafkaQuorumOfAny(groupEndpoints, { timeoutMs: PROBE_TIMEOUT_MS, caCertificate: stateCa, login: stateLogin });
    } catch (error) {
        const answered = ((error as AggregateError).errors ?? [error]).filter((each) => !connectionRefused(each)).map(describe);
        return answered.length === 0
            ? { ready: true, waitedFor: "container healthy", seen: "healthy; no broker runs yet to ask the quorum (the brokers start after the controllers)" }
            : { ready: false, waitedFor, seen: answered.join("; ") };
    }
    const voter = [...quorum.voters].sort((a, b) => a.id - b.id)[member.ordinal];
    if (!voter) return { ready: false, waitedFor, seen: `the quorum's voters are ${quorum.voters.map((v) => v.id).join(",") || "none"}` };
    if (quorum.leaderId < 0) return { ready: false, waitedFor, seen: "the quorum has no leader" };
    const caughtUp = voter.logEndOffset >= quorum.highWatermark;
    return { ready: caughtUp, waitedFor, seen: `voter ${voter.id}: log end ${voter.logEndOffset}, committed ${quorum.highWatermark}, leader ${quorum.leaderId}` };
}

/** The platform-level condition of each kind, checked once the container itself is healthy. */
async function roleReady(kind: ComponentKind, member: WatchedMember, { groupEndpoints, stack, stateCa, stateLogin }: WatchedGroup): Promise<Observation> {
    // Asked through the brokers (WorkloadGroup.stateFrom): its own ordinal may have no broker endpoint.
    // A migration's controllers while they write to ZooKeeper have no group to ask (the brokers may
    // be in ZooKeeper mode): their container's check, and the migration's own (MetadataMigration).
    if (kind === "kafka-controller") {
        return groupEndpoints.length === 0 ? { ready: true, waitedFor: "container healthy", seen: "healthy (no quorum to ask through the brokers)" }
            : controllerReady(member, groupEndpoints, stateCa, stateLogin);
    }
    if (!member.endpoint) return { ready: true, waitedFor: "container healthy", seen: "healthy (state port not published)" };
    switch (kind) {
        case "zookeeper": {
            const waitedFor = "serving as leader or follower";
            const { host, port } = splitEndpoint(member.endpoint);
            const mode = zookeeperMode(await fourLetterWord(host, port, "srvr", PROBE_TIMEOUT_MS));
            if (!["leader", "follower", "standalone"].includes(mode)) return { ready: false, waitedFor, seen: `mode ${mode}` };
            return stackSettled(stack);
        }
        case "kafka": {
            const waitedFor = `broker ${member.ordinal} registered and every partition's replicas in sync`;
            // Asked of the member itself, which any broker's metadata serves: while a change of
            // kafka.security rolls, the replaced member speaks the new protocol (the gate's
            // stateCa), the others still the old one.
            const cluster = await kafkaCluster(member.endpoint, { timeoutMs: PROBE_TIMEOUT_MS, caCertificate: stateCa, login: stateLogin });
            if (!cluster.brokers.some((broker) => broker.id === member.ordinal)) {
                return { ready: false, waitedFor, seen: `registered brokers ${cluster.brokers.map((b) => b.id).join(",") || "none"}` };
            }
            const lagging = cluster.brokers.filter((broker) => broker.underReplicated > 0);
            return {
                ready: lagging.length === 0,
                waitedFor,
                seen: lagging.length === 0 ? "all in sync" : lagging.map((b) => `broker ${b.id}: ${b.underReplicated} replicas out of sync`).join("; "),
            };
        }
        case "spark-master": {
            const waitedFor = "ALIVE or STANDBY, with an ALIVE master in the group";
            const own = await masterStatus(`http://${member.endpoint}`, { timeoutMs: PROBE_TIMEOUT_MS });
            const alive = await aliveMaster(groupEndpoints.map((endpoint) => `http://${endpoint}`), { timeoutMs: PROBE_TIMEOUT_MS });
            const ready = ["ALIVE", "STANDBY"].includes(own.status) && alive !== undefined;
            return { ready, waitedFor, seen: `${own.status}${alive ? "" : ", no ALIVE master in the group"}` };
        }
        case "spark-worker": {
            const waitedFor = "registered with the ALIVE master";
            const state = await workerStatus(`http://${member.endpoint}`, { timeoutMs: PROBE_TIMEOUT_MS });
            return { ready: Boolean(state.masterurl), waitedFor, seen: state.masterurl ? `registered with ${state.masterurl}` : "not registered with a master" };
        }
    }
}

/** One look's bound on the Docker engine: the gate looks again until its own deadline. */
const LOOK_TIMEOUT_MS = 5000;

/** Looks once at a member: its own container, then the role it plays in the platform. */
export async function observe(kind: ComponentKind, member: WatchedMember, group: WatchedGroup): Promise<Observation> {
    const waitedForContainer = `container ${member.container} running and healthy`;
    let container: Awaited<ReturnType<typeof inspectContainer>>;
    try {
        container = await inspectContainer(member.container, LOOK_TIMEOUT_MS);
    } catch (error) {
        // A Docker engine busy creating a dozen containers can leave one request unanswered for
        // seconds: that is one look without an answer, and the gate looks again until its deadline.
        return { ready: false, waitedFor: waitedForContainer, seen: `the Docker engine did not answer (${describe(error)})` };
    }
    if (!container) return { ready: false, waitedFor: waitedForContainer, seen: "no such container" };
    if (!container.running || container.health !== "healthy") {
        const restarts = container.restartCount > 0 ? `, restarted ${container.restartCount}×` : "";
        return { ready: false, waitedFor: waitedForContainer, seen: `${container.status}, health ${container.health}${restarts}` };
    }
    try {
        return await roleReady(kind, member, group);
    } catch (error) {
        return { ready: false, waitedFor: "its state port to answer", seen: describe(error) };
    }
}

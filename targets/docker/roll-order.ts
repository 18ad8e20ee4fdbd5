import { range } from "../../components/model/addressing";
import { WorkloadGroup } from "../../components/model/workload";
import { KAFKA_METADATA_ANNOTATION } from "../../components/model/labels";
import { aliveMaster, fourLetterWord, KafkaConnection, kafkaControllerId, kafkaQuorumOfAny, QuorumState, splitEndpoint, zookeeperMode } from "../../live";

/**
 * Not short: the program asks while it declares every resource, which keeps its event loop
 * busy for seconds on a loaded machine, and a timer that fires before the answer is read
 * would order the group wrongly. A stack that is down refuses the connection at once.
 */
const PROBE_TIMEOUT_MS = 5000;

/**
 * The order a change rolls a group's members in: by ordinal, except that the member whose
 * restart costs the group most (the ZooKeeper leader, the Kafka controller, the ALIVE Spark
 * master) goes last, so the group changes hands once, not at every step.
 */
export function rollOrder(replicas: number, last: number | undefined): number[] {
    const ordinals = range(replicas);
    if (last === undefined || last < 0 || last >= replicas) return ordinals;
    return [...ordinals.filter((ordinal) => ordinal !== last), last];
}

/**
 * host:port of each member's state port as the host reaches it (127.0.0.1 when ports bind to
 * every address), or of the group that answers for it (WorkloadGroup.stateFrom); empty when
 * neither publishes it.
 */
export function stateEndpoints(group: Pick<WorkloadGroup, "ports" | "statePort" | "replicas" | "stateFrom">, bindAddress: string): string[] {
    if (group.stateFrom) return stateEndpoints(group.stateFrom, bindAddress);
    const port = group.ports.find((candidate) => candidate.name === group.statePort);
    if (port?.hostPortBase === undefined) return [];
    const host = bindAddress === "0.0.0.0" ? "127.0.0.1" : bindAddress;
    return range(group.replicas).map((ordinal) => `${host}:${port.hostPortBase! + ordinal}`);
}

/** The quorum as the first broker that answers tells it; undefined when none does. */
function firstQuorumAnswer(endpoints: string[], access: KafkaConnection): Promise<QuorumState | undefined> {
    return kafkaQuorumOfAny(endpoints, { timeoutMs: PROBE_TIMEOUT_MS, ...access }).catch(() => undefined);
}

/** The ordinal of the KRaft voter that leads, its voters in node id order (brokers 0, 1, …; controllers 1000, 1001, …). */
export function leadingVoter(quorum: Pick<QuorumState, "leaderId" | "voters">): number | undefined {
    const ordinal = quorum.voters.map((voter) => voter.id).sort((a, b) => a - b).indexOf(quorum.leaderId);
    return ordinal >= 0 ? ordinal : undefined;
}

/** The ordinal of the member that leads the group right now, if the group runs and has one. */
async function leadingMember(group: WorkloadGroup, endpoints: string[], access: KafkaConnection): Promise<number | undefined> {
    if (endpoints.length === 0) return undefined;
    switch (group.kind) {
        case "zookeeper": {
            const modes = await Promise.all(endpoints.map((endpoint) => {
                const { host, port } = splitEndpoint(endpoint);
                return fourLetterWord(host, port, "srvr", PROBE_TIMEOUT_MS).then(zookeeperMode, () => "down");
            }));
            const leader = modes.indexOf("leader");
            return leader >= 0 ? leader : undefined;
        }
        case "kafka": {
            if (group.annotations[KAFKA_METADATA_ANNOTATION] === "kraft") {
                // KRaft: a broker leads nothing unless it is a voter too (combined mode), when the
                // quorum's leader goes last; Metadata's controller id is any broker there.
                const quorum = await firstQuorumAnswer(endpoints, access);
                return quorum && quorum.voters.some((voter) => voter.id === quorum.leaderId) ? quorum.leaderId : undefined;
            }
            // Any broker that answers knows the controller.
            for (const endpoint of endpoints) {
                const { host, port } = splitEndpoint(endpoint);
                const controller = await kafkaControllerId(host, port, { timeoutMs: PROBE_TIMEOUT_MS, ...access }).catch(() => undefined);
                if (controller !== undefined) return controller;
            }
            return undefined;
        }
        case "spark-master":
            return (await aliveMaster(endpoints.map((endpoint) => `http://${endpoint}`), { timeoutMs: PROBE_TIMEOUT_MS }))?.index;
        case "kafka-controller": {
            const quorum = await firstQuorumAnswer(endpoints, access);
            return quorum && leadingVoter(quorum);
        }
        case "spark-worker":
            return undefined;
    }
}

/**
 * rollOrder with the leader read from the running platform (its state port verified against the
 * CA the running members were made with, when it speaks TLS, and logged in to with the login
 * they mount, when it requires one: `access`); ordinal order when it cannot be read.
 */
export async function liveRollOrder(group: WorkloadGroup, bindAddress: string, access: KafkaConnection = {}): Promise<number[]> {
    const last = await leadingMember(group, stateEndpoints(group, bindAddress), access).catch(() => undefined);
    return rollOrder(group.replicas, last);
}

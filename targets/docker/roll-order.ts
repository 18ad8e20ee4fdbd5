import { range } from "../../components/model/addressing";
import { WorkloadGroup } from "../../components/model/workload";
import { aliveMaster, fourLetterWord, KafkaConnection, kafkaControllerId, splitEndpoint, zookeeperMode } from "../../live";

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
 * every address); empty when the group does not publish it.
 */
export function stateEndpoints(group: Pick<WorkloadGroup, "ports" | "statePort" | "replicas">, bindAddress: string): string[] {
    const port = group.ports.find((candidate) => candidate.name === group.statePort);
    if (port?.hostPortBase === undefined) return [];
    const host = bindAddress === "0.0.0.0" ? "127.0.0.1" : bindAddress;
    return range(group.replicas).map((ordinal) => `${host}:${port.hostPortBase! + ordinal}`);
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
        case "spark-worker":
        case "kafka-controller":
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

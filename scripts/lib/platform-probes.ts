/**
 * Read-only probes of a running platform, from the host through its published ports: what
 * `npm run status` shows and what the e2e drills assert on.
 */
import * as net from "node:net";
import { Admin } from "@platformatic/kafka";

/** Sends a ZooKeeper four-letter word to host:port and returns the answer. */
export function fourLetterWord(host: string, port: number, word: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port }, () => socket.write(word));
        let answer = "";
        socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${word} from ${host}:${port}`)));
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
    });
}

/** leader, follower or standalone from a `srvr` answer; "unknown" when it has no Mode line. */
export function zookeeperMode(srvr: string): string {
    return /^Mode: (\w+)$/m.exec(srvr)?.[1] ?? "unknown";
}

export interface MasterWorker {
    id: string;
    host: string;
    state: string;
    cores: number;
    coresused: number;
    /** MiB. */
    memory: number;
    memoryused: number;
}

/** A standalone master's `/json/` (Spark's JsonProtocol), the fields the probes read. */
export interface MasterStatus {
    status: string;
    aliveworkers?: number;
    workers: MasterWorker[];
    activeapps: { id: string; name: string; state: string; cores: number }[];
    completedapps: { name: string; state: string; cores: number }[];
    activedrivers: { id: string; state: string; worker: string }[];
}

export async function masterStatus(uiUrl: string): Promise<MasterStatus> {
    const response = await fetch(`${uiUrl}/json/`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`${uiUrl}/json/ answered ${response.status}`);
    return (await response.json()) as MasterStatus;
}

/** The ALIVE master among the given web UIs (its position and state); undefined while none is. */
export async function aliveMaster(uiUrls: string[]): Promise<{ index: number; state: MasterStatus } | undefined> {
    const states = await Promise.all(uiUrls.map((url) => masterStatus(url).catch(() => undefined)));
    const index = states.findIndex((state) => state?.status === "ALIVE");
    return index >= 0 ? { index, state: states[index]! } : undefined;
}

export interface BrokerState {
    id: number;
    /** Partitions this broker replicates but is not in sync for. */
    underReplicated: number;
    /** Partitions it leads. */
    leads: number;
}

/**
 * The registered brokers with, for each, the partition replicas it holds out of sync. Internal
 * topics are left out: the client (@platformatic/kafka 2.12) returns no metadata for them.
 */
export async function kafkaBrokers(bootstrap: string): Promise<BrokerState[]> {
    const admin = new Admin({ clientId: "streamstack-status", bootstrapBrokers: bootstrap.split(","), retries: 1, timeout: 5000 });
    try {
        const topics = await admin.listTopics({ includeInternals: false });
        const metadata = await admin.metadata({ topics, forceUpdate: true });
        const states = new Map([...metadata.brokers.keys()].map((id) => [id, { id, underReplicated: 0, leads: 0 }]));
        for (const topic of metadata.topics.values()) {
            for (const partition of topic?.partitions ?? []) {
                const leader = states.get(partition.leader);
                if (leader) leader.leads++;
                for (const replica of partition.replicas) {
                    const state = states.get(replica);
                    if (state && !partition.isr.includes(replica)) state.underReplicated++;
                }
            }
        }
        return [...states.values()].sort((a, b) => a.id - b.id);
    } finally {
        await admin.close();
    }
}

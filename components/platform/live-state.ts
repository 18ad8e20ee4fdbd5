/**
 * Read-only probes of a running platform, from the host through its published ports: what
 * `npm run status` shows, what the e2e drills assert on, the order the Docker target rolls a
 * group in and what its readiness gates wait for.
 */
import * as http from "node:http";
import * as net from "node:net";
import type * as Kafka from "@platformatic/kafka";

/** The ESM Kafka client is loaded on first use: a program that never asks Kafka never pays for it. */
function kafkaClient(): typeof Kafka {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require(esm) at call time; see above
    return require("@platformatic/kafka") as typeof Kafka;
}

/** `host:port` → its parts (the port is after the last colon). */
export function splitEndpoint(endpoint: string): { host: string; port: number } {
    const at = endpoint.lastIndexOf(":");
    return { host: endpoint.slice(0, at), port: Number(endpoint.slice(at + 1)) };
}

/** Sends a ZooKeeper four-letter word to host:port and returns the answer. */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port }, () => socket.write(word));
        let answer = "";
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer to ${word} from ${host}:${port}`)));
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

/** Options last, as an object: `urls.map(masterStatus)` must not pass an index as a timeout. */
export interface ProbeOptions {
    timeoutMs?: number;
}

/**
 * GET of a JSON document over plain HTTP. node:http, not fetch: the program reads the masters'
 * state on every preview (the roll order), and a first fetch loads Node's bundled undici and
 * the web streams behind it, ~40 ms of CPU more than node:http, which the program has loaded.
 */
function getJson<T>(url: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
        const fail = (error: Error) => {
            clearTimeout(deadline);
            reject(error);
        };
        const request = http.get(url, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => {
                clearTimeout(deadline);
                if (response.statusCode !== 200) return reject(new Error(`${url} answered ${response.statusCode}`));
                try {
                    resolve(JSON.parse(body) as T);
                } catch (error) {
                    reject(new Error(`${url} answered with no JSON: ${(error as Error).message}`));
                }
            });
            response.on("error", fail);
        });
        // A deadline for the whole exchange, as fetch's AbortSignal.timeout gave; cleared however
        // the exchange ends, so that no timer outlives it (and keeps a finished program waiting).
        const deadline = setTimeout(() => request.destroy(new Error(`${url}: no answer in ${timeoutMs} ms`)), timeoutMs);
        request.on("error", fail);
    });
}

export function masterStatus(uiUrl: string, { timeoutMs = 5000 }: ProbeOptions = {}): Promise<MasterStatus> {
    return getJson<MasterStatus>(`${uiUrl}/json/`, timeoutMs);
}

/** The ALIVE master among the given web UIs (its position and state); undefined while none is. */
export async function aliveMaster(uiUrls: string[], { timeoutMs = 5000 }: ProbeOptions = {}): Promise<{ index: number; state: MasterStatus } | undefined> {
    const states = await Promise.all(uiUrls.map((url) => masterStatus(url, { timeoutMs }).catch(() => undefined)));
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
export async function kafkaBrokers(bootstrap: string, options: ProbeOptions = {}): Promise<BrokerState[]> {
    return (await kafkaCluster(bootstrap, options)).brokers;
}

export interface KafkaClusterState {
    controllerId: number;
    brokers: BrokerState[];
}

/** The registered brokers (as kafkaBrokers) and the broker that is the cluster's controller. */
export async function kafkaCluster(bootstrap: string, { timeoutMs = 5000 }: ProbeOptions = {}): Promise<KafkaClusterState> {
    const admin = new (kafkaClient().Admin)({ clientId: "streamstack-status", bootstrapBrokers: bootstrap.split(","), retries: 1, timeout: timeoutMs });
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
        return { controllerId: metadata.controllerId, brokers: [...states.values()].sort((a, b) => a.id - b.id) };
    } finally {
        await admin.close();
    }
}

/**
 * The cluster's controller, asked with one Kafka Metadata request (v1, no topics) on a plain
 * socket: the program orders a rolling restart by it on every preview, where loading the Kafka
 * client would cost more than half a second.
 */
export function kafkaControllerId(host: string, port: number, timeoutMs = 5000): Promise<number> {
    const clientId = Buffer.from("streamstack-roll-order");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
    let at = body.writeInt16BE(3, 0); // api key: Metadata
    at = body.writeInt16BE(1, at); // api version 1: the first with controller_id
    at = body.writeInt32BE(1, at); // correlation id
    at = body.writeInt16BE(clientId.length, at);
    at += clientId.copy(body, at);
    body.writeInt32BE(0, at); // topics: none
    const request = Buffer.concat([Buffer.alloc(4), body]);
    request.writeInt32BE(body.length, 0);
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port }, () => socket.write(request));
        let received = Buffer.alloc(0);
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no Metadata answer from ${host}:${port}`)));
        socket.on("error", reject);
        socket.on("data", (chunk) => {
            received = Buffer.concat([received, chunk]);
            if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
            socket.destroy();
            try {
                let offset = 8; // size, correlation id
                const brokers = received.readInt32BE(offset);
                offset += 4;
                for (let i = 0; i < brokers; i++) {
                    offset += 4; // node id
                    offset += 2 + received.readInt16BE(offset); // host
                    offset += 4; // port
                    const rack = received.readInt16BE(offset);
                    offset += 2 + Math.max(0, rack); // rack, -1 = null
                }
                resolve(received.readInt32BE(offset));
            } catch (error) {
                reject(new Error(`unreadable Metadata answer from ${host}:${port}: ${(error as Error).message}`));
            }
        });
    });
}

/**
 * Kafka brokers, asked through the client (@platformatic/kafka) or, where loading it would cost
 * more than the question, one hand-made Metadata request.
 */
import * as net from "node:net";
import * as tls from "node:tls";
import type * as Kafka from "@platformatic/kafka";
import { ProbeOptions } from "./endpoint";
import { KafkaAuth } from "../components/model/state-access";

/**
 * How a host-side client reaches the brokers' external listener: with `caCertificate` (PEM), over
 * TLS, the broker's certificate verified against that CA for the address dialled (Node's
 * default host and IP check); without it, in plaintext. With `login`, it logs in (SASL).
 */
export interface KafkaConnection {
    caCertificate?: string;
    login?: KafkaAuth;
}

/** The @platformatic/kafka client options of a connection's TLS: `tls` when it has a CA, nothing otherwise. */
export function kafkaClientTls({ caCertificate }: KafkaConnection): { tls?: tls.ConnectionOptions } {
    return caCertificate ? { tls: { ca: caCertificate, rejectUnauthorized: true } } : {};
}

/** The @platformatic/kafka client options of a connection: its TLS (kafkaClientTls) and its SASL login. */
export function kafkaClientOptions(connection: KafkaConnection): { tls?: tls.ConnectionOptions; sasl?: KafkaAuth } {
    const { login } = connection;
    return { ...kafkaClientTls(connection), ...(login ? { sasl: { mechanism: login.mechanism, username: login.username, password: login.password } } : {}) };
}

export interface KafkaProbeOptions extends ProbeOptions, KafkaConnection {}

/** The ESM Kafka client is loaded on first use: a program that never asks Kafka never pays for it. */
function kafkaClient(): typeof Kafka {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require(esm) at call time: a program that never asks Kafka never loads it
    return require("@platformatic/kafka") as typeof Kafka;
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
export async function kafkaBrokers(bootstrap: string, options: KafkaProbeOptions = {}): Promise<BrokerState[]> {
    return (await kafkaCluster(bootstrap, options)).brokers;
}

export interface KafkaClusterState {
    controllerId: number;
    brokers: BrokerState[];
}

/** The registered brokers (as kafkaBrokers) and the broker that is the cluster's controller. */
export async function kafkaCluster(bootstrap: string, { timeoutMs = 5000, ...connection }: KafkaProbeOptions = {}): Promise<KafkaClusterState> {
    const admin = new (kafkaClient().Admin)({ clientId: "streamstack-status", bootstrapBrokers: bootstrap.split(","), retries: 1, timeout: timeoutMs, ...kafkaClientOptions(connection) });
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
 * The cluster's controller. The program orders a rolling restart by it on every preview, where
 * loading the Kafka client costs more than half a second: without a login it is one Metadata
 * request (v4, no topics: Kafka 4 answers v4 and later only) on a socket of its own (TLS, verified, when the connection has a CA);
 * a listener that requires a login is asked through the client, which speaks SASL.
 */
export async function kafkaControllerId(host: string, port: number, options: KafkaProbeOptions = {}): Promise<number> {
    if (!options.login) return rawControllerId(host, port, options);
    const { timeoutMs = 5000, ...connection } = options;
    const admin = new (kafkaClient().Admin)({ clientId: "streamstack-roll-order", bootstrapBrokers: [`${host}:${port}`], retries: 1, timeout: timeoutMs, ...kafkaClientOptions(connection) });
    try {
        return (await admin.metadata({ topics: [] })).controllerId;
    } finally {
        await admin.close();
    }
}

function rawControllerId(host: string, port: number, { timeoutMs = 5000, caCertificate }: KafkaProbeOptions): Promise<number> {
    const clientId = Buffer.from("streamstack-roll-order");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let at = body.writeInt16BE(3, 0); // api key: Metadata
    at = body.writeInt16BE(4, at); // api version 4: the oldest Kafka 4 answers (controller_id since v1)
    at = body.writeInt32BE(1, at); // correlation id
    at = body.writeInt16BE(clientId.length, at);
    at += clientId.copy(body, at);
    at = body.writeInt32BE(0, at); // topics: none
    body.writeInt8(0, at); // allow_auto_topic_creation: no
    const request = Buffer.concat([Buffer.alloc(4), body]);
    request.writeInt32BE(body.length, 0);
    return new Promise((resolve, reject) => {
        const socket: net.Socket = caCertificate
            ? tls.connect({ host, port, ...kafkaClientTls({ caCertificate }).tls, ...(net.isIP(host) ? {} : { servername: host }) }, () => socket.write(request))
            : net.connect({ host, port }, () => socket.write(request));
        let received = Buffer.alloc(0);
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no Metadata answer from ${host}:${port}`)));
        socket.on("error", reject);
        // A listener that speaks TLS closes a plaintext client's connection without a word (and
        // a broker going down closes it too): that is no answer, not a wait forever.
        socket.on("close", () => reject(new Error(`${host}:${port} closed the connection without a Metadata answer`)));
        socket.on("data", (chunk) => {
            received = Buffer.concat([received, chunk]);
            if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
            socket.destroy();
            try {
                let offset = 12; // size, correlation id, throttle time
                const brokers = received.readInt32BE(offset);
                offset += 4;
                for (let i = 0; i < brokers; i++) {
                    offset += 4; // node id
                    offset += 2 + received.readInt16BE(offset); // host
                    offset += 4; // port
                    const rack = received.readInt16BE(offset);
                    offset += 2 + Math.max(0, rack); // rack, -1 = null
                }
                offset += 2 + Math.max(0, received.readInt16BE(offset)); // cluster id, -1 = null
                resolve(received.readInt32BE(offset));
            } catch (error) {
                reject(new Error(`unreadable Metadata answer from ${host}:${port}: ${(error as Error).message}`));
            }
        });
    });
}

/** Upper bound of partition numbers asked about (internal topics have 50 by default). */
const MAX_PARTITIONS = 1000;

/** "topic-partition" replicas each broker holds, read from the brokers' log directories (internal topics included). */
export async function replicasByBroker(bootstrap: string[], connection: KafkaConnection = {}): Promise<Map<number, string[]>> {
    const admin = new (kafkaClient().Admin)({ clientId: "streamstack-preflight", bootstrapBrokers: bootstrap, retries: 1, timeout: 10_000, ...kafkaClientOptions(connection) });
    try {
        const topics = await admin.listTopics({ includeInternals: true });
        const partitions = Array.from({ length: MAX_PARTITIONS }, (_, i) => i);
        const dirs = await admin.describeLogDirs({ topics: topics.map((name) => ({ name, partitions })) });
        return new Map(dirs.map((dir) => [dir.broker, dir.results.flatMap((result) =>
            result.topics.flatMap((topic) => topic.partitions.map((p) => `${topic.name}-${p.partitionIndex}`)))]));
    } finally {
        await admin.close();
    }
}

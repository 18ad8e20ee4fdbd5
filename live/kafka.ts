/**
 * Kafka brokers, asked through the client (@platformatic/kafka) or, where loading it would cost
 * more than the question, one hand-made Metadata request.
 */
import * as net from "node:net";
import * as tls from "node:tls";
import type * as Kafka from "@platformatic/kafka";
import { ProbeOptions, splitEndpoint } from "./endpoint";
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

function rawControllerId(host: string, port: number, options: KafkaProbeOptions): Promise<number> {
    const clientId = Buffer.from("streamstack-roll-order");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let at = body.writeInt16BE(3, 0); // api key: Metadata
    at = body.writeInt16BE(4, at); // api version 4: the oldest Kafka 4 answers (controller_id since v1)
    at = body.writeInt32BE(1, at); // correlation id
    at = body.writeInt16BE(clientId.length, at);
    at += clientId.copy(body, at);
    at = body.writeInt32BE(0, at); // topics: none
    body.writeInt8(0, at); // allow_auto_topic_creation: no
    return rawKafkaRequest(host, port, body, "Metadata", options, (received) => {
        let offset = 8; // correlation id, throttle time
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
        return received.readInt32BE(offset);
    });
}

/** What the KRaft quorum's leader says of the quorum: who leads, how far the log is committed, where each member is. */
export interface QuorumState {
    leaderId: number;
    leaderEpoch: number;
    highWatermark: bigint;
    /** The voters, by node id, with their log end offsets as the leader knows them. */
    voters: { id: number; logEndOffset: bigint }[];
    observers: { id: number; logEndOffset: bigint }[];
}

/**
 * The KRaft metadata quorum (`__cluster_metadata`, partition 0), as a broker forwards
 * DescribeQuorum v0 to the active controller: one hand-made request, as rawControllerId, for
 * the roll order on every preview and the controllers' readiness; through the client, which
 * speaks SASL, when the listener requires a login. Rejected by a broker in ZooKeeper mode (it
 * knows no such request and closes the connection).
 */
export function kafkaQuorum(host: string, port: number, options: KafkaProbeOptions = {}): Promise<QuorumState> {
    if (options.login) return clientQuorum(host, port, options);
    const clientId = Buffer.from("streamstack-quorum");
    const topic = Buffer.from("__cluster_metadata");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 1 + 1 + 1 + topic.length + 1 + 4 + 1 + 1 + 1);
    let at = body.writeInt16BE(55, 0); // api key: DescribeQuorum
    at = body.writeInt16BE(0, at); // version 0 (flexible: compact arrays and strings, tagged fields)
    at = body.writeInt32BE(1, at); // correlation id
    at = body.writeInt16BE(clientId.length, at); // header v2: client id stays a plain string
    at += clientId.copy(body, at);
    at = body.writeUInt8(0, at); // header tagged fields
    at = body.writeUInt8(2, at); // topics: compact array of 1
    at = body.writeUInt8(topic.length + 1, at); // compact string
    at += topic.copy(body, at);
    at = body.writeUInt8(2, at); // partitions: compact array of 1
    at = body.writeInt32BE(0, at); // partition 0
    at = body.writeUInt8(0, at); // partition tagged fields
    at = body.writeUInt8(0, at); // topic tagged fields
    body.writeUInt8(0, at); // request tagged fields
    return rawKafkaRequest(host, port, body, "DescribeQuorum", options, (received) => {
        let offset = 4; // correlation id
        const varint = (): number => {
            let value = 0;
            for (let shift = 0; ; shift += 7) {
                const byte = received.readUInt8(offset++);
                value |= (byte & 0x7f) << shift;
                if ((byte & 0x80) === 0) return value;
            }
        };
        const skip = (bytes: number) => { offset += bytes; };
        const skipTags = () => { for (let n = varint(); n > 0; n--) { varint(); skip(varint()); } };
        skipTags(); // response header
        const error = received.readInt16BE(offset);
        if (error !== 0) throw new Error(`DescribeQuorum refused with error code ${error}`);
        offset += 2;
        if (varint() - 1 < 1) throw new Error("no topic in the DescribeQuorum answer");
        skip(varint() - 1); // topic name
        if (varint() - 1 < 1) throw new Error("no partition in the DescribeQuorum answer");
        offset += 4; // partition index
        const partitionError = received.readInt16BE(offset);
        if (partitionError !== 0) throw new Error(`DescribeQuorum answered error code ${partitionError} for the metadata partition`);
        offset += 2;
        const leaderId = received.readInt32BE(offset);
        const leaderEpoch = received.readInt32BE(offset + 4);
        const highWatermark = received.readBigInt64BE(offset + 8);
        offset += 16;
        const replicas = () => Array.from({ length: varint() - 1 }, () => {
            const id = received.readInt32BE(offset);
            const logEndOffset = received.readBigInt64BE(offset + 4);
            offset += 12;
            skipTags();
            return { id, logEndOffset };
        });
        const voters = replicas();
        const observers = replicas();
        return { leaderId, leaderEpoch, highWatermark, voters, observers };
    });
}

/**
 * kafkaQuorum asked of each endpoint (host:port) in turn until one answers; when none does, an
 * AggregateError holding each endpoint's error.
 */
export async function kafkaQuorumOfAny(endpoints: string[], options: KafkaProbeOptions = {}): Promise<QuorumState> {
    const errors: unknown[] = [];
    for (const endpoint of endpoints) {
        const { host, port } = splitEndpoint(endpoint);
        try {
            return await kafkaQuorum(host, port, options);
        } catch (error) {
            errors.push(error);
        }
    }
    throw new AggregateError(errors, `no broker answered DescribeQuorum (${endpoints.join(", ") || "none to ask"})`);
}

/**
 * `work` on a connection of its own to one broker (host:port), through the client's low-level
 * API (TLS and the login of `options`; `timeoutMs` bounds the connect and each request); the
 * connection is closed after, whatever `work` did.
 */
export async function onKafkaConnection<T>(endpoint: string, { timeoutMs = 5000, ...connection }: KafkaProbeOptions,
    work: (socket: Kafka.Connection, client: typeof Kafka) => Promise<T>): Promise<T> {
    const client = kafkaClient();
    const socket = new client.Connection("streamstack-probe", { ...kafkaClientOptions(connection), connectTimeout: timeoutMs, requestTimeout: timeoutMs });
    const { host, port } = splitEndpoint(endpoint);
    try {
        await socket.connect(host, port);
        return await work(socket, client);
    } finally {
        await socket.close().catch(() => undefined);
    }
}

/** kafkaQuorum through the client, logged in: DescribeQuorum v0 on a connection of its own. */
async function clientQuorum(host: string, port: number, options: KafkaProbeOptions): Promise<QuorumState> {
    return onKafkaConnection(`${host}:${port}`, options, async (socket, client) => {
        const answer = await client.describeQuorumV0.api.async(socket, [{ topicName: "__cluster_metadata", partitions: [{ partitionIndex: 0 }] }]);
        const partition = answer.topics[0]?.partitions[0];
        if (!partition) throw new Error("no metadata partition in the DescribeQuorum answer");
        const replica = (voter: { replicaId: number; logEndOffset: bigint }) => ({ id: voter.replicaId, logEndOffset: BigInt(voter.logEndOffset) });
        return {
            leaderId: partition.leaderId, leaderEpoch: partition.leaderEpoch, highWatermark: BigInt(partition.highWatermark),
            voters: partition.currentVoters.map(replica), observers: partition.observers.map(replica),
        };
    });
}

/**
 * One request on a socket of its own (TLS, the broker verified against the connection's CA, when
 * it has one), its answer's frame handed to `read` without the size; a refused or closed
 * connection, a timeout or an unreadable answer rejects.
 */
function rawKafkaRequest<T>(host: string, port: number, body: Buffer, what: string, { timeoutMs = 5000, caCertificate }: KafkaProbeOptions, read: (frame: Buffer) => T): Promise<T> {
    const request = Buffer.concat([Buffer.alloc(4), body]);
    request.writeInt32BE(body.length, 0);
    return new Promise((resolve, reject) => {
        const socket: net.Socket = caCertificate
            ? tls.connect({ host, port, ...kafkaClientTls({ caCertificate }).tls, ...(net.isIP(host) ? {} : { servername: host }) }, () => socket.write(request))
            : net.connect({ host, port }, () => socket.write(request));
        let received = Buffer.alloc(0);
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no ${what} answer from ${host}:${port}`)));
        socket.on("error", reject);
        // A listener that speaks TLS closes a plaintext client's connection without a word (and
        // a broker going down closes it too): that is no answer, not a wait forever.
        socket.on("close", () => reject(new Error(`${host}:${port} closed the connection without a ${what} answer`)));
        socket.on("data", (chunk) => {
            received = Buffer.concat([received, chunk]);
            if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
            socket.destroy();
            try {
                resolve(read(received.subarray(4, 4 + received.readInt32BE(0))));
            } catch (error) {
                reject(new Error(`unreadable ${what} answer from ${host}:${port}: ${(error as Error).message}`));
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

import { Consumer, Message, Producer, ProduceAcks, stringDeserializers, stringSerializers } from "@platformatic/kafka";
import { kafkaClientOptions, KafkaConnection } from "../live/kafka";
import { KafkaAuth } from "../components/model/state-access";
import { kafkaConnectionOf, PlatformEndpoints } from "../operations/status-report";

export type StringMessage = Message<string, string, string, string>;

/**
 * Where a test's clients reach the brokers: the external listener's bootstrap list, the CA
 * (the stack output kafkaCaCertificate) when it speaks TLS, and the login when it requires one
 * (kafkaAdminUsername / kafkaAdminPassword). A bare string is a plaintext, open listener.
 */
export interface Brokers extends KafkaConnection {
    bootstrap: string;
}

/** The external listener of a platform's outputs: its bootstrap list, the CA when it speaks TLS and the admin's login when it requires one. */
export function brokersOf(endpoints: PlatformEndpoints): Brokers {
    return { bootstrap: endpoints.kafkaBootstrapServers, ...kafkaConnectionOf(endpoints) };
}

/** The client options every test client shares: the brokers, TLS verified against the CA and the login when there are. */
export function brokerOptions(brokers: Brokers | string): { bootstrapBrokers: string[]; tls?: object; sasl?: KafkaAuth } {
    const { bootstrap, ...connection } = typeof brokers === "string" ? { bootstrap: brokers } : brokers;
    return { bootstrapBrokers: bootstrap.split(","), ...kafkaClientOptions(connection) };
}

/**
 * Consumes `topic` from the beginning (or from `from`, an offset per partition) with a throwaway
 * group, handing each message to `onMessage` until it returns true; fails after `timeoutMs`
 * naming how far it got.
 */
async function consumeFromStart(brokers: Brokers | string, topic: string, what: string, onMessage: (message: StringMessage) => boolean, timeoutMs: number, from?: bigint[]): Promise<void> {
    const consumer = new Consumer({
        groupId: `streamstack-e2e-${process.pid}-${Date.now()}`,
        clientId: "streamstack-e2e-consumer",
        ...brokerOptions(brokers),
        deserializers: stringDeserializers,
    });
    try {
        const start = from ? { mode: "manual" as const, offsets: from.map((offset, partition) => ({ topic, partition, offset })) } : { mode: "earliest" as const };
        const stream = await consumer.consume({ topics: [topic], ...start, autocommit: false, maxWaitTime: 500 });
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms`)), timeoutMs);
            stream.on("data", (message) => {
                if (onMessage(message)) {
                    clearTimeout(timer);
                    resolve();
                }
            });
            stream.on("error", (error) => {
                clearTimeout(timer);
                reject(error);
            });
        });
        await stream.close();
    } finally {
        await consumer.close(true);
    }
}

/** The offset after the last message of each of `topic`'s partitions, by partition. */
export async function endOffsets(brokers: Brokers | string, topic: string): Promise<bigint[]> {
    const probe = new Consumer({ groupId: `streamstack-e2e-ends-${process.pid}`, clientId: "streamstack-e2e-ends", ...brokerOptions(brokers), deserializers: stringDeserializers });
    const ends = await probe.listOffsets({ topics: [topic] }).finally(() => probe.close(true));
    return ends.get(topic) ?? [];
}

/**
 * Every message of `topic` from the beginning (or from `from`, an offset per partition, as
 * endOffsets gave it earlier) up to its end as of the call, in offset order per partition.
 */
export async function readTopicToEnd(brokers: Brokers | string, topic: string, onMessage: (message: StringMessage) => void, timeoutMs = 120_000, from?: bigint[]): Promise<void> {
    const ends = await endOffsets(brokers, topic);
    const remaining = new Set(ends.map((end, partition) => (end > (from?.[partition] ?? 0n) ? partition : -1)).filter((p) => p >= 0));
    if (remaining.size === 0) return;
    await consumeFromStart(brokers, topic, `read ${topic} up to its end`, (message) => {
        // Messages past the end as of the call are left for the next reader.
        if (message.offset >= ends[message.partition]!) return false;
        onMessage(message);
        if (message.offset + 1n >= ends[message.partition]!) remaining.delete(message.partition);
        return remaining.size === 0;
    }, timeoutMs, from);
}

/**
 * Produces `count` messages with acks=all through the given bootstrap servers (the
 * platform's external listener on 127.0.0.1) and consumes them back from the beginning.
 * Returns the values read, in partition-offset order per partition.
 */
export async function produceAndConsume(brokers: Brokers | string, topic: string, count: number, timeoutMs = 60_000): Promise<string[]> {
    const producer = new Producer({ clientId: "streamstack-e2e-producer", ...brokerOptions(brokers), serializers: stringSerializers });
    const values = Array.from({ length: count }, (_, i) => `message-${i}`);
    try {
        await producer.send({ acks: ProduceAcks.ALL, messages: values.map((value, i) => ({ topic, key: `k${i}`, value })) });
    } finally {
        await producer.close();
    }
    const received: string[] = [];
    await consumeFromStart(brokers, topic, `consumed ${count} messages`, (message) => {
        received.push(String(message.value));
        return received.length >= count;
    }, timeoutMs);
    return received;
}

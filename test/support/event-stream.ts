import { Consumer, Producer, ProduceAcks, stringDeserializers, stringSerializers } from "@platformatic/kafka";

/** One keyed event; its event time travels as the Kafka record's timestamp. */
export interface KeyedEvent {
    key: string;
    timestampMs: number;
}

/** `2026-11-29T19:39:10.000Z/2026-11-29T19:39:20.000Z|k3`, the sample job's output key. */
export function windowKey(startMs: number, windowMs: number, key: string): string {
    return `${new Date(startMs).toISOString()}/${new Date(startMs + windowMs).toISOString()}|${key}`;
}

/**
 * The counts the job must end with, computed directly: Spark's sliding windows start at
 * multiples of the slide (from the epoch) and hold [start, start + window).
 */
export function expectedWindowCounts(events: KeyedEvent[], windowMs: number, slideMs: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const event of events) {
        const lastStart = Math.floor(event.timestampMs / slideMs) * slideMs;
        for (let start = lastStart; start > event.timestampMs - windowMs; start -= slideMs) {
            const key = windowKey(start, windowMs, event.key);
            counts.set(key, (counts.get(key) ?? 0) + 1);
        }
    }
    return counts;
}

/** Produces the events with acks=all, in batches, each with its own timestamp. */
export async function produceEvents(bootstrap: string, topic: string, events: KeyedEvent[]): Promise<void> {
    const producer = new Producer({ clientId: "streamstack-e2e-events", bootstrapBrokers: bootstrap.split(","), serializers: stringSerializers });
    try {
        for (let i = 0; i < events.length; i += 500) {
            await producer.send({
                acks: ProduceAcks.ALL,
                messages: events.slice(i, i + 500).map((event) => ({ topic, key: event.key, value: String(event.timestampMs), timestamp: BigInt(event.timestampMs) })),
            });
        }
    } finally {
        await producer.close();
    }
}

/**
 * The last value per key of a topic, read from the beginning up to its current end: for the
 * job's output (a compacted, keyed topic) that is the latest count of every (window, key).
 */
export async function latestValues(bootstrap: string, topic: string, timeoutMs = 60_000): Promise<Map<string, string>> {
    const consumer = new Consumer({
        groupId: `streamstack-e2e-read-${process.pid}-${Date.now()}`,
        clientId: "streamstack-e2e-reader",
        bootstrapBrokers: bootstrap.split(","),
        deserializers: stringDeserializers,
    });
    const latest = new Map<string, string>();
    try {
        const ends = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
        const remaining = new Set(ends.map((end, partition) => (end > 0n ? partition : -1)).filter((p) => p >= 0));
        if (remaining.size === 0) return latest;
        const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: false, maxWaitTime: 500 });
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`read ${topic} up to its end within ${timeoutMs} ms`)), timeoutMs);
            stream.on("data", (message) => {
                latest.set(String(message.key), String(message.value));
                if (message.offset + 1n >= ends[message.partition]) remaining.delete(message.partition);
                if (remaining.size === 0) {
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
    return latest;
}

/** The `count` field of every (window, key) in the job's output. */
export async function windowCounts(bootstrap: string, topic: string): Promise<Map<string, number>> {
    const values = await latestValues(bootstrap, topic);
    return new Map([...values].map(([key, value]) => [key, (JSON.parse(value) as { count: number }).count]));
}

import { Producer, ProduceAcks, stringSerializers } from "@platformatic/kafka";
import { brokerOptions, Brokers, readTopicToEnd } from "./kafka-client";

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
    for (const event of events) addToWindowCounts(counts, event, 1, windowMs, slideMs);
    return counts;
}

/**
 * Adds `times` events like `event` (same key, same timestamp) to `counts`, the way
 * expectedWindowCounts counts one; returns the (window, key) output keys they fall in.
 */
export function addToWindowCounts(counts: Map<string, number>, event: KeyedEvent, times: number, windowMs: number, slideMs: number): string[] {
    const keys: string[] = [];
    const lastStart = Math.floor(event.timestampMs / slideMs) * slideMs;
    for (let start = lastStart; start > event.timestampMs - windowMs; start -= slideMs) {
        const key = windowKey(start, windowMs, event.key);
        counts.set(key, (counts.get(key) ?? 0) + times);
        keys.push(key);
    }
    return keys;
}

/** Produces the events with acks=all, in batches, each with its own timestamp. */
export async function produceEvents(brokers: Brokers | string, topic: string, events: KeyedEvent[]): Promise<void> {
    const producer = new Producer({ clientId: "streamstack-e2e-events", ...brokerOptions(brokers), serializers: stringSerializers });
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
export async function latestValues(brokers: Brokers | string, topic: string): Promise<Map<string, string>> {
    const latest = new Map<string, string>();
    await readTopicToEnd(brokers, topic, (message) => latest.set(String(message.key), String(message.value)), 60_000);
    return latest;
}

/** The `count` field of every (window, key) in the job's output. */
export async function windowCounts(brokers: Brokers | string, topic: string): Promise<Map<string, number>> {
    const values = await latestValues(brokers, topic);
    return new Map([...values].map(([key, value]) => [key, (JSON.parse(value) as { count: number }).count]));
}

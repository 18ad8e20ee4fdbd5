import { Producer, ProduceAcks, stringSerializers } from "@platformatic/kafka";
import { brokerOptions, Brokers } from "./kafka-client";
import { KeyedEvent } from "./event-stream";
import { pacedLoop } from "./paced-loop";

/**
 * Keyed events for the sample job, written with acks=all as fast as the brokers take them
 * (burst) or at a steady rate (paced). Event n has key `k<n mod keys>`; every event of a send is
 * stamped with the time the send began. A failed send fails the run: a partly written batch
 * would make the expected counts wrong, and the benchmarks check them exactly.
 */
export class KeyedEventProducer {
    private next = 0;
    private readonly producer: Producer<string, string, string, string>;

    constructor(brokers: Brokers | string, private readonly topic: string, private readonly keys: number) {
        this.producer = new Producer({ clientId: "streamstack-bench-events", ...brokerOptions(brokers), serializers: stringSerializers, acks: ProduceAcks.ALL });
    }

    /**
     * Sends `count` events in sends of `batch`, `inFlight` sends at a time; `onSent`, when given,
     * gets each send's timestamp and how many of its events each key has, once the send is
     * acknowledged (a caller that reads the events back from the topic needs none).
     */
    async burst(count: number, onSent?: (timestampMs: number, perKey: Map<string, number>) => void, batch = 5_000, inFlight = 4): Promise<void> {
        let remaining = count;
        const sender = async () => {
            while (remaining > 0) {
                const size = Math.min(batch, remaining);
                remaining -= size;
                const timestampMs = Date.now();
                const keys = this.take(size);
                await this.send(keys, timestampMs);
                if (!onSent) continue;
                const perKey = new Map<string, number>();
                for (const key of keys) perKey.set(key, (perKey.get(key) ?? 0) + 1);
                onSent(timestampMs, perKey);
            }
        };
        await Promise.all(Array.from({ length: inFlight }, sender));
    }

    /**
     * Sends `perSecond` events a second, a tenth of them every 100 ms with one send at a time (so
     * each key's events reach its partition in order), for `durationMs`; `onSent` gets every
     * event, in order, once its send is acknowledged.
     */
    async paced(perSecond: number, durationMs: number, onSent: (events: KeyedEvent[]) => void): Promise<void> {
        const endAt = Date.now() + durationMs;
        const loop = pacedLoop(100, async () => {
            if (Date.now() >= endAt) return;
            const timestampMs = Date.now();
            const keys = this.take(Math.round(perSecond / 10));
            await this.send(keys, timestampMs);
            onSent(keys.map((key) => ({ key, timestampMs })));
        });
        await new Promise((resolve) => setTimeout(resolve, durationMs));
        await loop.stop();
    }

    async close(): Promise<void> {
        await this.producer.close();
    }

    private take(size: number): string[] {
        const keys = Array.from({ length: size }, (_, i) => `k${(this.next + i) % this.keys}`);
        this.next += size;
        return keys;
    }

    private async send(keys: string[], timestampMs: number): Promise<void> {
        const timestamp = BigInt(timestampMs);
        const value = String(timestampMs);
        await this.producer.send({ messages: keys.map((key) => ({ topic: this.topic, key, value, timestamp })) });
    }
}

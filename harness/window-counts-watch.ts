import { Consumer, MessagesStream, stringDeserializers } from "@platformatic/kafka";
import { brokerOptions, Brokers } from "./kafka-client";

/** One record of the sample job's output: the running count of a (window, key) and when the job wrote it. */
export interface CountRecord {
    count: number;
    /** The record's timestamp: when the job's Kafka sink created it (epoch ms). */
    atMs: number;
}

/**
 * Reads the sample job's output topic from the beginning and keeps reading, remembering every
 * count each (window, key) went through and when: what bench:stream times the job by. The
 * records' own timestamps are used, not when this reader saw them, so its polling does not
 * count against the job.
 */
export class WindowCountsWatch {
    /** Every (window, key)'s records in the order the job wrote them. */
    readonly history = new Map<string, CountRecord[]>();
    private consumer: Consumer<string, string, string, string> | undefined;
    private stream: MessagesStream<string, string, string, string> | undefined;

    constructor(private readonly brokers: Brokers | string, private readonly topic: string) {}

    async start(): Promise<void> {
        this.consumer = new Consumer({
            groupId: `streamstack-bench-watch-${process.pid}-${Date.now()}`,
            clientId: "streamstack-bench-watch",
            ...brokerOptions(this.brokers),
            deserializers: stringDeserializers,
        });
        this.stream = await this.consumer.consume({ topics: [this.topic], mode: "earliest", autocommit: false, maxWaitTime: 100 });
        this.stream.on("data", (message) => {
            const records = this.history.get(message.key) ?? [];
            records.push({ count: (JSON.parse(message.value) as { count: number }).count, atMs: Number(message.timestamp) });
            this.history.set(message.key, records);
        });
    }

    async stop(): Promise<void> {
        await this.stream?.close();
        await this.consumer?.close(true);
    }

    /** The latest count the output holds for a (window, key), if any. */
    latestCount(key: string): number | undefined {
        return this.history.get(key)?.at(-1)?.count;
    }

    /** The sum of every (window, key)'s latest count: each event counts once in every window it falls in. */
    totalCount(): number {
        let total = 0;
        for (const key of this.history.keys()) total += this.latestCount(key)!;
        return total;
    }

    /**
     * When the output last caught up with `expected` (output key -> count): the latest of the
     * times each listed (window, key) first reached its expected count, or undefined while one
     * has not.
     */
    caughtUpAt(expected: Map<string, number>, keys: Iterable<string>): number | undefined {
        let latest = 0;
        for (const key of keys) {
            const reached = this.history.get(key)?.find((record) => record.count === expected.get(key));
            if (!reached) return undefined;
            latest = Math.max(latest, reached.atMs);
        }
        return latest;
    }
}

/**
 * Each event's latency, from its timestamp to the first output record whose count includes it.
 * `events` lists, per (window, key), how many events the output had counted before (`before`)
 * and the timestamps of the events produced since, in the order the job reads them (one key
 * lives in one partition, and a producer with one send at a time keeps their order): a record
 * with count c includes the first c of them. Fails naming the first (window, key) whose events
 * no record covers.
 */
export function eventLatencies(events: Map<string, { before: number; timestampsMs: number[] }>, history: Map<string, CountRecord[]>): number[] {
    const latencies: number[] = [];
    for (const [key, { before, timestampsMs }] of events) {
        const records = history.get(key) ?? [];
        let next = 0;
        for (const [i, timestampMs] of timestampsMs.entries()) {
            while (next < records.length && records[next]!.count < before + i + 1) next++;
            const record = records[next];
            if (!record) throw new Error(`${key}: the output never counted event ${before + i + 1} (last count ${records.at(-1)?.count ?? "none"})`);
            latencies.push(record.atMs - timestampMs);
        }
    }
    return latencies;
}

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
    if (values.length === 0) throw new Error("no values");
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

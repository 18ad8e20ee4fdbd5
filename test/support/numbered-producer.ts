import { Consumer, Producer, ProduceAcks, stringDeserializers, stringSerializers } from "@platformatic/kafka";

/**
 * An acks=all, idempotent producer writing numbered messages at a steady pace, remembering
 * which numbers the cluster acknowledged and how long sends kept failing. A failed batch is
 * sent again (new numbers are not skipped), as an application would.
 */
export class NumberedProducer {
    readonly acked = new Set<number>();
    /** Longest stretch, in ms, from a failed send to the next acknowledged one. */
    longestErrorWindowMs = 0;
    errors = 0;
    private next = 0;
    private running = false;
    private loop: Promise<void> | undefined;
    private readonly producer: Producer<string, string, string, string>;

    constructor(private readonly bootstrap: string, private readonly topic: string) {
        this.producer = new Producer({
            clientId: "streamstack-drill-producer",
            bootstrapBrokers: bootstrap.split(","),
            serializers: stringSerializers,
            idempotent: true,
            acks: ProduceAcks.ALL,
            timeout: 5000,
            retries: 3,
        });
    }

    /** Sends `batch` messages every `intervalMs` until stop(). */
    start(batch = 20, intervalMs = 100): void {
        this.running = true;
        this.loop = (async () => {
            let failingSince: number | undefined;
            while (this.running) {
                const numbers = Array.from({ length: batch }, (_, i) => this.next + i);
                const startedAt = Date.now();
                try {
                    await this.producer.send({ messages: numbers.map((n) => ({ topic: this.topic, key: `n${n % 64}`, value: String(n) })) });
                    for (const n of numbers) this.acked.add(n);
                    this.next += batch;
                    if (failingSince !== undefined) {
                        this.longestErrorWindowMs = Math.max(this.longestErrorWindowMs, Date.now() - failingSince);
                        failingSince = undefined;
                    }
                } catch {
                    this.errors++;
                    failingSince ??= startedAt;
                }
                await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - startedAt))));
            }
        })();
    }

    async stop(): Promise<void> {
        this.running = false;
        await this.loop;
        await this.producer.close();
    }

    /**
     * Reads the topic from the beginning to its end: which acknowledged numbers are missing,
     * and how many numbers arrived more than once.
     */
    async audit(): Promise<{ consumed: number; lost: number[]; duplicates: number }> {
        const consumer = new Consumer({ groupId: `streamstack-drill-${process.pid}-${Date.now()}`, clientId: "streamstack-drill-audit", bootstrapBrokers: this.bootstrap.split(","), deserializers: stringDeserializers });
        const seen = new Map<number, number>();
        try {
            const ends = (await consumer.listOffsets({ topics: [this.topic] })).get(this.topic) ?? [];
            const remaining = new Set(ends.map((end, p) => (end > 0n ? p : -1)).filter((p) => p >= 0));
            if (remaining.size > 0) {
                const stream = await consumer.consume({ topics: [this.topic], mode: "earliest", autocommit: false, maxWaitTime: 500 });
                await new Promise<void>((resolve, reject) => {
                    const timer = setTimeout(() => reject(new Error(`audit of ${this.topic} did not reach its end in 120 s`)), 120_000);
                    stream.on("data", (message) => {
                        const n = Number(message.value);
                        seen.set(n, (seen.get(n) ?? 0) + 1);
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
            }
        } finally {
            await consumer.close(true);
        }
        return {
            consumed: [...seen.values()].reduce((a, b) => a + b, 0),
            lost: [...this.acked].filter((n) => !seen.has(n)).sort((a, b) => a - b),
            duplicates: [...seen.values()].filter((count) => count > 1).length,
        };
    }
}

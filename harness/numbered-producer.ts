import { Producer, ProduceAcks, stringSerializers } from "@platformatic/kafka";
import { brokerOptions, Brokers, readTopicToEnd } from "./kafka-client";
import { pacedLoop, PacedLoop } from "./paced-loop";

/** Every message of an error and the errors it wraps (the Kafka client nests the broker's answer). */
export function errorChain(error: unknown): string {
    const messages: string[] = [];
    const visit = (e: unknown, depth: number) => {
        if (!(e instanceof Error) || depth > 8) return;
        messages.push(e.message);
        for (const inner of (e as Error & { errors?: unknown[] }).errors ?? []) visit(inner, depth + 1);
        visit(e.cause, depth + 1);
    };
    visit(error, 0);
    return [...new Set(messages)].join("; ");
}

/**
 * Whether an error chain says a TLS peer was not trusted: the certificate did not verify (an
 * unknown issuer, a self-signed chain, a name not in its altnames, expired). Not a connection
 * that closed during the handshake: the client wraps that as "TLS handshake failed. Please
 * verify the broker supports TLS." too, and a broker stopping in a roll does it.
 */
export function isCertificateFailure(chain: string): boolean {
    return /certificate|unable to verify|altnames|issuer|CERT_|self[- ]signed/i.test(chain);
}

/**
 * An acks=all, idempotent producer writing numbered messages at a steady pace, remembering
 * which numbers the cluster acknowledged and how long sends kept failing. A failed batch is
 * sent again (new numbers are not skipped), as an application would.
 */
export class NumberedProducer {
    readonly acked = new Set<number>();
    /** Longest stretch, in ms, from a failed send to the next acknowledged one. */
    longestErrorWindowMs = 0;
    /** When (epoch ms) that longest stretch began. */
    longestErrorWindowFrom = 0;
    /**
     * Longest stretch, in ms, between two acknowledgements (from start() to the first one too):
     * what a writer feels even when no send fails, e.g. sends held back while a leader moves.
     */
    longestAckGapMs = 0;
    errors = 0;
    /** What each failed send said (errorChain), each distinct message once. */
    readonly errorMessages = new Set<string>();
    private next = 0;
    /**
     * Prefixes this producer's values (`<tag>:<n>`): a topic may already hold another producer's
     * numbers (a test's earlier phase, an earlier drill), and its audit must read only its own,
     * or a lost message would be found under another producer's same number.
     */
    private readonly tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    private loop: PacedLoop | undefined;
    private readonly producer: Producer<string, string, string, string>;

    constructor(private readonly brokers: Brokers | string, private readonly topic: string) {
        this.producer = new Producer({
            clientId: "streamstack-drill-producer",
            ...brokerOptions(brokers),
            serializers: stringSerializers,
            idempotent: true,
            acks: ProduceAcks.ALL,
            timeout: 5000,
            retries: 3,
        });
    }

    /** Sends `batch` messages every `intervalMs` until stop(). */
    start(batch = 20, intervalMs = 100): void {
        let failingSince: number | undefined;
        let lastAckAt = Date.now();
        this.loop = pacedLoop(intervalMs, async () => {
            const numbers = Array.from({ length: batch }, (_, i) => this.next + i);
            const startedAt = Date.now();
            try {
                await this.producer.send({ messages: numbers.map((n) => ({ topic: this.topic, key: `n${n % 64}`, value: `${this.tag}:${n}` })) });
                for (const n of numbers) this.acked.add(n);
                this.longestAckGapMs = Math.max(this.longestAckGapMs, Date.now() - lastAckAt);
                lastAckAt = Date.now();
                this.next += batch;
                if (failingSince !== undefined) {
                    if (Date.now() - failingSince > this.longestErrorWindowMs) {
                        this.longestErrorWindowMs = Date.now() - failingSince;
                        this.longestErrorWindowFrom = failingSince;
                    }
                    failingSince = undefined;
                }
            } catch (error) {
                this.errors++;
                this.errorMessages.add(errorChain(error));
                failingSince ??= startedAt;
            }
        });
    }

    async stop(): Promise<void> {
        await this.loop?.stop();
        await this.producer.close();
    }

    /**
     * Reads the topic from the beginning to its end: which acknowledged numbers are missing,
     * and how many numbers arrived more than once.
     */
    async audit(): Promise<NumberedAudit> {
        const values: string[] = [];
        await readTopicToEnd(this.brokers, this.topic, (message) => { values.push(String(message.value)); });
        return auditNumbers(this.tag, this.acked, values);
    }
}

/** What a NumberedProducer's audit found: its own messages read back, its acknowledged numbers missing, its numbers read more than once. */
export interface NumberedAudit { consumed: number; lost: number[]; duplicates: number }

/** Audits `acked` against a topic's `values`, counting only those tagged `tag` (`<tag>:<n>`). */
export function auditNumbers(tag: string, acked: Iterable<number>, values: string[]): NumberedAudit {
    const prefix = `${tag}:`;
    const seen = new Map<number, number>();
    for (const value of values) {
        if (!value.startsWith(prefix)) continue;
        const n = Number(value.slice(prefix.length));
        seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    return {
        consumed: [...seen.values()].reduce((a, b) => a + b, 0),
        lost: [...acked].filter((n) => !seen.has(n)).sort((a, b) => a - b),
        duplicates: [...seen.values()].filter((count) => count > 1).length,
    };
}

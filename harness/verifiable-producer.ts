import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { KafkaTools } from "./kafka-tools";

/** What Kafka's VerifiableProducer reported at its end. */
export interface VerifiableProducerReport {
    sent: number;
    acked: number;
    /** Records a second over its run, as the tool measured it. */
    averageThroughput: number;
}

/**
 * Kafka's own producer (`org.apache.kafka.tools.VerifiableProducer`, beside the platform:
 * KafkaTools) writing `count` records as fast as the brokers take them, acks=all, keys `0` to
 * `keys - 1` in turn, each stamped with its send time. It leaves the host's CPU to the platform
 * (a standard client, batching as Kafka's does). Its line per acknowledged record is dropped
 * inside the container; a failed send fails the run, quoting the tool.
 */
export async function verifiableProducerBurst(tools: KafkaTools, topic: string, count: number, keys: number): Promise<VerifiableProducerReport> {
    const tool = ["kafka-run-class.sh", "org.apache.kafka.tools.VerifiableProducer", "--topic", topic, "--max-messages", String(count),
        "--repeating-keys", String(keys), "--acks", "-1", "--bootstrap-server", tools.bootstrap].join(" ");
    const [command, ...args] = tools.run(`streamstack-verifiable-producer-${process.pid}-${Date.now()}`, "sh", ["-c", `${tool} | grep -v '"name":"producer_send_success"'`]);
    const { stdout } = await promisify(execFile)(command!, args, { maxBuffer: 64 * 1024 * 1024 });
    return parseVerifiableProducerOutput(stdout, count);
}

/** The tool's JSON lines: `tool_data` at the end (sent, acked, avg_throughput); any `producer_send_error` is a failure. */
export function parseVerifiableProducerOutput(output: string, expected: number): VerifiableProducerReport {
    const events = output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    const errors = events.filter((event) => event.name === "producer_send_error");
    const summary = events.find((event) => event.name === "tool_data");
    if (errors.length > 0 || !summary || summary.acked !== expected) {
        throw new Error(`VerifiableProducer acknowledged ${String(summary?.acked ?? "nothing")} of ${expected} records, ${errors.length} failed sends:\n${output.slice(0, 2000)}`);
    }
    return { sent: Number(summary.sent), acked: Number(summary.acked), averageThroughput: Number(summary.avg_throughput) };
}

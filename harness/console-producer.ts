import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { KafkaTools } from "./kafka-tools";

/**
 * Kafka's console producer (`kafka-console-producer.sh`, beside the platform: KafkaTools)
 * writing `count` records as fast as the brokers take them: acks=all (idempotent, the client's
 * default with it), keys `0` to `keys - 1` in turn, values the record's number, each stamped
 * with its send time, batches lingering at most 5 ms (the tool's own default is 1 s). The records are generated
 * inside the container (awk), so the load costs only the producer itself: measured on the
 * 2-core machine, 3.5 CPU-seconds per million records against VerifiableProducer's 8.6 (which
 * formats a JSON line per acknowledgement) — CPU the job being measured would otherwise lose.
 * The tool goes on after a failed send and only logs it: any such line fails the run, quoting
 * it (the bench also reads every record back).
 */
export async function consoleProducerBurst(tools: KafkaTools, topic: string, count: number, keys: number): Promise<void> {
    const records = `awk 'BEGIN { for (i = 0; i < ${count}; i++) print i % ${keys} "\\t" i }'`;
    const tool = ["kafka-console-producer.sh", "--bootstrap-server", tools.bootstrap, "--topic", topic, "--property", "parse.key=true",
        "--request-required-acks", "-1", "--timeout", "5"].join(" ");
    const [command, ...args] = tools.run(`streamstack-console-producer-${process.pid}-${Date.now()}`, "sh", ["-c", `${records} | ${tool} 2>&1`]);
    const { stdout } = await promisify(execFile)(command!, args, { maxBuffer: 64 * 1024 * 1024 });
    checkConsoleProducerOutput(stdout);
}

/** The tool prints nothing when every send succeeded; it logs `Error when sending message` (ErrorLoggingCallback) for one that failed. */
export function checkConsoleProducerOutput(output: string): void {
    const failed = output.split("\n").filter((line) => /ERROR|Exception/.test(line));
    if (failed.length > 0) throw new Error(`kafka-console-producer.sh reported ${failed.length} error lines:\n${failed.slice(0, 5).join("\n")}`);
}

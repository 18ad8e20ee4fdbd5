import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { KafkaTools } from "./kafka-tools";

/** What Kafka's consumer performance tool measured reading a topic. */
export interface ConsumerPerfReport {
    messages: number;
    /** Messages a second over the whole run, joining the group included. */
    messagesPerSecond: number;
    /** Messages a second while fetching (the tool's fetch.nMsg.sec): the read rate itself. */
    fetchMessagesPerSecond: number;
}

/**
 * Kafka's own consumer (`kafka-consumer-perf-test.sh`, beside the platform: KafkaTools) reading
 * the first `messages` records of `topic` with a group of its own: the floor a job reading the
 * same topic on the same platform is measured against.
 */
export async function consumerPerfTest(tools: KafkaTools, topic: string, messages: number): Promise<ConsumerPerfReport> {
    const group = `streamstack-bench-floor-${process.pid}-${Date.now()}`;
    const [command, ...args] = tools.run(group, "kafka-consumer-perf-test.sh", [
        "--bootstrap-server", tools.bootstrap, "--topic", topic, "--messages", String(messages), "--group", group, "--timeout", "30000",
    ]);
    const { stdout } = await promisify(execFile)(command!, args, { maxBuffer: 16 * 1024 * 1024 });
    return parseConsumerPerfOutput(stdout);
}

/**
 * The tool's report: a header line (`start.time, end.time, data.consumed.in.MB, MB.sec,
 * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
 * fetch.nMsg.sec`) and one line of values. Fails, quoting the output, without them.
 */
export function parseConsumerPerfOutput(output: string): ConsumerPerfReport {
    const lines = output.split("\n").map((line) => line.trim());
    const headerAt = lines.findIndex((line) => line.startsWith("start.time,"));
    const values = lines[headerAt + 1]?.split(",").map((value) => value.trim());
    const header = lines[headerAt]?.split(",").map((name) => name.trim());
    const field = (name: string) => {
        const value = Number(values?.[header?.indexOf(name) ?? -1]);
        if (headerAt < 0 || !Number.isFinite(value)) throw new Error(`kafka-consumer-perf-test.sh printed no ${name}:\n${output.slice(0, 2000)}`);
        return value;
    };
    return { messages: field("data.consumed.in.nMsg"), messagesPerSecond: field("nMsg.sec"), fetchMessagesPerSecond: field("fetch.nMsg.sec") };
}

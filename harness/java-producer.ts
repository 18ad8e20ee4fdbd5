import { spawn } from "node:child_process";
import { KafkaTools } from "./kafka-tools";

/** What Kafka's own producer saw over a run: its worst record latency and how many sends failed. */
export interface JavaProducerReport {
    /** Records acknowledged (the sum of the tool's 5-second reports). */
    sent: number;
    /** The longest any record waited from send() to its acknowledgement, in ms. */
    maxLatencyMs: number;
    /** Records whose send failed (the tool prints each failure's exception). */
    failed: number;
}

/** The report and when the tool printed the 5-second report that holds the worst latency. */
export interface TimedJavaProducerReport extends JavaProducerReport {
    /** Epoch ms of that report's arrival (0: no report): the worst record was acknowledged in the 5 s before it. */
    worstReportAt: number;
}

/** One of the tool's 5-second reports: `1001 records sent, 200.1 records/sec (0.02 MB/sec), 3.2 ms avg latency, 45.0 ms max latency.` */
const REPORT_LINE = /^(\d+) records sent, .* ([\d.]+) ms max latency\.$/;

/**
 * Kafka's own Java producer (`kafka-producer-perf-test.sh`, beside the platform: KafkaTools): a
 * standard client beside the project's Node one, idempotent with acks=all, `perSecond` records of
 * 100 bytes a second. Its worst latency is the longest a write was held up, the Java client's
 * view of a gap between acknowledgements (it retries until its 120 s delivery timeout).
 */
export class JavaProducer {
    /** Resolves when the tool's run (`docker run`, `kubectl run`) ends, for whatever reason: listened for from the start, so an early exit is not missed. */
    private exited: Promise<unknown> = Promise.resolve();
    private output = "";
    /** Each stream's last, unfinished line (reports go to stdout, but `kubectl run --attach` may pass them on either), and when the report holding the worst latency so far arrived. */
    private pendingLines = { stdout: "", stderr: "" };
    private worst = { maxLatencyMs: -1, at: 0 };
    private readonly container: string;

    /** `props`: more producer properties (`name=value`), after the defaults, so they override them. */
    constructor(private readonly tools: KafkaTools, private readonly topic: string, private readonly props: string[] = [], private readonly perSecond = 200) {
        // A pod name too: a DNS label of at most 63 characters.
        this.container = `java-producer-${topic}-${Date.now().toString(36)}`;
    }

    start(): void {
        const [command, ...args] = this.tools.run(this.container, "kafka-producer-perf-test.sh", [
            "--topic", this.topic, "--num-records", "100000000", "--throughput", String(this.perSecond), "--record-size", "100",
            "--producer-props", `bootstrap.servers=${this.tools.bootstrap}`, "acks=all", "enable.idempotence=true", ...this.props,
        ]);
        const child = spawn(command!, args, { stdio: ["ignore", "pipe", "pipe"] });
        this.exited = new Promise((resolve) => child.once("exit", resolve));
        const collect = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
            this.output += chunk.toString();
            this.stampReports(stream, chunk.toString());
        };
        child.stdout.on("data", collect("stdout"));
        child.stderr.on("data", collect("stderr"));
    }

    /** Notes when a report with a new worst latency arrives (the tool's lines carry no time of their own). */
    private stampReports(stream: "stdout" | "stderr", text: string): void {
        const lines = (this.pendingLines[stream] + text).split("\n");
        this.pendingLines[stream] = lines.pop() ?? "";
        for (const line of lines) {
            const latency = Number(REPORT_LINE.exec(line.trim())?.[2] ?? -1);
            if (latency > this.worst.maxLatencyMs) this.worst = { maxLatencyMs: latency, at: Date.now() };
        }
    }

    /** Stops the tool (after its next 5-second report) and reads what it printed. */
    async stop(): Promise<TimedJavaProducerReport> {
        await new Promise((resolve) => setTimeout(resolve, 5_500));
        const [command, ...args] = this.tools.removal(this.container);
        spawn(command!, args, { stdio: "ignore" });
        await this.exited;
        const report = parseJavaProducerOutput(this.output);
        // A tool that never reported (a bad property, a name taken) would read as 0 ms of latency.
        if (report.sent === 0) throw new Error(`kafka-producer-perf-test.sh (${this.container}) sent nothing:\n${this.output.slice(0, 2000)}`);
        return { ...report, worstReportAt: this.worst.at };
    }
}

/** The tool's 5-second lines: `1001 records sent, 200.1 records/sec (0.02 MB/sec), 3.2 ms avg latency, 45.0 ms max latency.` */
export function parseJavaProducerOutput(output: string): JavaProducerReport {
    let sent = 0;
    let maxLatencyMs = 0;
    for (const match of output.matchAll(new RegExp(REPORT_LINE.source, "gm"))) {
        sent += Number(match[1]);
        maxLatencyMs = Math.max(maxLatencyMs, Number(match[2]));
    }
    const failed = output.split("\n").filter((line) => /^org\.apache\.kafka\.common\.errors\.\w+/.test(line)).length;
    return { sent, maxLatencyMs, failed };
}

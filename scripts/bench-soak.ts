/**
 * Benchmark: a soak of the default platform under load, on Docker or (`--target kubernetes`) on
 * the local cluster, counting what must not happen while nothing fails: a Spark master failover,
 * a ZooKeeper session expiring, a ZooKeeper leader election, a broker dropping out of an ISR, a
 * member restarting. Short ZooKeeper sessions make
 * failover fast (`npm run bench:failover`); this is the other side of that trade.
 *
 * The load, for `--minutes` (10 by default): an idempotent acks=all producer (200 numbered
 * messages/s to a topic with RF 3 and min.insync.replicas 2, audited at the end), the sample
 * streaming job counting 100 keyed events/s in 10 s windows (its counts checked exactly at the
 * end), and every other 30 s one busy loop per core on the host, so the platform's JVMs are
 * starved and pause the way they do on a busy laptop or CI machine.
 * Usage: npm run bench:soak [-- --minutes 10 --target kubernetes]   (the minutes plus about 2 to start and check)
 */
import { ChildProcess, spawn } from "node:child_process";
import * as os from "node:os";
import { DEFAULTS } from "../components/config/defaults";
import { createStack, removeStack, stackEndpoints } from "../harness/e2e-stack";
import { wholeNumberFlag } from "../harness/bench-args";
import { expectedWindowCounts, KeyedEvent, produceEvents, windowCounts } from "../harness/event-stream";
import { Brokers, brokersOf } from "../harness/kafka-client";
import { NumberedProducer } from "../harness/numbered-producer";
import { pacedLoop, PacedLoop } from "../harness/paced-loop";
import { aliveMaster, eventually, everyMemberHealthy } from "../harness/platform-probe";
import { BenchPorts, BenchTarget, benchPlatformConfig, onTargets, targetFromArgs } from "../harness/bench-target";
import { dockerMembers, kubernetesMembers } from "../harness/platform-members";
import { PlatformEndpoints } from "../operations/status-report";

const PORTS: Record<BenchTarget, BenchPorts> = {
    docker: { zookeeperClient: 18781, kafkaExternal: 18792, sparkMasterUi: 18770, sparkWorkerUi: 18880 },
    // NodePorts apart from the k8s e2e's (32xxx), the k8s stack file's (30xxx) and the other benches'.
    kubernetes: { kafkaExternal: 31992, sparkMasterUi: 31980, sparkWorkerUi: 31990 },
};
const NAMESPACE = "bench-soak";
const WINDOW_MS = 10_000;
const SLIDE_MS = 5_000;
const EVENTS_PER_SECOND = 100;
const BUSY_PHASE_MS = 30_000;
const TOPICS = [
    { name: "soak", partitions: 3, replicationFactor: 3 },
    { name: "events", partitions: 4, replicationFactor: 3 },
    { name: "event-counts", partitions: 2, replicationFactor: 3, config: { "cleanup.policy": "compact" } },
];
const JOBS = [{
    name: "windowed-counts",
    args: { "input-topic": "events", "output-topic": "event-counts", window: "10 seconds", slide: "5 seconds", trigger: "2 seconds" },
    cores: 2,
    executorMemory: "512m",
}];

/** Every stretch of the soak, one sample a second: which master was ALIVE. */
class Watch {
    aliveChanges = 0;
    secondsWithoutAliveMaster = 0;
    private alive: number | undefined;
    private loop: PacedLoop | undefined;

    constructor(private readonly endpoints: PlatformEndpoints) {}

    start(): void {
        this.loop = pacedLoop(1000, async () => {
            const master = await aliveMaster(this.endpoints.sparkMasterUiUrls, { timeoutMs: 3000 });
            if (!master) this.secondsWithoutAliveMaster++;
            else {
                if (this.alive !== undefined && master.index !== this.alive) this.aliveChanges++;
                this.alive = master.index;
            }
        });
    }

    async stop(): Promise<void> {
        await this.loop?.stop();
    }
}

/** One busy loop per core, every other `BUSY_PHASE_MS`, until stopped. */
class BusyMachine {
    phases = 0;
    private loops: ChildProcess[] = [];
    private timer: NodeJS.Timeout | undefined;

    start(): void {
        let busy = false;
        this.timer = setInterval(() => {
            busy = !busy;
            if (busy) {
                this.phases++;
                this.loops = os.cpus().map(() => spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" }));
            } else this.quiet();
        }, BUSY_PHASE_MS);
    }

    stop(): void {
        clearInterval(this.timer);
        this.quiet();
    }

    private quiet(): void {
        for (const loop of this.loops) loop.kill("SIGKILL");
        this.loops = [];
    }
}

/** The sample job's input: `EVENTS_PER_SECOND` keyed events every second, each stamped with its time. */
class EventSource {
    readonly produced: KeyedEvent[] = [];
    failedSends = 0;
    private loop: PacedLoop | undefined;

    constructor(private readonly brokers: Brokers) {}

    start(): void {
        this.loop = pacedLoop(1000, async () => {
            const startedAt = Date.now();
            const batch = Array.from({ length: EVENTS_PER_SECOND }, (_, i) => ({ key: `k${i % 8}`, timestampMs: startedAt + i }));
            try {
                await produceEvents(this.brokers, "events", batch);
                this.produced.push(...batch);
            } catch {
                // Not retried: a batch that failed may be partly written, so the exact check is off.
                this.failedSends++;
            }
        });
    }

    async stop(): Promise<void> {
        await this.loop?.stop();
    }
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const target = targetFromArgs(args);
    await onTargets([target], () => soak(target, wholeNumberFlag(args, "--minutes", 10)));
}

async function soak(target: BenchTarget, minutes: number): Promise<void> {
    const bench = await createStack(`bench-soak-${process.pid}`, { ...benchPlatformConfig(target, PORTS[target], NAMESPACE), topics: TOPICS, jobs: JOBS });
    try {
        await bench.stack.up();
        const endpoints = await stackEndpoints(bench);
        await everyMemberHealthy(endpoints);
        const brokers = brokersOf(endpoints);
        const members = target === "docker" ? dockerMembers(bench.prefix) : kubernetesMembers(NAMESPACE);
        const since = new Date();
        const incarnationsBefore = await members.incarnations();

        const watch = new Watch(endpoints);
        const producer = new NumberedProducer(brokers, "soak");
        const events = new EventSource(brokers);
        const busy = new BusyMachine();
        watch.start();
        producer.start();
        events.start();
        busy.start();
        console.error(`soaking for ${minutes} min from ${since.toISOString()}`);
        await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
        busy.stop();
        await Promise.all([producer.stop(), events.stop(), watch.stop()]);

        const audit = await producer.audit();
        const expected = expectedWindowCounts(events.produced, WINDOW_MS, SLIDE_MS);
        const countsMatch = events.failedSends > 0 ? undefined : await eventually("the job's output to match the events", async () => {
            const counts = await windowCounts(brokers, "event-counts");
            return [...expected].every(([key, count]) => counts.get(key) === count) ? true : undefined;
        }, 180_000, 5_000).catch(() => false);
        const restarted = Object.entries(await members.incarnations()).filter(([name, incarnation]) => incarnation !== incarnationsBefore[name]).map(([name]) => name);
        const expiries = await members.logLines(/zookeeper-\d+$/, since, /Expiring session/);
        // Each server prints it after every election it takes part in (three lines an election).
        const elections = await members.logLines(/zookeeper-\d+$/, since, /LEADER ELECTION TOOK/);
        const revoked = await members.logLines(/spark-master-\d+$/, since, /Leadership has been revoked|elected leader/);
        const isrShrinks = await members.logLines(/kafka-\d+$/, since, /Shrinking ISR/);

        const rows: [string, string | number, string][] = [
            ["Spark master failovers (ALIVE master changed)", watch.aliveChanges, "0"],
            ["seconds without an ALIVE master", watch.secondsWithoutAliveMaster, "0"],
            ["Spark masters' leadership log lines (elected / revoked)", revoked, "0"],
            ["ZooKeeper sessions expired (servers' logs)", expiries, "0"],
            ["ZooKeeper elections (servers' log lines)", elections, "0"],
            ["ISR shrinks (brokers' logs)", isrShrinks, "0"],
            ["members restarted", restarted.length ? restarted.join(", ") : 0, "0"],
            ["producer: acknowledged / lost / failed sends", `${producer.acked.size} / ${audit.lost.length} / ${producer.errors}`, "- / 0 / 0"],
            ["producer: longest gap between acknowledgements", `${(producer.longestAckGapMs / 1000).toFixed(1)} s`, "-"],
            ["job: events / exact counts", `${events.produced.length} / ${countsMatch === undefined ? `not checked (${events.failedSends} failed sends)` : countsMatch ? "yes" : "NO"}`, "- / yes"],
        ];
        console.log(`soak: ${minutes} min of the default platform (${target}), ${busy.phases} busy phases of ${BUSY_PHASE_MS / 1000} s (${os.cpus().length} busy loops each)`);
        console.log(`ZooKeeper: tickTimeMs ${DEFAULTS.zookeeper.tickTimeMs}, maxSessionTimeoutMs ${DEFAULTS.zookeeper.maxSessionTimeoutMs} (streamstack's defaults)`);
        for (const [what, value, goal] of rows) console.log(`${what.padEnd(58)}${String(value).padStart(24)}   goal ${goal}`);
        // Every row whose goal is 0 counts something that must not happen while nothing fails.
        const spurious = rows.filter(([, value, goal]) => goal === "0" && value !== 0).map(([what]) => what);
        console.log(spurious.length === 0 && audit.lost.length === 0 ? "no spurious failover" : `not met: ${[...spurious, ...(audit.lost.length ? ["acknowledged messages lost"] : [])].join("; ")}`);
    } finally {
        await removeStack(bench);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

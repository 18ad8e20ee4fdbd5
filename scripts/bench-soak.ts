/**
 * Benchmark: a soak of the default platform (Docker) under load, counting what must not happen
 * while nothing fails: a Spark master failover, a ZooKeeper session expiring, a ZooKeeper leader
 * change, a broker dropping out of an ISR, a container restarting. Short ZooKeeper sessions make
 * failover fast (`npm run bench:failover`); this is the other side of that trade.
 *
 * The load, for `--minutes` (10 by default): an idempotent acks=all producer (200 numbered
 * messages/s to a topic with RF 3 and min.insync.replicas 2, audited at the end), the sample
 * streaming job counting 100 keyed events/s in 10 s windows (its counts checked exactly at the
 * end), and every other 30 s one busy loop per core on the host, so the platform's JVMs are
 * starved and pause the way they do on a busy laptop or CI machine.
 * Usage: npm run bench:soak [-- --minutes 10]   (the minutes plus about 2 to start and check)
 */
import { ChildProcess, execFile, spawn } from "node:child_process";
import * as os from "node:os";
import { promisify } from "node:util";
import { DEFAULTS } from "../components/config/defaults";
import { createStack, removeStack, stackEndpoints } from "../harness/e2e-stack";
import { wholeNumberFlag } from "../harness/bench-args";
import { expectedWindowCounts, KeyedEvent, produceEvents, windowCounts } from "../harness/event-stream";
import { Brokers, brokersOf } from "../harness/kafka-client";
import { NumberedProducer } from "../harness/numbered-producer";
import { pacedLoop, PacedLoop } from "../harness/paced-loop";
import { aliveMaster, docker, eventually, everyMemberHealthy, labelled } from "../harness/platform-probe";
import { PlatformEndpoints, zookeeperRows } from "../operations/status-report";

const run = promisify(execFile);
const PORTS = { zookeeperClient: 18781, kafkaExternal: 18792, sparkMasterUi: 18770, sparkWorkerUi: 18880 };
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

/** Every stretch of the soak, one sample a second: which master was ALIVE, and ZooKeeper's leader every 5 s. */
class Watch {
    aliveChanges = 0;
    secondsWithoutAliveMaster = 0;
    leaderChanges = 0;
    private alive: number | undefined;
    private leader: string | undefined;
    private loop: PacedLoop | undefined;

    constructor(private readonly endpoints: PlatformEndpoints) {}

    start(): void {
        this.loop = pacedLoop(1000, async (tick) => {
            const master = await aliveMaster(this.endpoints.sparkMasterUiUrls, { timeoutMs: 3000 });
            if (!master) this.secondsWithoutAliveMaster++;
            else {
                if (this.alive !== undefined && master.index !== this.alive) this.aliveChanges++;
                this.alive = master.index;
            }
            if (tick % 5 === 0) {
                const leader = (await zookeeperRows(this.endpoints.zookeeperHostConnect)).find((row) => row.state === "leader")?.member;
                if (leader !== undefined) {
                    if (this.leader !== undefined && leader !== this.leader) this.leaderChanges++;
                    this.leader = leader;
                }
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

/** Lines matching `pattern` in the logs (stdout and stderr) of the stack's containers whose name matches `member`, since `since`. */
async function logLines(containers: string[], member: RegExp, since: string, pattern: RegExp): Promise<number> {
    let count = 0;
    for (const container of containers.filter((name) => member.test(name))) {
        const { stdout, stderr } = await run("docker", ["logs", "--since", since, container], { maxBuffer: 256 * 1024 * 1024 });
        count += `${stdout}\n${stderr}`.split("\n").filter((line) => pattern.test(line)).length;
    }
    return count;
}

async function main(): Promise<void> {
    const minutes = wholeNumberFlag(process.argv.slice(2), "--minutes", 10);
    const bench = await createStack(`bench-soak-${process.pid}`, { target: "docker", ports: PORTS, topics: TOPICS, jobs: JOBS });
    try {
        await bench.stack.up();
        const endpoints = await stackEndpoints(bench);
        await everyMemberHealthy(endpoints);
        const brokers = brokersOf(endpoints);
        const containers = await labelled("container", bench.prefix);
        const startedAt = new Date();
        const since = startedAt.toISOString();
        const restartsBefore = await startTimes(containers);

        const watch = new Watch(endpoints);
        const producer = new NumberedProducer(brokers, "soak");
        const events = new EventSource(brokers);
        const busy = new BusyMachine();
        watch.start();
        producer.start();
        events.start();
        busy.start();
        console.error(`soaking for ${minutes} min from ${since}`);
        await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
        busy.stop();
        await Promise.all([producer.stop(), events.stop(), watch.stop()]);

        const audit = await producer.audit();
        const expected = expectedWindowCounts(events.produced, WINDOW_MS, SLIDE_MS);
        const countsMatch = events.failedSends > 0 ? undefined : await eventually("the job's output to match the events", async () => {
            const counts = await windowCounts(brokers, "event-counts");
            return [...expected].every(([key, count]) => counts.get(key) === count) ? true : undefined;
        }, 180_000, 5_000).catch(() => false);
        const restarted = Object.entries(await startTimes(containers)).filter(([name, started]) => started !== restartsBefore[name]).map(([name]) => name);
        const expiries = await logLines(containers, /zookeeper-\d+$/, since, /Expiring session/);
        const revoked = await logLines(containers, /spark-master-\d+$/, since, /Leadership has been revoked|elected leader/);
        const isrShrinks = await logLines(containers, /kafka-\d+$/, since, /Shrinking ISR/);

        const rows: [string, string | number, string][] = [
            ["Spark master failovers (ALIVE master changed)", watch.aliveChanges, "0"],
            ["seconds without an ALIVE master", watch.secondsWithoutAliveMaster, "0"],
            ["Spark masters' leadership log lines (elected / revoked)", revoked, "0"],
            ["ZooKeeper sessions expired (servers' logs)", expiries, "0"],
            ["ZooKeeper leader changes", watch.leaderChanges, "0"],
            ["ISR shrinks (brokers' logs)", isrShrinks, "0"],
            ["containers restarted", restarted.length ? restarted.join(", ") : 0, "0"],
            ["producer: acknowledged / lost / failed sends", `${producer.acked.size} / ${audit.lost.length} / ${producer.errors}`, "- / 0 / 0"],
            ["producer: longest gap between acknowledgements", `${(producer.longestAckGapMs / 1000).toFixed(1)} s`, "-"],
            ["job: events / exact counts", `${events.produced.length} / ${countsMatch === undefined ? `not checked (${events.failedSends} failed sends)` : countsMatch ? "yes" : "NO"}`, "- / yes"],
        ];
        console.log(`soak: ${minutes} min of the default platform (Docker), ${busy.phases} busy phases of ${BUSY_PHASE_MS / 1000} s (${os.cpus().length} busy loops each)`);
        console.log(`ZooKeeper: tickTimeMs ${DEFAULTS.zookeeper.tickTimeMs}, maxSessionTimeoutMs ${DEFAULTS.zookeeper.maxSessionTimeoutMs} (streamstack's defaults)`);
        for (const [what, value, goal] of rows) console.log(`${what.padEnd(58)}${String(value).padStart(24)}   goal ${goal}`);
        // Every row whose goal is 0 counts something that must not happen while nothing fails.
        const spurious = rows.filter(([, value, goal]) => goal === "0" && value !== 0).map(([what]) => what);
        console.log(spurious.length === 0 && audit.lost.length === 0 ? "no spurious failover" : `not met: ${[...spurious, ...(audit.lost.length ? ["acknowledged messages lost"] : [])].join("; ")}`);
    } finally {
        await removeStack(bench);
    }
}

/** Each container's start time: a restart (by Docker's policy or a crash) changes it. */
async function startTimes(containers: string[]): Promise<Record<string, string>> {
    const entries = await Promise.all(containers.map(async (name) => [name, (await docker(["inspect", "--format", "{{.State.StartedAt}}", name])).trim()] as const));
    return Object.fromEntries(entries);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

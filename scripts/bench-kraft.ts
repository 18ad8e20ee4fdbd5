/**
 * Benchmark: Kafka on KRaft against Kafka in ZooKeeper mode, side by side in one run on Docker.
 * The default platform shape (3 ZooKeeper servers, 3 brokers, 2 Spark masters, 2 workers) twice:
 * Kafka 3.9.1 in ZooKeeper mode (the baseline, the platform's default) and Kafka 4.4.0 on KRaft
 * with 3 dedicated controllers. Each mode is made `--runs` times (2 by default), the modes
 * alternating so a machine that warms up or slows down over the run weighs on both alike; per
 * run, on a new stack:
 * - **cold up**: from `pulumi up` on an empty stack to every member healthy (`npm run status`'s view);
 * - **broker failover**: SIGKILL of a broker that is not the controller, under an idempotent
 *   acks=all producer (6 partitions, RF 3, min.insync.replicas 2): until the surviving brokers
 *   no longer list it (the controller has fenced it), and the producer's longest wait between
 *   acknowledgements in the 20 s after the kill;
 * - **controller failover**: SIGKILL of the active controller (ZooKeeper mode: the broker that is
 *   the controller, so a broker goes too; KRaft: the quorum's leader), under the producer: until a
 *   surviving broker names another controller, and the producer's longest wait.
 * Each killed member is started again and the platform healthy before the next measurement.
 * Prints the medians and the ratio KRaft / ZooKeeper mode of each.
 * Usage: npm run bench:kraft [-- --runs 2]   (about 5 minutes per run)
 */
import { createStack, removeStack, stackEndpoints } from "../harness/e2e-stack";
import { runsFromArgs } from "../harness/bench-args";
import { Brokers, brokersOf } from "../harness/kafka-client";
import { median } from "../harness/median";
import { NumberedProducer } from "../harness/numbered-producer";
import { docker, everyMemberHealthy, eventually, labelled } from "../harness/platform-probe";
import { dockerCrash } from "../harness/member-crash";
import { kafkaCluster, kafkaControllerId, kafkaQuorumOfAny, splitEndpoint } from "../live";
import { CONTROLLER_ID_BASE } from "../components/kafka/kraft";

const TOPIC = { name: "bench-kraft", partitions: 6, replicationFactor: 3 };
const MODES = [
    {
        name: "ZooKeeper mode (Kafka 3.9.1)", stack: "zk",
        ports: { zookeeperClient: 21181, kafkaExternal: 21092, sparkMasterUi: 21080, sparkWorkerUi: 21280 },
        kafka: {},
    },
    {
        name: "KRaft, 3 controllers (Kafka 4.4.0)", stack: "kraft",
        ports: { zookeeperClient: 22181, kafkaExternal: 22092, sparkMasterUi: 22080, sparkWorkerUi: 22280 },
        kafka: { metadata: "kraft", version: "4.4.0" },
    },
] as const;
type Mode = (typeof MODES)[number];
const METRICS = ["cold up to healthy", "broker failover: fenced", "broker failover: longest wait", "controller failover: new controller", "controller failover: longest wait"] as const;
type Metric = (typeof METRICS)[number];
const MEASURE_AFTER_KILL_MS = 20_000;
const POLL_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => ms / 1000;

/** The last log lines of each of the stack's containers that is not running healthy. */
async function unhealthyMemberLogs(prefix: string): Promise<string> {
    const reports: string[] = [];
    for (const container of await labelled("container", prefix)) {
        const status = (await docker(["inspect", "--format", "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}", container])).trim();
        if (status === "running healthy") continue;
        const logs = await docker(["logs", "--tail", "25", container]).catch((error: unknown) => String(error));
        reports.push(`== ${container} (${status})\n${logs}`);
    }
    return reports.join("\n");
}

/** The active controller as a member name and node id: the broker ZooKeeper elected, or the quorum's leader. */
async function activeController(mode: Mode, brokers: Brokers): Promise<{ member: string; id: number }> {
    const endpoints = brokers.bootstrap.split(",");
    if (mode.stack === "kraft") {
        const { leaderId } = await kafkaQuorumOfAny(endpoints, { timeoutMs: 3000 });
        return { member: `kafka-controller-${leaderId - CONTROLLER_ID_BASE}`, id: leaderId };
    }
    const { host, port } = splitEndpoint(endpoints[0]!);
    const id = await kafkaControllerId(host, port, { timeoutMs: 3000 });
    return { member: `kafka-${id}`, id };
}

/** The controller a surviving broker names now (undefined while none answers or names one). */
async function controllerSeen(mode: Mode, survivors: string[]): Promise<number | undefined> {
    if (mode.stack === "kraft") return (await kafkaQuorumOfAny(survivors, { timeoutMs: 1000 }).catch(() => undefined))?.leaderId;
    for (const endpoint of survivors) {
        const { host, port } = splitEndpoint(endpoint);
        const id = await kafkaControllerId(host, port, { timeoutMs: 1000 }).catch(() => undefined);
        if (id !== undefined && id >= 0) return id;
    }
    return undefined;
}

/**
 * Runs `disturb` (a kill) under an acks=all producer for MEASURE_AFTER_KILL_MS, then `recover`
 * (the member started again, the platform healthy); the producer's longest wait, with nothing
 * it had acknowledged lost (read back once the platform is whole again).
 */
async function underProducer(brokers: Brokers, disturb: () => Promise<void>, recover: () => Promise<void>): Promise<number> {
    const producer = new NumberedProducer(brokers, TOPIC.name);
    producer.start();
    try {
        await sleep(3000);
        await disturb();
        await sleep(MEASURE_AFTER_KILL_MS);
    } finally {
        await producer.stop();
        await recover();
    }
    const audit = await producer.audit();
    if (audit.lost.length > 0) throw new Error(`${audit.lost.length} acknowledged messages lost`);
    return producer.longestAckGapMs;
}

async function measure(mode: Mode, run: number): Promise<Record<Metric, number>> {
    const bench = await createStack(`bench-kraft-${mode.stack}-${process.pid}-${run}`, { target: "docker", ports: mode.ports, kafka: mode.kafka, topics: [TOPIC] });
    const crash = dockerCrash(bench.prefix);
    try {
        const started = Date.now();
        await bench.stack.up().catch(async (error: unknown) => {
            // The stack goes with the run: keep what its failing members said first.
            console.error(await unhealthyMemberLogs(bench.prefix));
            throw error;
        });
        const endpoints = await stackEndpoints(bench);
        await everyMemberHealthy(endpoints);
        const coldUp = Date.now() - started;
        const brokers = brokersOf(endpoints);
        const all = brokers.bootstrap.split(",");

        // A broker that is not the controller.
        const controller = await activeController(mode, brokers);
        const victim = [0, 1, 2].find((ordinal) => mode.stack === "kraft" || ordinal !== controller.id)!;
        const survivors = all.filter((_, ordinal) => ordinal !== victim);
        let fenced = Infinity;
        const brokerWait = await underProducer(brokers, async () => {
            const killedAt = Date.now();
            await crash.kill(`kafka-${victim}`);
            await eventually(`broker ${victim} no longer listed`, async () => {
                const listed = (await kafkaCluster(survivors[0]!, { timeoutMs: 1000 }).catch(() => undefined))?.brokers.map((broker) => broker.id);
                return listed && !listed.includes(victim) ? true : undefined;
            }, 60_000, POLL_MS);
            fenced = Date.now() - killedAt;
        }, async () => {
            await crash.revive(`kafka-${victim}`);
            await everyMemberHealthy(endpoints);
        });

        // The active controller.
        const active = await activeController(mode, brokers);
        const controllerSurvivors = mode.stack === "kraft" ? all : all.filter((_, ordinal) => ordinal !== active.id);
        let elected = Infinity;
        const controllerWait = await underProducer(brokers, async () => {
            const killedAt = Date.now();
            await crash.kill(active.member);
            await eventually("another controller named by a broker", async () => {
                const seen = await controllerSeen(mode, controllerSurvivors);
                return seen !== undefined && seen !== active.id ? true : undefined;
            }, 60_000, POLL_MS);
            elected = Date.now() - killedAt;
        }, async () => {
            await crash.revive(active.member);
            await everyMemberHealthy(endpoints);
        });
        return {
            "cold up to healthy": coldUp,
            "broker failover: fenced": fenced,
            "broker failover: longest wait": brokerWait,
            "controller failover: new controller": elected,
            "controller failover: longest wait": controllerWait,
        };
    } finally {
        await removeStack(bench);
    }
}

async function main(): Promise<void> {
    const runs = runsFromArgs(process.argv.slice(2), 2);
    const samples = MODES.map(() => Object.fromEntries(METRICS.map((metric) => [metric, [] as number[]])) as Record<Metric, number[]>);
    for (let run = 0; run < runs; run++) {
        for (const [i, mode] of MODES.entries()) {
            const result = await measure(mode, run);
            for (const metric of METRICS) samples[i]![metric].push(result[metric]);
            console.error(`run ${run + 1}/${runs}, ${mode.name}: ${METRICS.map((metric) => `${metric} ${seconds(result[metric]).toFixed(1)} s`).join("; ")}`);
        }
    }
    console.log(`platform: 3 ZooKeeper servers, 3 brokers, 2 masters, 2 workers (docker); medians of ${runs}, seconds`);
    console.log(`${"".padEnd(38)}${MODES.map((mode) => mode.name.padStart(36)).join("")}${"KRaft / ZooKeeper".padStart(20)}`);
    for (const metric of METRICS) {
        const [zookeeper, kraft] = samples.map((sample) => median(sample[metric])) as [number, number];
        const cells = samples.map((sample) => `${seconds(median(sample[metric])).toFixed(1)} (${sample[metric].map((ms) => seconds(ms).toFixed(1)).join(", ")})`.padStart(36));
        console.log(`${metric.padEnd(38)}${cells.join("")}${`${(kraft / zookeeper).toFixed(2)}x`.padStart(20)}`);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

/**
 * Benchmark: what a writer feels while brokers restart, planned and not, on one default-shape
 * platform, on Docker or (`--target kubernetes`) on the local cluster. Three ways a broker goes
 * away, each `--runs` times (3 by default), alternating:
 * - **planned, by `up`**: `kafka.heapMb` changes (512 <-> 576), so every broker restarts, one at a
 *   time behind its readiness gate, the controller last;
 * - **the baseline, by hand**: the same three restarts without streamstack, `docker restart`
 *   (Kubernetes: `kubectl delete pod`) of kafka-0, kafka-1, kafka-2 in turn, each time waiting
 *   until every partition is fully replicated again (what a careful operator does);
 * - **unplanned**: SIGKILL of a broker that is not the controller; the producers are measured
 *   for 20 s after the kill, then the broker is started again (on Kubernetes the kubelet
 *   restarts it at once, as after any crash).
 * Two idempotent acks=all producers write through each, 200 messages/s apiece, to topics of
 * their own (3 partitions, RF 3, min.insync.replicas 2): the project's Node producer
 * (@platformatic/kafka, audited: longest gap between acknowledgements, longest stretch of failing
 * sends, failed sends, lost; each distinct failure printed) and Kafka's own Java producer (its
 * worst record latency and failed records), a standard client beside it. The Node producer writes
 * from this host through the external listener (on Kubernetes its NodePorts, with TLS and the
 * admin's login), the Java one beside the brokers through the internal listener (a container on
 * the platform's network; a pod of a client namespace).
 * `--java-props name=value,...` runs a second Java producer with those producer properties
 * beside the first (its own topic), to try client settings against the defaults in the same
 * run; `--ways up,hand,sigkill` measures only those ways.
 * Usage: npm run bench:roll [-- --runs 3 --ways sigkill --java-props socket.connection.setup.timeout.ms=1000 --target kubernetes]   (about 4 minutes per run)
 */
import { createStack, removeStack, setConfig, stackEndpoints } from "../harness/e2e-stack";
import { runsFromArgs } from "../harness/bench-args";
import { Brokers, brokersOf } from "../harness/kafka-client";
import { median } from "../harness/median";
import { JavaProducer, TimedJavaProducerReport } from "../harness/java-producer";
import { KafkaTools, kafkaToolsInCluster, kafkaToolsOf } from "../harness/kafka-tools";
import { NumberedProducer } from "../harness/numbered-producer";
import { docker, everyMemberHealthy } from "../harness/platform-probe";
import { BenchPorts, BenchTarget, benchPlatformConfig, onTargets, targetFromArgs } from "../harness/bench-target";
import { kubectl } from "../harness/k8s-local";
import { dockerCrash, kubernetesCrash } from "../harness/member-crash";
import { kafkaCluster } from "../live";
import { kafkaConnectionOf } from "../operations/status-report";

const PORTS: Record<BenchTarget, BenchPorts> = {
    docker: { zookeeperClient: 18981, kafkaExternal: 18992, sparkMasterUi: 18970, sparkWorkerUi: 19080 },
    // NodePorts apart from the k8s e2e's (32xxx), the k8s stack file's (30xxx), bench:k8s-up's and bench:failover's.
    kubernetes: { kafkaExternal: 31792, sparkMasterUi: 31780, sparkWorkerUi: 31880 },
};
const NAMESPACE = "bench-roll";
/** Where the Java producers run on Kubernetes: a namespace of their own, as an application's. */
const CLIENT_NAMESPACE = "bench-roll-clients";
const WAYS = ["planned, by up", "baseline: by hand", "unplanned: SIGKILL"] as const;
type Way = (typeof WAYS)[number];
const UNPLANNED_MEASURE_MS = 20_000;
const SETTLE_MS = 3_000;
/** Kafka's own producer writes here in every measurement; nothing audits it. */
const JAVA_TOPIC = { name: "roll-java", partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": "2" } };
/** The second Java producer's (`--java-props`). */
const JAVA_TUNED_TOPIC = { ...JAVA_TOPIC, name: "roll-java-tuned" };
/** `--ways`' names for the ways, in WAYS' order. */
const WAY_FLAGS = ["up", "hand", "sigkill"] as const;

interface Sample {
    gapMs: number; errorWindowMs: number; failedSends: number; lost: number; acknowledged: number; errors: string[]; tookMs: number;
    javaMaxLatencyMs: number; javaFailed: number;
    /**
     * When, from the disturbance's start, the Java producer printed the 5-second report holding
     * its worst latency (that record was acknowledged in the 5 s before), and when the Node
     * producer's longest error window began: where in the roll to look.
     */
    javaWorstReportAtMs: number; errorWindowFromMs: number;
    /** The Java producer with `--java-props`, when given. */
    tunedMaxLatencyMs?: number; tunedFailed?: number;
}

/** Where Kafka's own producers run, and the second one's properties (`--java-props`; none: no second producer). */
interface JavaClient { tools: KafkaTools; tunedProps: string[] }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const topicOf = (run: number, way: number) => `roll-${run}-${way}`;

/**
 * Runs `disturb` while the producers write (from SETTLE_MS before to SETTLE_MS after): the
 * project's to `topic`, Kafka's own Java producer to roll-java; what each saw.
 */
async function measure(brokers: Brokers, java: JavaClient, topic: string, disturb: () => Promise<void>, restore: () => Promise<void>): Promise<Sample> {
    const producer = new NumberedProducer(brokers, topic);
    const javaProducer = new JavaProducer(java.tools, JAVA_TOPIC.name);
    const tunedProducer = java.tunedProps.length ? new JavaProducer(java.tools, JAVA_TUNED_TOPIC.name, java.tunedProps) : undefined;
    javaProducer.start();
    tunedProducer?.start();
    producer.start();
    let tookMs = 0;
    let javaReport: TimedJavaProducerReport = { sent: 0, maxLatencyMs: 0, failed: 0, worstReportAt: 0 };
    let tunedReport: TimedJavaProducerReport | undefined;
    let startedAt = Date.now();
    try {
        await sleep(SETTLE_MS);
        startedAt = Date.now();
        await disturb();
        tookMs = Date.now() - startedAt;
        await sleep(SETTLE_MS);
    } finally {
        await producer.stop();
        [javaReport, tunedReport] = await Promise.all([javaProducer.stop(), tunedProducer?.stop()]);
    }
    // Before the audit: a consumer group needs __consumer_offsets, which cannot be created (RF 3)
    // while a broker is down, as after a SIGKILL that comes first.
    await restore();
    const audit = await producer.audit();
    return {
        gapMs: producer.longestAckGapMs, errorWindowMs: producer.longestErrorWindowMs, failedSends: producer.errors, lost: audit.lost.length, acknowledged: producer.acked.size,
        errors: [...producer.errorMessages], tookMs, javaMaxLatencyMs: javaReport.maxLatencyMs, javaFailed: javaReport.failed,
        javaWorstReportAtMs: javaReport.worstReportAt - startedAt, errorWindowFromMs: producer.longestErrorWindowFrom - startedAt,
        tunedMaxLatencyMs: tunedReport?.maxLatencyMs, tunedFailed: tunedReport?.failed,
    };
}

/** `--ways up,hand,sigkill` (all by default): which ways to measure. */
function waysFromArgs(args: string[]): Way[] {
    const at = args.indexOf("--ways");
    if (at < 0) return [...WAYS];
    const names = (args[at + 1] ?? "").split(",");
    const unknown = names.filter((name) => !(WAY_FLAGS as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0) throw new Error(`--ways takes a comma-separated list of ${WAY_FLAGS.join(", ")}; got '${args[at + 1] ?? ""}'`);
    return WAYS.filter((_, i) => names.includes(WAY_FLAGS[i]!));
}

/** `--java-props name=value,name=value`: a second Java producer's properties (none: no second producer). */
function javaPropsFromArgs(args: string[]): string[] {
    const at = args.indexOf("--java-props");
    if (at < 0) return [];
    const props = (args[at + 1] ?? "").split(",");
    if (props.some((prop) => !/^[a-z.]+=\S+$/.test(prop))) throw new Error(`--java-props takes name=value[,name=value...] (Kafka producer properties); got '${args[at + 1] ?? ""}'`);
    return props;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const target = targetFromArgs(args);
    const runs = runsFromArgs(args, 3);
    const ways = waysFromArgs(args);
    const tunedProps = javaPropsFromArgs(args);
    await onTargets([target], () => measureAndReport(target, runs, ways, tunedProps));
}

async function measureAndReport(target: BenchTarget, runs: number, ways: Way[], tunedProps: string[]): Promise<void> {
    const topics = Array.from({ length: runs }, (_, run) => WAYS.map((_, way) => ({ name: topicOf(run, way), partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": "2" } }))).flat();
    const platform = benchPlatformConfig(target, PORTS[target], NAMESPACE, [CLIENT_NAMESPACE]);
    const bench = await createStack(`bench-roll-${process.pid}`, {
        ...platform, topics: [...topics, JAVA_TOPIC, ...(tunedProps.length ? [JAVA_TUNED_TOPIC] : [])],
    });
    const samples = new Map<Way, Sample[]>(WAYS.map((way) => [way, []]));
    if (target === "kubernetes") await kubectl("create", "namespace", CLIENT_NAMESPACE).catch((error: Error) => { if (!/AlreadyExists/.test(error.message)) throw error; });
    try {
        await bench.stack.up();
        const endpoints = await stackEndpoints(bench);
        await everyMemberHealthy(endpoints);
        const brokers = brokersOf(endpoints);
        const broker = (id: number) => `kafka-${id}`;
        const crash = target === "docker" ? dockerCrash(bench.prefix) : kubernetesCrash(NAMESPACE);
        const java: JavaClient = { tools: target === "docker" ? await kafkaToolsOf(bench, endpoints) : kafkaToolsInCluster(CLIENT_NAMESPACE, endpoints), tunedProps };
        let killed: number | undefined;
        // The killed broker starts again after the measurement, so its return is not part of it.
        const restore = async () => {
            if (killed !== undefined) await crash.revive(broker(killed));
            killed = undefined;
            await everyMemberHealthy(endpoints);
        };
        // A restart as an operator does it by hand: the command returns once the broker is on its way back.
        const restartByHand = (id: number) => target === "docker"
            ? docker(["restart", `${bench.prefix}-${broker(id)}`])
            : kubectl("-n", NAMESPACE, "delete", "pod", broker(id));
        const disturbances: Record<Way, (run: number) => Promise<void>> = {
            "planned, by up": async (run) => {
                // The platform's own kafka settings stay (on Kubernetes its internalAuthentication).
                await setConfig(bench.stack, { kafka: { ...(platform.kafka as object | undefined), heapMb: run % 2 === 0 ? 576 : 512 } });
                await bench.stack.up();
            },
            "baseline: by hand": async () => {
                for (const id of [0, 1, 2]) {
                    await restartByHand(id);
                    await everyMemberHealthy(endpoints);
                }
            },
            "unplanned: SIGKILL": async () => {
                const { controllerId } = await kafkaCluster(endpoints.kafkaBootstrapServers, kafkaConnectionOf(endpoints));
                killed = [0, 1, 2].find((id) => id !== controllerId)!;
                await crash.kill(broker(killed));
                await sleep(UNPLANNED_MEASURE_MS);
            },
        };
        for (let run = 0; run < runs; run++) {
            for (const [i, way] of WAYS.entries()) {
                if (!ways.includes(way)) continue;
                const sample = await measure(brokers, java, topicOf(run, i), () => disturbances[way](run), restore);
                samples.get(way)!.push(sample);
                const at = (ms: number) => `${ms < 0 ? "-" : "+"}${(Math.abs(ms) / 1000).toFixed(1)} s`;
                console.error(`run ${run + 1}/${runs}, ${way} (${(sample.tookMs / 1000).toFixed(1)} s): gap ${sample.gapMs} ms, ` +
                    `error window ${sample.errorWindowMs} ms${sample.errorWindowMs > 0 ? ` from ${at(sample.errorWindowFromMs)}` : ""}, ` +
                    `${sample.failedSends} failed, ${sample.lost} lost of ${sample.acknowledged}; Java producer max latency ${sample.javaMaxLatencyMs} ms ` +
                    `(reported at ${at(sample.javaWorstReportAtMs)}), ${sample.javaFailed} failed` +
                    (sample.tunedMaxLatencyMs === undefined ? "" : `; with ${tunedProps.join(",")}: max latency ${sample.tunedMaxLatencyMs} ms, ${sample.tunedFailed} failed`) +
                    sample.errors.map((error) => `\n  failed: ${error.slice(0, 300)}`).join(""));
            }
        }
    } finally {
        await removeStack(bench);
        if (target === "kubernetes") await kubectl("delete", "namespace", CLIENT_NAMESPACE, "--ignore-not-found");
    }
    const column = (way: Way, pick: (s: Sample) => number) => median(samples.get(way)!.map(pick));
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`platform: 3 ZooKeeper, 3 brokers, 2 masters, 2 workers (${target}); two idempotent acks=all producers, 200 messages/s each; median of ${runs} (lost: the most in any run)`);
    console.log(`${"".padEnd(20)}${"took".padStart(8)} | Node producer: ack gap, error window, failed sends, lost | Java producer: max latency, failed` +
        (tunedProps.length ? ` | Java producer with ${tunedProps.join(",")}: max latency, failed` : ""));
    for (const way of ways) {
        const node = [seconds(column(way, (s) => s.gapMs)), seconds(column(way, (s) => s.errorWindowMs)), String(column(way, (s) => s.failedSends)),
            String(Math.max(...samples.get(way)!.map((s) => s.lost)))].join(", ");
        console.log(`${way.padEnd(20)}${(way === "unplanned: SIGKILL" ? "-" : seconds(column(way, (s) => s.tookMs))).padStart(8)} | ${node.padEnd(55)} | ` +
            `${seconds(column(way, (s) => s.javaMaxLatencyMs))}, ${column(way, (s) => s.javaFailed)}` +
            (tunedProps.length ? ` | ${seconds(column(way, (s) => s.tunedMaxLatencyMs!))}, ${column(way, (s) => s.tunedFailed!)}` : ""));
    }
    if (!ways.includes("planned, by up") || !ways.includes("baseline: by hand")) return;
    const ratio = (pick: (s: Sample) => number) => (column("planned, by up", pick) / column("baseline: by hand", pick)).toFixed(2);
    console.log(`planned by up / by hand: Node producer's ack gap ${ratio((s) => s.gapMs)}x, Java producer's max latency ${ratio((s) => s.javaMaxLatencyMs)}x`);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

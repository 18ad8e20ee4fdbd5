/**
 * Benchmark: the sample streaming job against its floor, on one default-shape Docker platform
 * running the README's job (windowed counts per key, 1-minute windows sliding every 30 s, Kafka
 * in and out, checkpointed).
 * - **First counts**: one event per key right after `up`, timed to its count (the job's query
 *   initializes on its first batch).
 * - **Sustained**: `--events` keyed events (1,000,000 by default) written as fast as the brokers
 *   take them (acks=all), `--runs` times (3 by default; the first right after the first counts,
 *   the job's JVMs cold), by Kafka's own producer (the console producer, in a container on the
 *   platform's network, 64 keys in turn; `--producer verifiable` for VerifiableProducer, which
 *   costs the shared cores 2.5 times its CPU) or with `--producer node` by the tests' client
 *   from the host. The run's events are then read back from the topic (key, send time): each (window,
 *   key) count of the output must equal the one computed from them (nothing lost, nothing
 *   counted twice), and the run is timed from its first send to the output record that
 *   completed the last of its counts.
 * - **The floor**, after each run on the same platform: Kafka's own consumer performance tool
 *   reading as many events of the same topic: its fetch rate, and its overall rate (its group
 *   join included).
 * - **Latency**: `--rate` events/s (5,000 by default) for `--latency-seconds` (60), each event
 *   timed from its send to the first output record whose count includes it.
 * Tuning flags, to compare settings in a run of their own: `--partitions N` (the input topic's),
 * `--arg name=value` (a job argument: trigger, shuffle-partitions, max-offsets-per-trigger),
 * `--conf key=value` (a Spark property of the job), `--cores N` (spark.cores.max of the job).
 * Usage: npm run bench:stream [-- --events 1000000 --runs 3]   (about 5 minutes)
 */
import { createStack, removeStack, stackEndpoints } from "../harness/e2e-stack";
import { runsFromArgs, wholeNumberFlag } from "../harness/bench-args";
import { consoleProducerBurst } from "../harness/console-producer";
import { consumerPerfTest, ConsumerPerfReport } from "../harness/consumer-perf-test";
import { addToWindowCounts } from "../harness/event-stream";
import { brokersOf, endOffsets, readTopicToEnd } from "../harness/kafka-client";
import { KeyedEventProducer } from "../harness/keyed-event-producer";
import { median } from "../harness/median";
import { verifiableProducerBurst } from "../harness/verifiable-producer";
import { kafkaToolsOf } from "../harness/kafka-tools";
import { eventually, everyMemberHealthy } from "../harness/platform-probe";
import { eventLatencies, percentile, WindowCountsWatch } from "../harness/window-counts-watch";

const PORTS = { zookeeperClient: 19181, kafkaExternal: 19192, sparkMasterUi: 19170, sparkWorkerUi: 19280 };
const WINDOW_MS = 60_000;
const SLIDE_MS = 30_000;
const KEYS = 64;
const CAUGHT_UP_TIMEOUT_MS = 10 * 60_000;
/** The bursts' writers (`--producer`), the default first. */
const WRITERS = {
    console: "Kafka's console producer on the platform's network",
    verifiable: "Kafka's VerifiableProducer on the platform's network",
    node: "the tests' Node client from the host",
} as const;
const isWriter = (kind: string): kind is keyof typeof WRITERS => Object.hasOwn(WRITERS, kind);

interface Run { events: number; endToEndMs: number; producedMs: number; floor: ConsumerPerfReport }

/** Every `--flag name=value` of the arguments, as a map. */
function pairs(args: string[], flag: string): Record<string, string> {
    const found: Record<string, string> = {};
    args.forEach((arg, i) => {
        if (arg !== flag) return;
        const [name, ...value] = (args[i + 1] ?? "").split("=");
        if (!name || value.length === 0) throw new Error(`${flag} takes name=value, got '${args[i + 1] ?? ""}'`);
        found[name] = value.join("=");
    });
    return found;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const events = wholeNumberFlag(args, "--events", 1_000_000);
    const runs = runsFromArgs(args, 3);
    const rate = wholeNumberFlag(args, "--rate", 5_000);
    const producerKind = (args.includes("--producer") ? args[args.indexOf("--producer") + 1] : "console") ?? "";
    if (!isWriter(producerKind)) {
        throw new Error(`--producer takes ${Object.entries(WRITERS).map(([kind, writer]) => `${kind} (${writer})`).join(", ")}; got '${producerKind}'`);
    }
    const latencySeconds = wholeNumberFlag(args, "--latency-seconds", 60);
    const partitions = wholeNumberFlag(args, "--partitions", 6);
    const cores = args.includes("--cores") ? wholeNumberFlag(args, "--cores", 2) : undefined;
    const tuned = pairs(args, "--arg");
    const fixed = ["input-topic", "output-topic", "window", "slide"].filter((name) => name in tuned);
    if (fixed.length > 0) throw new Error(`--arg ${fixed.join(", ")}: fixed by the benchmark (its expected counts follow the README's windows)`);
    const jobArgs: Record<string, string> = { "input-topic": "events", "output-topic": "event-counts", window: "1 minute", slide: "30 seconds", ...tuned };
    const conf = pairs(args, "--conf");
    const trigger = jobArgs.trigger ?? "5 seconds";
    const triggerMs = Number(/^(\d+) seconds?$/.exec(trigger)?.[1] ?? NaN) * 1000;
    if (!Number.isFinite(triggerMs)) throw new Error(`--arg trigger=${trigger}: give it in seconds ("5 seconds")`);

    const bench = await createStack(`bench-stream-${process.pid}`, {
        target: "docker",
        ports: PORTS,
        topics: [
            { name: "events", partitions, replicationFactor: 3 },
            { name: "event-counts", partitions: 3, replicationFactor: 3, config: { "cleanup.policy": "compact" } },
        ],
        jobs: [{ name: "windowed-counts", args: jobArgs, ...(cores === undefined ? {} : { cores }), ...(Object.keys(conf).length ? { conf } : {}) }],
    });
    const done: Run[] = [];
    let latencies: number[] = [];
    let firstResultMs = 0;
    let upMs = 0;
    try {
        const upStartedAt = Date.now();
        await bench.stack.up();
        const upReturnedAt = Date.now();
        upMs = upReturnedAt - upStartedAt;
        const endpoints = await stackEndpoints(bench);
        await everyMemberHealthy(endpoints);
        const brokers = brokersOf(endpoints);
        const tools = await kafkaToolsOf(bench, endpoints);
        const watch = new WindowCountsWatch(brokers, "event-counts");
        await watch.start();
        const producer = new KeyedEventProducer(brokers, "events", KEYS);
        /** What the output must say, every event so far counted in. */
        const expected = new Map<string, number>();
        const caughtUp = (what: string, keys: Set<string>) => eventually(what, async () => watch.caughtUpAt(expected, keys), CAUGHT_UP_TIMEOUT_MS, 250);
        try {
            // The job's driver runs when up returns, but its query initializes on its first batch
            // (~10 s of cold code generation and connections): one event per key, timed to its
            // count, separates that from the first run, which then measures cold JVMs only.
            const probe = new Set<string>();
            await producer.burst(KEYS, (timestampMs, perKey) => {
                for (const [key, count] of perKey) for (const windowKey of addToWindowCounts(expected, { key, timestampMs }, count, WINDOW_MS, SLIDE_MS)) probe.add(windowKey);
            }, KEYS, 1);
            firstResultMs = (await caughtUp("the job's first counts", probe)) - upReturnedAt;
            console.error(`first counts ${(firstResultMs / 1000).toFixed(1)} s after up returned`);
            let counted = KEYS;
            for (let run = 1; run <= runs; run++) {
                const from = await endOffsets(brokers, "events");
                if (producerKind === "console") await consoleProducerBurst(tools, "events", events, KEYS);
                else if (producerKind === "verifiable") await verifiableProducerBurst(tools, "events", events, KEYS);
                else await producer.burst(events);
                counted += events;
                // Done once the output counts every event so far, each in WINDOW_MS / SLIDE_MS windows...
                await eventually(`run ${run}: the output to count its ${events} events`,
                    async () => (watch.totalCount() >= counted * (WINDOW_MS / SLIDE_MS) ? true : undefined), CAUGHT_UP_TIMEOUT_MS, 250);
                // ...and exactly: the run's events as the topic holds them (key, send time) give
                // each (window, key) its count, and the time the output first reached it.
                const touched = new Set<string>();
                let read = 0;
                let firstSentAt = Infinity;
                let lastSentAt = 0;
                await readTopicToEnd(brokers, "events", (message) => {
                    read++;
                    const timestampMs = Number(message.timestamp);
                    firstSentAt = Math.min(firstSentAt, timestampMs);
                    lastSentAt = Math.max(lastSentAt, timestampMs);
                    for (const windowKey of addToWindowCounts(expected, { key: message.key, timestampMs }, 1, WINDOW_MS, SLIDE_MS)) touched.add(windowKey);
                }, 300_000, from);
                if (read !== events) throw new Error(`run ${run}: the input topic holds ${read} of the ${events} events sent`);
                const doneAt = watch.caughtUpAt(expected, touched);
                if (doneAt === undefined) throw new Error(`run ${run}: the output's counts are not the events' (${[...touched].filter((key) => watch.latestCount(key) !== expected.get(key)).length} (window, key) differ)`);
                const floor = await consumerPerfTest(tools, "events", events);
                done.push({ events, endToEndMs: doneAt - firstSentAt, producedMs: lastSentAt - firstSentAt, floor });
                console.error(`run ${run}/${runs}: ${events} events counted ${((doneAt - firstSentAt) / 1000).toFixed(1)} s after the first send (sent in ${((lastSentAt - firstSentAt) / 1000).toFixed(1)} s); ` +
                    `floor ${Math.round(floor.fetchMessagesPerSecond)} events/s (${Math.round(floor.messagesPerSecond)} with the group join)`);
            }

            const sinceLatencyPhase = new Map<string, { before: number; timestampsMs: number[] }>();
            await producer.paced(rate, latencySeconds * 1000, (sent) => {
                for (const event of sent) {
                    // An event's latest window (the first listed) is enough: the job updates all of an event's windows in the same micro-batch.
                    const [latest] = addToWindowCounts(expected, event, 1, WINDOW_MS, SLIDE_MS);
                    const entry = sinceLatencyPhase.get(latest!) ?? { before: expected.get(latest!)! - 1, timestampsMs: [] };
                    entry.timestampsMs.push(event.timestampMs);
                    sinceLatencyPhase.set(latest!, entry);
                }
            });
            await caughtUp("the output to count the paced events", new Set(sinceLatencyPhase.keys()));
            latencies = eventLatencies(sinceLatencyPhase, watch.history);

            // Exactly: every (window, key) the output holds is one the events fall in, with their count.
            const wrong = [...new Set([...expected.keys(), ...watch.history.keys()])]
                .filter((key) => watch.latestCount(key) !== expected.get(key));
            if (wrong.length > 0) throw new Error(`the output's counts differ from the events' in ${wrong.length} (window, key): ${wrong.slice(0, 3).map((key) => `${key} ${watch.latestCount(key) ?? "absent"} != ${expected.get(key) ?? "none"}`).join("; ")}`);
        } finally {
            await producer.close();
            await watch.stop();
        }
    } finally {
        await removeStack(bench);
    }

    const perSecond = (run: Run) => run.events / (run.endToEndMs / 1000);
    // The warm runs; a single run is all there is to read.
    const warm = done.length > 1 ? done.slice(1) : done;
    const sustained = median(warm.map(perSecond));
    const floor = median(done.map((run) => run.floor.fetchMessagesPerSecond));
    const floorOverall = median(done.map((run) => run.floor.messagesPerSecond));
    const sending = median(warm.map((run) => run.events / (run.producedMs / 1000)));
    const rounded = (n: number) => Math.round(n).toLocaleString("en-US");
    console.log(`stream: the README's job (windows of 1 minute sliding 30 s, trigger ${trigger}, ${cores ?? 2} cores), the input topic ${partitions} partitions, ${KEYS} keys; ` +
        `written by ${WRITERS[producerKind]}; default platform on Docker${Object.keys(conf).length ? `; conf ${JSON.stringify(conf)}` : ""}${Object.keys(tuned).length ? `; args ${JSON.stringify(tuned)}` : ""}`);
    console.log(`deploy: up ${(upMs / 1000).toFixed(1)} s, then the job's first counts (its query's first batch) ${(firstResultMs / 1000).toFixed(1)} s later`);
    console.log(`${"run".padEnd(24)}${"events".padStart(10)}${"end to end".padStart(12)}${"events/s".padStart(10)}${"sent in".padStart(10)}${"then".padStart(8)}${"floor events/s".padStart(16)}${"overall".padStart(10)}`);
    done.forEach((run, i) => console.log(`${(i === 0 ? "1 (first after deploy)" : String(i + 1)).padEnd(24)}${rounded(run.events).padStart(10)}${`${(run.endToEndMs / 1000).toFixed(1)} s`.padStart(12)}` +
        `${rounded(perSecond(run)).padStart(10)}${`${(run.producedMs / 1000).toFixed(1)} s`.padStart(10)}${`${((run.endToEndMs - run.producedMs) / 1000).toFixed(1)} s`.padStart(8)}${rounded(run.floor.fetchMessagesPerSecond).padStart(16)}${rounded(run.floor.messagesPerSecond).padStart(10)}`));
    console.log(`sustained (median of the warm runs): ${rounded(sustained)} events/s; the producer alone sent ${rounded(sending)} events/s`);
    console.log(`against the floor, Kafka's consumer tool (median): fetching ${rounded(floor)} events/s = ${(sustained / floor).toFixed(2)}x; ` +
        `its overall rate (joining its group included) ${rounded(floorOverall)} events/s = ${(sustained / floorOverall).toFixed(2)}x   goal >= 0.5x`);
    console.log(`first run after the deploy / warm median: ${(perSecond(done[0]!) / sustained).toFixed(2)}x   goal within 20% (>= 0.80x)`);
    console.log(`latency at ${rounded(rate)} events/s for ${latencySeconds} s (${rounded(latencies.length)} events): p50 ${(percentile(latencies, 50) / 1000).toFixed(1)} s, ` +
        `p99 ${(percentile(latencies, 99) / 1000).toFixed(1)} s, max ${(percentile(latencies, 100) / 1000).toFixed(1)} s   goal p99 <= 2 x trigger = ${(2 * triggerMs) / 1000} s`);
    console.log("counts: exact (every (window, key) of the output equals the events'; nothing lost, nothing counted twice)");
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

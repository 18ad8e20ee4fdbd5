/**
 * Benchmark: what each step of the ZooKeeper → KRaft migration (docs/kraft.md › Migrating from
 * ZooKeeper) costs writers, against an ordinary rolling change of the same brokers measured on
 * the same stack in the same run. The default platform shape (3 ZooKeeper servers, 3 brokers,
 * 2 Spark masters, 2 workers, Kafka 3.9.1, 3 controllers for the migration), a new stack per
 * run; on it, each under an idempotent acks=all producer (6 partitions, RF 3,
 * min.insync.replicas 2), one `up` each:
 * - **baseline**: a heap change of the brokers in ZooKeeper mode (every broker rolls, the
 *   controller last), then back;
 * - the migration's steps forwards to the brokers on KRaft, every step back to ZooKeeper mode
 *   (the brokers back in ZooKeeper mode; the controllers gone and ZooKeeper handed back; the
 *   brokers without the flag), forwards again and finalized.
 * For each: how long the `up` took and the producer's longest wait between acknowledgements
 * (nothing acknowledged may be lost: read back after each). Prints the medians and each step's
 * ratio to the baseline roll.
 * Usage: npm run bench:migration [-- --runs 2]   (about 9 minutes per run)
 */
import { createStack, E2eStack, removeStack, setConfig, stackEndpoints } from "../harness/e2e-stack";
import { runsFromArgs } from "../harness/bench-args";
import { Brokers, brokersOf } from "../harness/kafka-client";
import { median } from "../harness/median";
import { NumberedProducer } from "../harness/numbered-producer";
import { everyMemberHealthy } from "../harness/platform-probe";

const TOPIC = { name: "bench-migration", partitions: 6, replicationFactor: 3 };
const PORTS = { zookeeperClient: 23381, kafkaExternal: 23392, sparkMasterUi: 23480, sparkWorkerUi: 23580 };
const BASE = { target: "docker", ports: PORTS, topics: [TOPIC] };

/** Each measured `up`: its name and the kafka settings it moves to. The first is the baseline. */
const STEPS = [
    { name: "baseline: brokers' heap (ZooKeeper mode)", kafka: { heapMb: 576 } },
    { name: "-> migration-prepared (brokers roll)", kafka: { metadata: "migration-prepared" } },
    { name: "-> migration (controllers start, copy)", kafka: { metadata: "migration" } },
    { name: "-> kraft-brokers (brokers roll)", kafka: { metadata: "kraft-brokers" } },
    { name: "back -> migration (brokers roll)", kafka: { metadata: "migration" } },
    { name: "back -> migration-prepared (hand-back)", kafka: { metadata: "migration-prepared" } },
    { name: "back -> zookeeper (brokers roll)", kafka: { metadata: "zookeeper" } },
    { name: "again -> migration-prepared", kafka: { metadata: "migration-prepared" } },
    { name: "again -> migration", kafka: { metadata: "migration" } },
    { name: "again -> kraft-brokers", kafka: { metadata: "kraft-brokers" } },
    { name: "-> kraft-migrated (controllers roll)", kafka: { metadata: "kraft-migrated", finalizeMigration: true } },
] as const;

interface Sample {
    upMs: number;
    longestWaitMs: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One `up` to `kafka` under the producer; its time and the producer's longest wait, nothing acknowledged lost. */
async function measuredUp(bench: E2eStack, brokers: Brokers, kafka: Record<string, unknown>): Promise<Sample> {
    const producer = new NumberedProducer(brokers, TOPIC.name);
    producer.start();
    let upMs = 0;
    try {
        await sleep(2000);
        await setConfig(bench.stack, { ...BASE, kafka });
        const started = Date.now();
        await bench.stack.up();
        upMs = Date.now() - started;
        await sleep(2000);
    } finally {
        await producer.stop();
    }
    const audit = await producer.audit();
    if (audit.lost.length > 0) throw new Error(`${audit.lost.length} acknowledged messages lost`);
    return { upMs, longestWaitMs: producer.longestAckGapMs };
}

async function measure(run: number): Promise<Sample[]> {
    const bench = await createStack(`bench-migration-${process.pid}-${run}`, { ...BASE, kafka: {} });
    try {
        await bench.stack.up();
        const endpoints = await stackEndpoints(bench);
        await everyMemberHealthy(endpoints);
        const brokers = brokersOf(endpoints);
        const samples: Sample[] = [];
        for (const [i, step] of STEPS.entries()) {
            samples.push(await measuredUp(bench, brokers, step.kafka));
            // The baseline goes back to the default heap before the migration (not measured).
            if (i === 0) await setConfig(bench.stack, { ...BASE, kafka: {} }).then(() => bench.stack.up());
            console.error(`run ${run + 1}: ${step.name}: up ${seconds(samples[i]!.upMs)} s, longest wait ${seconds(samples[i]!.longestWaitMs)} s`);
        }
        return samples;
    } finally {
        await removeStack(bench);
    }
}

async function main(): Promise<void> {
    const runs = runsFromArgs(process.argv.slice(2), 2);
    const byStep = STEPS.map(() => ({ up: [] as number[], wait: [] as number[] }));
    for (let run = 0; run < runs; run++) {
        for (const [i, sample] of (await measure(run)).entries()) {
            byStep[i]!.up.push(sample.upMs);
            byStep[i]!.wait.push(sample.longestWaitMs);
        }
    }
    const [baseline] = byStep.map((step) => ({ up: median(step.up), wait: median(step.wait) }));
    console.log(`platform: 3 ZooKeeper servers, 3 brokers, 2 masters, 2 workers, Kafka 3.9.1 (docker); medians of ${runs}, seconds; ratios to the baseline roll`);
    console.log(`${"".padEnd(44)}${"up".padStart(22)}${"longest wait".padStart(22)}${"up ratio".padStart(10)}${"wait ratio".padStart(12)}`);
    for (const [i, step] of STEPS.entries()) {
        const up = median(byStep[i]!.up);
        const wait = median(byStep[i]!.wait);
        const cell = (values: number[], middle: number) => `${seconds(middle)} (${values.map(seconds).join(", ")})`.padStart(22);
        console.log(`${step.name.padEnd(44)}${cell(byStep[i]!.up, up)}${cell(byStep[i]!.wait, wait)}${`${(up / baseline!.up).toFixed(2)}x`.padStart(10)}${`${(wait / baseline!.wait).toFixed(2)}x`.padStart(12)}`);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

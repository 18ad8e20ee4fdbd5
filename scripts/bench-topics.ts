/**
 * Benchmark: N topics (default 200) created by `pulumi up` vs by a kafka-topics.sh loop inside
 * a broker container (Kafka's own tool, one JVM per topic, as scripts usually do it), on the
 * same cluster in the same run; plus preview time at N/10 and N topics (should grow linearly).
 * Usage: npm run bench:topics [-- 200]
 */
import { createStack, removeStack, setConfig } from "../test/support/e2e-stack";
import { dockerExec } from "../test/support/platform-probe";

const PORTS = { zookeeperClient: 62181, kafkaExternal: 63092, sparkMasterUi: 64080, sparkWorkerUi: 64180 };
const SMALL_SPARK = { masters: 1, workers: 1, workerCores: 1, workerMemory: "1g", coresMax: 1, defaultCores: 1, executorMemory: "512m" };

async function seconds(work: () => Promise<unknown>): Promise<number> {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e9;
}

const topics = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, partitions: 3, replicationFactor: 2, config: { "retention.ms": "3600000" } }));

async function main(): Promise<void> {
    const count = Number(process.argv[2] ?? 200);
    const bench = await createStack(`bench-topics-${process.pid}`, { target: "docker", ports: PORTS, spark: SMALL_SPARK, topics: [] });
    try {
        await bench.stack.up();
        await setConfig(bench.stack, { topics: topics("pulumi", Math.max(1, count / 10)) });
        const previewSmall = await seconds(() => bench.stack.preview());
        await setConfig(bench.stack, { topics: topics("pulumi", count) });
        const previewLarge = await seconds(() => bench.stack.preview());
        const pulumiUp = await seconds(() => bench.stack.up());

        const broker = `${bench.prefix}-kafka-0`;
        const loop = topics("loop", count).map((t) =>
            `kafka-topics.sh --bootstrap-server kafka-0:9092 --create --topic ${t.name} --partitions 3 --replication-factor 2 --config retention.ms=3600000 >/dev/null`).join(" && ");
        const shellLoop = await seconds(() => dockerExec(broker, ["bash", "-c", loop], 3_600_000));

        console.log(`topics: ${count} (3 partitions, RF 2, one config each), 3 brokers`);
        console.log(`preview, ${count / 10} topics:`.padEnd(36) + `${previewSmall.toFixed(1)} s`);
        console.log(`preview, ${count} topics:`.padEnd(36) + `${previewLarge.toFixed(1)} s  (${(previewLarge / previewSmall).toFixed(2)}x for 10x topics)`);
        console.log(`pulumi up, ${count} topics:`.padEnd(36) + `${pulumiUp.toFixed(1)} s`);
        console.log(`kafka-topics.sh loop, ${count} topics:`.padEnd(36) + `${shellLoop.toFixed(1)} s`);
        console.log(`ratio pulumi up / kafka-topics.sh loop: ${(pulumiUp / shellLoop).toFixed(2)}x`);
    } finally {
        await removeStack(bench);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

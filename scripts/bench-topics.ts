/**
 * Benchmark: N topics (default 200) created by `pulumi up` vs by a kafka-topics.sh loop inside
 * a broker container (Kafka's own tool, one JVM per topic, as scripts usually do it), on the
 * same cluster in the same run; plus preview time at N/10 and N topics (should grow linearly).
 * With `--before <git ref>`, the same previews run first against that commit of this program
 * (checked out into a temporary worktree, sharing node_modules), so a change to the topic
 * resource is measured against its predecessor in one run.
 * Usage: npm run bench:topics [-- 200] [--before ad8ea46]
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { createStack, PROJECT_DIR, removeStack, setConfig } from "../harness/e2e-stack";
import { dockerExec } from "../harness/platform-probe";

const run = promisify(execFile);
// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 18181, kafkaExternal: 18092, sparkMasterUi: 18080, sparkWorkerUi: 18280 };
const BEFORE_PORTS = { zookeeperClient: 19181, kafkaExternal: 19192, sparkMasterUi: 19080, sparkWorkerUi: 19280 };
const SMALL_SPARK = { masters: 1, workers: 1, workerCores: 1, workerMemory: "1g", coresMax: 1, defaultCores: 1, executorMemory: "512m" };

async function seconds(work: () => Promise<unknown>): Promise<number> {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e9;
}

const topics = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, partitions: 3, replicationFactor: 2, config: { "retention.ms": "3600000" } }));

/** Preview with N/10 and N topics declared, on a stack whose platform is up (topics not created). */
async function previews(stack: Stack, count: number): Promise<[number, number]> {
    await setConfig(stack, { topics: topics("pulumi", Math.max(1, count / 10)) });
    const small = await seconds(() => stack.preview());
    await setConfig(stack, { topics: topics("pulumi", count) });
    const large = await seconds(() => stack.preview());
    return [small, large];
}

/** The same previews on `ref` of this program, in a temporary worktree. */
async function previewsBefore(ref: string, count: number): Promise<[number, number]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-before-"));
    await run("git", ["-C", PROJECT_DIR, "worktree", "add", "--detach", dir, ref]);
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: `bench-before-${process.pid}`, workDir: dir }, {
        envVars: { PULUMI_CONFIG_PASSPHRASE: "" },
    });
    try {
        await setConfig(stack, { target: "docker", ports: BEFORE_PORTS, spark: SMALL_SPARK, topics: [] });
        await stack.up();
        return await previews(stack, count);
    } finally {
        await setConfig(stack, { topics: [] });
        await stack.destroy();
        await stack.workspace.removeStack(stack.name);
        await run("git", ["-C", PROJECT_DIR, "worktree", "remove", "--force", dir]);
    }
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const beforeFlag = args.indexOf("--before");
    const before = beforeFlag >= 0 ? args.splice(beforeFlag, 2)[1] : undefined;
    const count = Number(args[0] ?? 200);
    const baseline = before ? await previewsBefore(before, count) : undefined;

    const bench = await createStack(`bench-topics-${process.pid}`, { target: "docker", ports: PORTS, spark: SMALL_SPARK, topics: [] });
    try {
        await bench.stack.up();
        const [previewSmall, previewLarge] = await previews(bench.stack, count);
        const pulumiUp = await seconds(() => bench.stack.up());

        const broker = `${bench.prefix}-kafka-0`;
        const loop = topics("loop", count).map((t) =>
            `kafka-topics.sh --bootstrap-server kafka-0:9092 --create --topic ${t.name} --partitions 3 --replication-factor 2 --config retention.ms=3600000 >/dev/null`).join(" && ");
        const shellLoop = await seconds(() => dockerExec(broker, ["bash", "-c", loop], 3_600_000));

        const versus = (now: number, then?: number) => (then === undefined ? "" : `  (before ${before}: ${then.toFixed(1)} s, ${(now / then).toFixed(2)}x)`);
        console.log(`topics: ${count} (3 partitions, RF 2, one config each), 3 brokers`);
        console.log(`preview, ${count / 10} topics:`.padEnd(36) + `${previewSmall.toFixed(1)} s${versus(previewSmall, baseline?.[0])}`);
        console.log(`preview, ${count} topics:`.padEnd(36) + `${previewLarge.toFixed(1)} s${versus(previewLarge, baseline?.[1])}  ` +
            `(${(previewLarge / previewSmall).toFixed(2)}x for 10x topics)`);
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

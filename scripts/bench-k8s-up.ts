/**
 * Benchmark: cold `pulumi up` of the same platform on Kubernetes (the local single-node
 * cluster, already started, the images imported) and on Docker, side by side in one run, with
 * the timeline of where each spends its time. The shape is the default one (3 ZooKeeper,
 * 3 brokers, 2 masters, 2 workers) with Kafka's external listener as Kubernetes has it by
 * default (TLS with SCRAM logins) on both targets, no topics or jobs. Each run brings one
 * platform up and destroys it; the targets alternate (Docker, Kubernetes, Docker, ...) so a
 * machine that warms up or slows down weighs on both alike. An up ends when `pulumi up`
 * returns: every readiness gate and the StatefulSets' awaits passed.
 * Usage: npm run bench:k8s-up [-- --runs 3]   (about 15 minutes with 3 runs; starts the local
 *        cluster if it is not running, and then stops it again: a cluster left running holds
 *        the node address and ports another checkout's cluster needs)
 */
import { createStack, removeStack } from "../harness/e2e-stack";
import { median } from "../harness/median";
import { runsFromArgs } from "../harness/bench-args";
import { benchPlatformConfig, onTargets } from "../harness/bench-target";
import { UpStep, upStepRecorder } from "../harness/up-steps";

const KAFKA = { security: "tls", authentication: "scram-sha-512" };
const TARGETS = {
    docker: { ...benchPlatformConfig("docker", { zookeeperClient: 18781, kafkaExternal: 18792, sparkMasterUi: 18770, sparkWorkerUi: 18880 }), kafka: KAFKA, topics: [] },
    // NodePorts apart from the k8s e2e's (32xxx) and the k8s stack file's (30xxx).
    kubernetes: { ...benchPlatformConfig("kubernetes", { kafkaExternal: 31592, sparkMasterUi: 31580, sparkWorkerUi: 31680 }, "bench-k8s-up"), kafka: KAFKA, topics: [] },
};
type Target = keyof typeof TARGETS;

async function coldUp(target: Target, run: number): Promise<{ seconds: number; steps: UpStep[] }> {
    const stack = await createStack(`bench-${target}-up-${run}-${process.pid}`, TARGETS[target]);
    const started = performance.now();
    const recorder = upStepRecorder(started);
    try {
        await stack.stack.up({ onEvent: recorder.onEvent });
        return { seconds: (performance.now() - started) / 1000, steps: recorder.steps };
    } finally {
        await removeStack(stack);
    }
}

/** The steps that took longest, in the order they started: where an up's time goes. */
function timeline(steps: UpStep[], count = 14): string[] {
    const longest = [...steps].sort((a, b) => (b.end - b.start) - (a.end - a.start)).slice(0, count);
    return longest.sort((a, b) => a.start - b.start).map((step) =>
        `  ${step.start.toFixed(1).padStart(6)} s → ${step.end.toFixed(1).padStart(6)} s  ${(step.end - step.start).toFixed(1).padStart(6)} s  ${step.name} (${step.type})`);
}

async function main(): Promise<void> {
    const runs = runsFromArgs(process.argv.slice(2), 3);
    await onTargets(["docker", "kubernetes"], () => measureAndReport(runs));
}

async function measureAndReport(runs: number): Promise<void> {
    const results: Record<Target, { seconds: number; steps: UpStep[] }[]> = { docker: [], kubernetes: [] };
    for (let run = 0; run < runs; run++) {
        for (const target of ["docker", "kubernetes"] as Target[]) {
            const result = await coldUp(target, run);
            results[target].push(result);
            console.error(`run ${run + 1}/${runs}, ${target}: cold up ${result.seconds.toFixed(1)} s`);
        }
    }
    const docker = median(results.docker.map((r) => r.seconds));
    const kubernetes = median(results.kubernetes.map((r) => r.seconds));
    console.log(`platform: 3 ZooKeeper, 3 brokers, 2 masters, 2 workers; Kafka TLS + SCRAM on both; cold pulumi up, median of ${runs}`);
    console.log(`docker       ${docker.toFixed(1).padStart(7)} s   (${results.docker.map((r) => r.seconds.toFixed(1)).join(", ")})`);
    console.log(`kubernetes   ${kubernetes.toFixed(1).padStart(7)} s   (${results.kubernetes.map((r) => r.seconds.toFixed(1)).join(", ")})`);
    console.log(`ratio kubernetes / docker: ${(kubernetes / docker).toFixed(2)}x (goal: at most 1.5x)`);
    for (const target of ["docker", "kubernetes"] as Target[]) {
        console.log(`\n${target}, the last run's longest steps (start → end, duration):`);
        for (const line of timeline(results[target][runs - 1]!.steps)) console.log(line);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

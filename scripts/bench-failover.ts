/**
 * Benchmark: Spark master failover, from the ALIVE master's SIGKILL to the standby ALIVE with
 * both workers re-registered, on one default-shape platform with streamstack's ZooKeeper
 * settings (tickTimeMs 1000, maxSessionTimeoutMs 4000) against ZooKeeper's defaults (a 2000 ms
 * tick, sessions capped at 20 ticks = 40000 ms; Spark's masters ask for a 60 s session, so the
 * cap decides) in the same run. Each setting is measured `--runs` times (the median printed)
 * after the platform is healthy again; the settings alternate (ours, the default, ours, ...) so a
 * machine that warms up or slows down over the run weighs on both alike.
 * The platform runs on Docker, or with `--target kubernetes` on the local cluster (started and
 * its images imported if need be), where the ALIVE master's JVM is SIGKILLed on the node and the
 * kubelet restarts it, as after a real crash (a pod deletion would let it close its ZooKeeper
 * session first).
 * Usage: npm run bench:failover [-- --runs 3 --target kubernetes]   (about 12 minutes with 3 runs)
 */
import { createStack, E2eStack, removeStack, setConfig, stackEndpoints } from "../harness/e2e-stack";
import { masterFailoverSeconds } from "../harness/master-failover";
import { median } from "../harness/median";
import { runsFromArgs } from "../harness/bench-args";
import { BenchTarget, benchPlatformConfig, onTargets, targetFromArgs } from "../harness/bench-target";
import { dockerCrash, kubernetesCrash, MemberCrash } from "../harness/member-crash";
import { everyMemberHealthy } from "../harness/platform-probe";
import { PlatformEndpoints } from "../operations/status-report";

const PORTS: Record<BenchTarget, { zookeeperClient?: number; kafkaExternal: number; sparkMasterUi: number; sparkWorkerUi: number }> = {
    docker: { zookeeperClient: 18581, kafkaExternal: 18592, sparkMasterUi: 18570, sparkWorkerUi: 18680 },
    // NodePorts apart from the k8s e2e's (32xxx), the k8s stack file's (30xxx) and bench:k8s-up's (315xx, 316xx).
    kubernetes: { kafkaExternal: 31192, sparkMasterUi: 31180, sparkWorkerUi: 31280 },
};
const NAMESPACE = "bench-failover";
const SETTINGS = [
    { name: "streamstack (tick 1000 ms, cap 4000 ms)", zookeeper: {} },
    // initLimit and syncLimit as ZooKeeper's sample config has them, in ticks of 2000 ms.
    { name: "ZooKeeper's defaults (tick 2000 ms, cap 40000 ms)", zookeeper: { tickTimeMs: 2000, initLimit: 10, syncLimit: 5, maxSessionTimeoutMs: 40_000 } },
];

async function healthy(bench: E2eStack): Promise<PlatformEndpoints> {
    const endpoints = await stackEndpoints(bench);
    await everyMemberHealthy(endpoints);
    return endpoints;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const target = targetFromArgs(args);
    await onTargets([target], () => measureAndReport(target, runsFromArgs(args, 3)));
}

async function measureAndReport(target: BenchTarget, runs: number): Promise<void> {
    const bench = await createStack(`bench-failover-${process.pid}`, { ...benchPlatformConfig(target, PORTS[target], NAMESPACE), topics: [] });
    const crash: MemberCrash = target === "docker" ? dockerCrash(bench.prefix) : kubernetesCrash(NAMESPACE);
    const samples: number[][] = SETTINGS.map(() => []);
    try {
        for (let run = 0; run < runs; run++) {
            for (const [i, setting] of SETTINGS.entries()) {
                await setConfig(bench.stack, { zookeeper: setting.zookeeper });
                await bench.stack.up();
                const endpoints = await healthy(bench);
                const seconds = await masterFailoverSeconds(crash, endpoints.sparkMasterUiUrls, 2);
                samples[i]!.push(seconds);
                console.error(`run ${run + 1}/${runs}, ${setting.name}: ${seconds.toFixed(1)} s`);
                await healthy(bench);
            }
        }
    } finally {
        await removeStack(bench);
    }
    const [ours, baseline] = samples.map(median) as [number, number];
    console.log(`platform: 3 ZooKeeper, 3 brokers, 2 masters, 2 workers (${target}); SIGKILL of the ALIVE master to the standby ALIVE with both workers, median of ${runs}`);
    for (const [i, setting] of SETTINGS.entries()) {
        console.log(`${setting.name.padEnd(52)}${median(samples[i]!).toFixed(1).padStart(7)} s   (${samples[i]!.map((s) => s.toFixed(1)).join(", ")})`);
    }
    console.log(`ratio streamstack / ZooKeeper's defaults: ${(ours / baseline).toFixed(2)}x`);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";
import { isStorageQuantity } from "../config/memory";

/**
 * The ensemble's size rule, on the number alone: the stack config's check and the policy pack
 * (which counts the servers in a preview) both ask it. Undefined when `servers` is fine.
 */
export function ensembleSizeProblem(servers: number): string | undefined {
    if (servers >= 1 && servers % 2 === 1) return undefined;
    const fix = servers < 1 ? "use 1 for development or 3/5 for HA" : `use ${servers - 1 > 0 ? `${servers - 1} or ` : ""}${servers + 1}`;
    return `a ZooKeeper ensemble needs an odd number of servers (>= 1) to keep a majority (an even one tolerates no more failures than the odd one below it); ${fix}`;
}

/** What a ZooKeeper ensemble needs of its settings. */
export function checkZooKeeper({ zookeeper }: PlatformSettings, report: Report): void {
    const sizeProblem = ensembleSizeProblem(zookeeper.replicas);
    if (sizeProblem) report("zookeeper.replicas", zookeeper.replicas, sizeProblem);
    if (zookeeper.tickTimeMs < 100) {
        report("zookeeper.tickTimeMs", zookeeper.tickTimeMs, "must be at least 100 ms; ZooKeeper's default is 2000");
    }
    if (!isStorageQuantity(zookeeper.storageSize)) {
        report("zookeeper.storageSize", zookeeper.storageSize, 'must be a Kubernetes quantity such as "1Gi"');
    }
    if (zookeeper.heapMb < 64) report("zookeeper.heapMb", zookeeper.heapMb, "ZooKeeper needs at least 64 MiB of heap");
    if (zookeeper.maxSessionTimeoutMs < 2 * zookeeper.tickTimeMs) {
        report("zookeeper.maxSessionTimeoutMs", zookeeper.maxSessionTimeoutMs,
            `must be at least 2 x tickTimeMs (${2 * zookeeper.tickTimeMs}), ZooKeeper's minimum session; raise it or lower tickTimeMs`);
    }
    if (!["required", "migrating-1", "migrating-2"].includes(zookeeper.authentication)) {
        report("zookeeper.authentication", zookeeper.authentication,
            'must be "required" (the default), or "migrating-1" then "migrating-2" for a platform whose members do not log in yet (docs/security.md)');
    }
    if (zookeeper.syncLimit < 1 || zookeeper.initLimit < zookeeper.syncLimit) {
        report("zookeeper.initLimit", zookeeper.initLimit, `initLimit must be >= syncLimit (${zookeeper.syncLimit}) and both >= 1`);
    }
}

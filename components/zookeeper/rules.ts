import { PlatformSettings, ZooKeeperAuthentication } from "../config/defaults";
import { ConfigProblem, configProblem, Report } from "../config/problem";
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

/** zookeeper.authentication's steps in order; undefined: servers made before ZooKeeper's authentication. */
const AUTHENTICATION_STEPS: readonly (ZooKeeperAuthentication | undefined)[] = [undefined, "migrating-1", "migrating-2", "required"];

function describeStep(step: ZooKeeperAuthentication | undefined): string {
    return step === undefined ? "without logins (made before ZooKeeper's authentication)" : `at step "${step}"`;
}

/**
 * A change of zookeeper.authentication moves one step at a time, either way: a server that
 * requires more than its peers give, or gives less than they require, cannot join them, and
 * the `up` would stall at the first one (docs/security.md). `live` has the step of each running
 * server (undefined: made before ZooKeeper's authentication), empty when none runs. Servers
 * differ only after an interrupted `up`; then the step most of them run (the quorum's) decides.
 */
export function authenticationStepProblem(live: readonly (string | undefined)[], wanted: ZooKeeperAuthentication): string | undefined {
    if (live.length === 0) return undefined;
    const counts = AUTHENTICATION_STEPS.map((step) => live.filter((s) => s === step).length);
    const from = counts.indexOf(Math.max(...counts));
    const to = AUTHENTICATION_STEPS.indexOf(wanted);
    if (to < 0 || Math.abs(to - from) <= 1) return undefined;
    const next = AUTHENTICATION_STEPS[from + Math.sign(to - from)]!;
    return `the running ZooKeeper servers are ${describeStep(AUTHENTICATION_STEPS[from])}; a server that requires more logins than its peers give ` +
        `cannot join them, so the step changes one at a time: set "${next}" for this up ` +
        "(docs/security.md › Migrating a platform made before ZooKeeper logins)";
}

/** The same, as the preflights report it: `live` is what each running server's label or annotation says. */
export function authenticationStepProblems(live: readonly (string | undefined)[], { zookeeper }: PlatformSettings): ConfigProblem[] {
    const problem = authenticationStepProblem(live, zookeeper.authentication);
    return problem === undefined ? [] : [configProblem("zookeeper.authentication", zookeeper.authentication, problem)];
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

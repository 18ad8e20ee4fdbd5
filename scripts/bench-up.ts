/**
 * Benchmark: `pulumi up` of the default platform vs `docker compose up --wait` of the same
 * model (same images, rendered files, health checks and limits), in one run on one machine.
 * Prints cold up, no-op up and running memory, with ratios against the Compose baseline.
 * Usage: npm run bench:up [-- --runs N]   (needs the set-up of command A and the compose plugin:
 *        bash scripts/setup/compose.sh)
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { PlatformSettings } from "../components/config";
import { resolveSettings } from "../components/platform/settings";
import { collectStatus, PlatformEndpoints } from "../operations/status-report";
import { flatAddressing, range } from "../components/model/addressing";
import { BaselineBrokerTls, baselineSecretFiles, platformModel } from "../components/platform/model";
import { BROKER_CERTIFICATE_VALIDITY_DAYS, brokerKeyStore, brokerSubjectNames, CA_VALIDITY_DAYS } from "../components/kafka/broker-certificates";
import { makeCertificateAuthority, signCertificate } from "../plugins/streamstack/security/x509";
import { renderComposeFile } from "../targets/compose";
import { createStack, removeStack } from "../harness/e2e-stack";
import { labelled } from "../harness/platform-probe";
import { median } from "../harness/median";
import { runsFromArgs } from "../harness/bench-args";
import { UpStep, upStepRecorder } from "../harness/up-steps";

const run = promisify(execFile);
// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 17181, kafkaExternal: 17092, sparkMasterUi: 17080, sparkWorkerUi: 17280 };

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
    const started = process.hrtime.bigint();
    const result = await work();
    return [Number(process.hrtime.bigint() - started) / 1e9, result];
}

/** Sum of the resident memory Docker reports for the containers carrying the label. */
async function memoryMiB(label: string): Promise<number> {
    const names = await labelled("container", label);
    const { stdout } = await run("docker", ["stats", "--no-stream", "--format", "{{.MemUsage}}", ...names]);
    const units: Record<string, number> = { B: 1 / 1048576, KiB: 1 / 1024, MiB: 1, GiB: 1024 };
    return stdout.trim().split("\n").reduce((sum, line) => {
        const match = /^([0-9.]+)(B|KiB|MiB|GiB)/.exec(line.trim());
        return sum + (match ? Number(match[1]) * units[match[2]] : 0);
    }, 0);
}

/** Where `npm run status` reads the platform, for either run (same ports). */
function endpoints(settings: PlatformSettings): PlatformEndpoints {
    const list = (base: number, count: number, url: boolean) => Array.from({ length: count }, (_, i) => `${url ? "http://" : ""}127.0.0.1:${base + i}`);
    return {
        zookeeperHostConnect: list(settings.ports.zookeeperClient, settings.zookeeper.replicas, false).join(","),
        kafkaBootstrapServers: list(settings.ports.kafkaExternal, settings.kafka.brokers, false).join(","),
        sparkMasterUiUrls: list(settings.ports.sparkMasterUi, settings.spark.masters, true),
        sparkWorkerUiUrls: list(settings.ports.sparkWorkerUi, settings.spark.workers, true),
    };
}

/**
 * Seconds from `startedAt` until `npm run status` finds every member ready in the platform's
 * terms (ZooKeeper serving, brokers registered, a master ALIVE, workers registered): the same
 * finish line for both runs, where `compose up --wait` only waits for the health checks.
 */
async function readyAfter(startedAt: bigint, settings: PlatformSettings): Promise<number> {
    for (;;) {
        const rows = await collectStatus(endpoints(settings)).catch(() => []);
        if (rows.length > 0 && rows.every((row) => row.healthy)) return Number(process.hrtime.bigint() - startedAt) / 1e9;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

/**
 * When each resource of a cold up finished, from the engine's events: where the critical path
 * runs (the containers of a group, then its readiness gate, then what depends on it).
 */
function printCriticalPath(steps: UpStep[]): void {
    const rows = steps.filter((step) => !step.type.startsWith("pulumi:") && /-ready$|^(zookeeper|kafka|spark-master|spark-worker)-\d+$|^network$/.test(step.name))
        .sort((a, b) => a.end - b.end);
    console.log("pulumi cold up, resource finished at (started at):");
    for (const step of rows) console.log(`  ${step.end.toFixed(1).padStart(6)} s  ${step.name} (${step.start.toFixed(1)} s)`);
}

interface Measurement { cold: number; ready: number; noop: number; memory: number }

/** One cold up, platform-ready wait, no-op up and memory reading of this program on a throwaway stack. */
async function measurePulumi(settings: PlatformSettings, printTimeline: boolean): Promise<Measurement> {
    const bench = await createStack(`bench-${process.pid}`, { target: "docker", ports: PORTS, topics: [] });
    try {
        const started = process.hrtime.bigint();
        const events = upStepRecorder();
        const [cold] = await timed(() => bench.stack.up({ onEvent: events.onEvent }));
        const ready = await readyAfter(started, settings);
        if (printTimeline) printCriticalPath(events.steps);
        const [noop] = await timed(() => bench.stack.up());
        await new Promise((resolve) => setTimeout(resolve, 20_000));
        return { cold, ready, noop, memory: await memoryMiB(bench.prefix) };
    } finally {
        await removeStack(bench);
    }
}

/** The brokers' certificates, made as the provider makes them, by the provider's own code. */
async function baselineBrokerTls(settings: PlatformSettings): Promise<BaselineBrokerTls> {
    const ca = await makeCertificateAuthority("streamstack-bench CA", CA_VALIDITY_DAYS);
    const keyStores = await Promise.all(range(settings.kafka.brokers).map(async (ordinal) => {
        const leaf = await signCertificate(ca, { ...brokerSubjectNames(ordinal, flatAddressing, settings.ports.bindAddress), validityDays: BROKER_CERTIFICATE_VALIDITY_DAYS });
        return brokerKeyStore(leaf.privateKeyPem, leaf.certificatePem, ca.certificatePem);
    }));
    return { keyStore: (ordinal) => keyStores[ordinal]!, trust: ca.certificatePem };
}

/** The same measurements of the same model rendered as a Compose file (labels match for cleanup checks). */
async function measureCompose(settings: PlatformSettings): Promise<Measurement> {
    const project = `streamstack-bench-compose-${process.pid}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-bench-"));
    const file = path.join(dir, "compose.yaml");
    fs.writeFileSync(file, renderComposeFile(platformModel(settings, flatAddressing), project, settings.ports.bindAddress,
        baselineSecretFiles(() => randomBytes(32).toString("base64url"), settings, await baselineBrokerTls(settings))));
    const compose = (...args: string[]) => run("docker", ["compose", "-f", file, "-p", project, ...args], { maxBuffer: 64 << 20 });
    try {
        const started = process.hrtime.bigint();
        const [cold] = await timed(() => compose("up", "-d", "--wait", "--quiet-pull"));
        const ready = await readyAfter(started, settings);
        const [noop] = await timed(() => compose("up", "-d", "--wait", "--quiet-pull"));
        await new Promise((resolve) => setTimeout(resolve, 20_000));
        return { cold, ready, noop, memory: await memoryMiB(project) };
    } finally {
        await compose("down", "-v", "--timeout", "20");
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    // N alternating pulumi/compose pairs (default 1); one cold up varies by a health probe's interval.
    const runs = runsFromArgs(process.argv.slice(2), 1);
    const settings = resolveSettings({ ports: PORTS, topics: [] });
    const pairs: Array<{ pulumi: Measurement; compose: Measurement }> = [];
    for (let i = 0; i < runs; i++) {
        const pulumi = await measurePulumi(settings, i === 0);
        const compose = await measureCompose(settings);
        pairs.push({ pulumi, compose });
        if (runs > 1) {
            console.log(`run ${i + 1}/${runs}: cold up ${pulumi.cold.toFixed(1)} s vs ${compose.cold.toFixed(1)} s = ${(pulumi.cold / compose.cold).toFixed(2)}x, `
                + `to platform ready ${pulumi.ready.toFixed(1)} s vs ${compose.ready.toFixed(1)} s = ${(pulumi.ready / compose.ready).toFixed(2)}x`);
        }
    }

    const ratio = (key: keyof Measurement) => median(pairs.map((pair) => pair.pulumi[key] / pair.compose[key]));
    const row = (what: string, key: keyof Measurement, unit: string) =>
        console.log(`${what.padEnd(34)} ${median(pairs.map((p) => p.pulumi[key])).toFixed(1).padStart(8)} ${unit}  `
            + `${median(pairs.map((p) => p.compose[key])).toFixed(1).padStart(8)} ${unit}  ${ratio(key).toFixed(2)}x`);
    console.log(`platform: ${settings.zookeeper.replicas} ZooKeeper, ${settings.kafka.brokers} brokers, ${settings.spark.masters} masters, ${settings.spark.workers} workers`);
    console.log(`${runs > 1 ? `median of ${runs} runs (ratio: median of the per-run ratios)` : ""}`.padEnd(34) + ` ${"pulumi".padStart(10)}  ${"compose".padStart(10)}  ratio`);
    row("cold up to all healthy", "cold", "s");
    row("cold up to platform ready (status)", "ready", "s");
    row("no-op up", "noop", "s");
    row("memory of running stack (sum)", "memory", "MiB");
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

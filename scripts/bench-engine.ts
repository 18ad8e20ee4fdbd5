/**
 * Benchmark: what the engine costs on the default local stack once it is up. Times preview,
 * no-op `up` and `up --skip-preview` of this program against the same operations on an empty
 * TypeScript program and an empty JavaScript one (same CLI, language host, backend and machine),
 * in one run, and splits
 * this program's time by engine event: start until the first resource step (CLI, language
 * host, program start, provider plugins), the resource steps (per-resource check/diff), and
 * the tail after the last step (outputs, state write).
 * The three programs take turns, one operation each per round, so that they meet the same
 * machine (this one's load drifts by tens of percent within minutes); a ratio is the median
 * of the rounds' ratios.
 * Usage: npm run bench:engine [-- <runs per measurement, default 3>]
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { createStack, PROJECT_DIR, removeStack } from "../harness/e2e-stack";
import { median } from "../harness/median";

const run = promisify(execFile);
// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 16181, kafkaExternal: 16092, sparkMasterUi: 16080, sparkWorkerUi: 16280 };

interface Timing { total: number; start: number; steps: number; tail: number; resources: number }

/** Runs one engine operation, noting when each resource step event arrives. */
async function timeOperation(operation: (onEvent: (event: EngineEvent) => void) => Promise<unknown>): Promise<Timing> {
    const started = performance.now();
    let first = 0, last = 0, resources = 0;
    await operation((event) => {
        if (event.resourcePreEvent && !event.resourcePreEvent.metadata.type.startsWith("pulumi:")) {
            const now = performance.now();
            if (!first) first = now;
            last = now;
            resources++;
        }
    });
    const done = performance.now();
    const s = (ms: number) => ms / 1000;
    return { total: s(done - started), start: s((first || done) - started), steps: s(last - first), tail: s(done - (last || done)), resources };
}

interface Measured { timing: Timing; totals: number[] }

function summarize(timings: Timing[]): Measured {
    const pick = (key: keyof Timing) => median(timings.map((t) => t[key]));
    return {
        timing: { total: pick("total"), start: pick("start"), steps: pick("steps"), tail: pick("tail"), resources: pick("resources") },
        totals: timings.map((t) => t.total),
    };
}

/** The median over rounds of one program's time over another's, both measured in the same round. */
function medianRatio(of: number[], to: number[]): number {
    return median(of.map((value, round) => value / to[round]));
}

type EmptyLanguage = "typescript" | "javascript";

/**
 * An empty program beside the project, sharing its node_modules: TypeScript as `pulumi new
 * typescript` makes it (the host runs it through ts-node), or plain JavaScript (no ts-node).
 */
async function emptyProgram(language: EmptyLanguage): Promise<{ stack: Stack; dir: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `streamstack-empty-${language}-`));
    const typescript = language === "typescript";
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: streamstack-empty\nruntime:\n  name: nodejs\n  options:\n    typescript: ${typescript}\n`);
    fs.writeFileSync(path.join(dir, typescript ? "index.ts" : "index.js"), typescript ? "export const nothing = 0;\n" : "exports.nothing = 0;\n");
    if (typescript) fs.copyFileSync(path.join(PROJECT_DIR, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: `empty-${language}-${process.pid}`, workDir: dir }, {
        envVars: { PULUMI_CONFIG_PASSPHRASE: "" },
    });
    return { stack, dir };
}

/** `pulumi up --yes` as a user types it (preview, then update); the Automation API's up skips the preview. */
async function cliUp(stack: Stack): Promise<void> {
    await run("pulumi", ["up", "--yes", "--non-interactive", "--stack", stack.name], {
        cwd: stack.workspace.workDir, env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" }, maxBuffer: 64 << 20,
    });
}

type Operation = (stack: Stack, onEvent: (event: EngineEvent) => void) => Promise<unknown>;

const OPERATIONS: Record<string, Operation> = {
    "preview": (stack, onEvent) => stack.preview({ onEvent }),
    "no-op up --skip-preview": (stack, onEvent) => stack.up({ onEvent }),
    "no-op up (CLI, with preview)": (stack) => cliUp(stack),
};

/** Each operation `runs` times on each stack, the stacks taking turns within every round. */
async function operations(stacks: Stack[], runs: number): Promise<Record<string, Measured[]>> {
    const results: Record<string, Measured[]> = {};
    for (const [name, operation] of Object.entries(OPERATIONS)) {
        const timings: Timing[][] = stacks.map(() => []);
        for (let round = 0; round < runs; round++) {
            for (const [i, stack] of stacks.entries()) timings[i]!.push(await timeOperation((onEvent) => operation(stack, onEvent)));
        }
        results[name] = timings.map(summarize);
    }
    return results;
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 3);
    const platform = await createStack(`bench-engine-${process.pid}`, { target: "docker", ports: PORTS, topics: [] });
    const emptyTs = await emptyProgram("typescript");
    const emptyJs = await emptyProgram("javascript");
    try {
        await platform.stack.up();
        await emptyTs.stack.up();
        await emptyJs.stack.up();
        const measured = await operations([platform.stack, emptyTs.stack, emptyJs.stack], runs);
        const f = (n: number) => n.toFixed(2).padStart(7);
        const ratio = (r: number) => `${r.toFixed(2).padStart(5)}x`;
        console.log(`median of ${runs} rounds; default platform (3 ZooKeeper, 3 brokers, 2 masters, 2 workers, no topics)`);
        console.log("baseline: an empty TypeScript program (as `pulumi new typescript` makes it); also an empty JavaScript one (no ts-node)");
        console.log("the programs take turns in every round; ratio = median of the rounds' ratios");
        console.log(`${"".padEnd(28)} ${"platform".padStart(9)} ${"empty ts".padStart(9)}  ratio ${"empty js".padStart(9)}  ratio | platform: start  steps   tail  resources`);
        for (const [name, [ours, ts, js]] of Object.entries(measured)) {
            const timing = ours!.timing;
            // The CLI's own up reports no engine events to this process, so it has no split.
            const split = timing.resources > 0
                ? `${f(timing.start)} ${f(timing.steps)} ${f(timing.tail)} ${String(timing.resources).padStart(6)}`
                : "      -       -       -      -";
            console.log(`${name.padEnd(28)} ${f(timing.total)} s ${f(ts!.timing.total)} s ${ratio(medianRatio(ours!.totals, ts!.totals))} ` +
                `${f(js!.timing.total)} s ${ratio(medianRatio(ours!.totals, js!.totals))} | ${split}`);
        }
    } finally {
        for (const empty of [emptyTs, emptyJs]) {
            await empty.stack.destroy();
            await empty.stack.workspace.removeStack(empty.stack.name);
            fs.rmSync(empty.dir, { recursive: true, force: true });
        }
        await removeStack(platform);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

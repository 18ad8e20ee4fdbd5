/**
 * Benchmark: what each speed opt-in gives on its own, against the stock path, measured in the
 * same run. One default local stack is brought up; then every round runs `pulumi preview` and
 * `pulumi up --yes` (no changes: preview then update, as a user types it) once per variant:
 * - stock: the CLI set-up builds by default, no opt-in;
 * - the accelerated CLI with no variable set (it must cost the same as stock: the patches are
 *   off until asked for);
 * - the accelerated CLI with PULUMI_AUTOMATIC_LOGGING=false;
 * - the accelerated CLI with PULUMI_PRESTART_PROVIDERS=true;
 * - the stock CLI with STREAMSTACK_SDK_ACCELERATORS=true;
 * - everything on.
 * The variants take turns within each round, so they meet the same machine (its load drifts by
 * tens of percent within minutes); a ratio is the median of the rounds' ratios to stock.
 * Usage: npm run bench:opt-ins [-- <rounds, default 5>]
 * Needs the accelerated CLI: STREAMSTACK_ACCELERATED_CLI=true bash scripts/setup.sh.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Stack } from "@pulumi/pulumi/automation";
import { acceleratedPulumi } from "../harness/accelerated-cli";
import { createStack, removeStack } from "../harness/e2e-stack";
import { median } from "../harness/median";

const run = promisify(execFile);
// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 23181, kafkaExternal: 23092, sparkMasterUi: 23080, sparkWorkerUi: 23280 };

/** The variables that turn an opt-in on, cleared for every variant before its own are set. */
const OPT_IN_VARIABLES = ["PULUMI_AUTOMATIC_LOGGING", "PULUMI_PRESTART_PROVIDERS", "STREAMSTACK_SDK_ACCELERATORS"];

interface Variant { name: string; accelerated: boolean; env: Record<string, string> }

const VARIANTS: Variant[] = [
    { name: "stock", accelerated: false, env: {} },
    { name: "accelerated CLI, nothing on", accelerated: true, env: {} },
    { name: "PULUMI_AUTOMATIC_LOGGING=false", accelerated: true, env: { PULUMI_AUTOMATIC_LOGGING: "false" } },
    { name: "PULUMI_PRESTART_PROVIDERS=true", accelerated: true, env: { PULUMI_PRESTART_PROVIDERS: "true" } },
    { name: "STREAMSTACK_SDK_ACCELERATORS=true", accelerated: false, env: { STREAMSTACK_SDK_ACCELERATORS: "true" } },
    {
        name: "all of them", accelerated: true,
        env: { PULUMI_AUTOMATIC_LOGGING: "false", PULUMI_PRESTART_PROVIDERS: "true", STREAMSTACK_SDK_ACCELERATORS: "true" },
    },
];

const OPERATIONS: Record<string, string[]> = {
    "preview": ["preview", "--non-interactive"],
    "no-op up (CLI, with preview)": ["up", "--yes", "--non-interactive"],
};

function commandFor(variant: Variant): { command: string; env: NodeJS.ProcessEnv } {
    const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" };
    for (const name of OPT_IN_VARIABLES) delete env[name];
    Object.assign(env, variant.env);
    return variant.accelerated ? acceleratedPulumi(env) : { command: "pulumi", env };
}

async function timed(variant: Variant, args: string[], stack: Stack): Promise<number> {
    const { command, env } = commandFor(variant);
    const started = performance.now();
    await run(command, [...args, "--stack", stack.name], { cwd: stack.workspace.workDir, env, maxBuffer: 64 << 20 });
    return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
    const rounds = Number(process.argv[2] ?? 5);
    commandFor(VARIANTS.find((v) => v.accelerated)!);
    const platform = await createStack(`bench-opt-ins-${process.pid}`, { target: "docker", ports: PORTS, topics: [] });
    try {
        await platform.stack.up();
        console.log(`median of ${rounds} rounds; default platform (3 ZooKeeper, 3 brokers, 2 masters, 2 workers, no topics); the variants take turns in every round`);
        console.log("baseline: stock (the CLI set-up builds by default, no opt-in); ratio = median of the rounds' ratios to it, below 1 is faster");
        for (const [operation, args] of Object.entries(OPERATIONS)) {
            const seconds: number[][] = VARIANTS.map(() => []);
            for (let round = 0; round < rounds; round++) {
                for (const [i, variant] of VARIANTS.entries()) seconds[i]!.push(await timed(variant, args, platform.stack));
            }
            console.log(`\n${operation}`);
            for (const [i, variant] of VARIANTS.entries()) {
                const ratio = median(seconds[i]!.map((value, round) => value / seconds[0]![round]!));
                console.log(`  ${variant.name.padEnd(36)} ${median(seconds[i]!).toFixed(2).padStart(6)} s  ${ratio.toFixed(2).padStart(5)}x`);
            }
        }
    } finally {
        await removeStack(platform);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

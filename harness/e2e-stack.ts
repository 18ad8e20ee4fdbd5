import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, OutputMap, Stack } from "@pulumi/pulumi/automation";
import { PlatformEndpoints } from "../operations/status-report";

/** The project (this file runs from build/harness/). */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** A throwaway Docker stack of this project, driven through the Automation API. */
export interface E2eStack {
    stack: Stack;
    name: string;
    /** Prefix of container/network/volume names and the value of their streamstack.stack label. */
    prefix: string;
}

/**
 * Config for a throwaway e2e stack's JVMs: "quick-start" (C1 only, serial GC). Measured on the
 * local stack's file (its checks and the fault drills) run alone: 223 s of the machine's CPU
 * against 285 s with "throughput", the same wall time. Command B runs two files at a time on two
 * cores, so the CPU is what the other file waits for. The README's quick start (command A
 * as a user runs it) and the programs outside this repo run the default ("throughput").
 */
export const QUICK_START_JVMS = { jvmProfile: "quick-start" } as const;

export async function createStack(name: string, config: Record<string, unknown>): Promise<E2eStack> {
    await removeOrphanedRuns(name);
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: PROJECT_DIR }, {
        // Throwaway stacks, like the local stack, use the empty passphrase: nothing secret in them.
        envVars: { PULUMI_CONFIG_PASSPHRASE: "" },
    });
    await setConfig(stack, config);
    return { stack, name, prefix: `streamstack-${name}` };
}

export async function setConfig(stack: Stack, config: Record<string, unknown>): Promise<void> {
    await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([key, value]) => [
        `streamstack:${key}`, { value: typeof value === "string" ? value : JSON.stringify(value) },
    ])));
}

/** The stack's config as the review reads a stack file's (objects as JSON text, secrets masked). */
export async function configValues(stack: Stack): Promise<Record<string, string>> {
    return Object.fromEntries(Object.entries(await stack.getAllConfig()).map(([key, value]) => [key, value.secret ? "[secret]" : value.value]));
}

export function outputValues(outputs: OutputMap): Record<string, unknown> {
    return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
}

/** The stack's outputs as the status report and the probes read them (where each member answers, Kafka's CA and login). */
export async function stackEndpoints(e2e: E2eStack): Promise<PlatformEndpoints> {
    return outputValues(await e2e.stack.outputs()) as unknown as PlatformEndpoints;
}

/** Destroys the stack and removes it (and its stack file) from the workspace. */
export async function removeStack(e2e: E2eStack): Promise<void> {
    try {
        await e2e.stack.destroy({ onOutput: progress(e2e.name) });
    } finally {
        // A test that failed halfway (an interrupted up) can leave objects the state never knew,
        // or a state destroy cannot finish: remove whatever still carries the throwaway stack's
        // label and the stack itself, so the next run starts clean.
        await removeDockerObjects(e2e.prefix);
        await pulumiCli(["stack", "rm", e2e.name, "--force", "--yes"]);
    }
}

const run = promisify(execFile);

/** Removes every container, network and volume labelled as belonging to the platform with this prefix (`<platform>-<stack>`). */
export async function removeDockerObjects(prefix: string): Promise<void> {
    const label = `label=streamstack.stack=${prefix}`;
    const listed = async (args: string[], field = "{{.ID}}") => (await run("docker", [...args, "--filter", label, "--format", field])).stdout.split("\n").filter(Boolean);
    const containers = await listed(["ps", "-a"]);
    if (containers.length > 0) await run("docker", ["rm", "--force", ...containers]);
    for (const kind of ["network", "volume"]) {
        const ids = await listed([kind, "ls"], kind === "volume" ? "{{.Name}}" : "{{.ID}}");
        if (ids.length > 0) await run("docker", [kind, "rm", ...ids]);
    }
}

function processIsAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: it exists but belongs to someone else.
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}

/**
 * A throwaway stack is named `<family>-<pid of the test process>`, and each family has fixed
 * ports. A run that was killed mid-test (a CI job cancelled, a session ended) never reached its
 * clean-up, so its containers still hold those ports and the next run's preflight rightly
 * refuses them. Before creating a stack, remove the Docker objects of the same family whose test
 * process is gone; one whose process still runs is left alone (its preflight error names it).
 * `platform` is the name of the stack's platform (this project's program declares `streamstack`).
 */
export async function removeOrphanedRuns(name: string, platform = "streamstack"): Promise<void> {
    const family = name.replace(/-\d+$/, "");
    // Stack and platform names are [a-z0-9-]: nothing needs escaping.
    const owner = new RegExp(`^${platform}-${family}-(\\d+)$`);
    const prefixes = new Set<string>();
    for (const list of [["ps", "-a"], ["network", "ls"], ["volume", "ls"]]) {
        const { stdout } = await run("docker", [...list, "--filter", "label=streamstack.stack", "--format", '{{.Label "streamstack.stack"}}']);
        for (const prefix of stdout.split("\n")) {
            const pid = owner.exec(prefix.trim())?.[1];
            if (pid !== undefined && Number(pid) !== process.pid && !processIsAlive(Number(pid))) prefixes.add(prefix.trim());
        }
    }
    for (const prefix of prefixes) {
        process.stderr.write(`[${name}] removing the Docker objects of ${prefix}, left by a test run that was killed\n`);
        await removeDockerObjects(prefix);
    }
}

/** Engine output goes to stderr, prefixed, so a long `up` shows progress without cluttering the test summary. */
export function progress(name: string): (line: string) => void {
    return (chunk) => {
        for (const line of chunk.split("\n")) {
            const text = line.trim();
            const noise = /^(INFO|WARN)|^@ (updating|previewing|destroying)|^\.+$|\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} /;
            if (text && !noise.test(text)) process.stderr.write(`[${name}] ${text}\n`);
        }
    };
}

/** Runs the pulumi CLI in the project as a user would (throwaway stacks have the empty passphrase). */
export function pulumiCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return promisify(execFile)("pulumi", [...args, "--non-interactive"], {
        cwd: PROJECT_DIR,
        env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" },
        maxBuffer: 64 * 1024 * 1024,
    });
}

/** Runs `pulumi refresh` and returns `<op> <resource name>` for every resource whose recorded state changed. */
export async function refreshChanges(e2e: E2eStack): Promise<string[]> {
    const changed: string[] = [];
    await e2e.stack.refresh({
        onOutput: progress(e2e.name),
        onEvent: (event) => {
            const outputs = event.resOutputsEvent?.metadata;
            if (outputs && outputs.op !== "same") changed.push(`${outputs.op} ${outputs.urn.split("::").pop()}`);
        },
    });
    return changed;
}

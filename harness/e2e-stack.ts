import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, OutputMap, Stack } from "@pulumi/pulumi/automation";

/** The project (this file runs from build/harness/). */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** A throwaway Docker stack of this project, driven through the Automation API. */
export interface E2eStack {
    stack: Stack;
    name: string;
    /** Prefix of container/network/volume names and the value of their streamstack.stack label. */
    prefix: string;
}

export async function createStack(name: string, config: Record<string, unknown>): Promise<E2eStack> {
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

/** Destroys the stack and removes it (and its stack file) from the workspace. */
export async function removeStack(e2e: E2eStack): Promise<void> {
    try {
        await e2e.stack.destroy({ onOutput: progress(e2e.name) });
    } finally {
        // A test that failed halfway (an interrupted up) can leave objects the state never knew,
        // or a state destroy cannot finish: remove whatever still carries the throwaway stack's
        // label and the stack itself, so the next run starts clean.
        const label = `label=streamstack.stack=${e2e.prefix}`;
        const run = promisify(execFile);
        const listed = async (args: string[], field = "{{.ID}}") => (await run("docker", [...args, "--filter", label, "--format", field])).stdout.split("\n").filter(Boolean);
        const containers = await listed(["ps", "-a"]);
        if (containers.length > 0) await run("docker", ["rm", "--force", ...containers]);
        for (const kind of ["network", "volume"]) {
            const ids = await listed([kind, "ls"], kind === "volume" ? "{{.Name}}" : "{{.ID}}");
            if (ids.length > 0) await run("docker", [kind, "rm", ...ids]);
        }
        await pulumiCli(["stack", "rm", e2e.name, "--force", "--yes"]);
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

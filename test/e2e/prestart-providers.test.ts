/**
 * The opt-in accelerated CLI set-up builds starts the provider plugins a stack's state records
 * while the program starts (scripts/setup/patches/pulumi-cli-prestart-provider-plugins.patch,
 * with PULUMI_PRESTART_PROVIDERS=true). Runs the real CLI and the real docker plugin on a throwaway project whose
 * only resource is an explicit docker provider: the next run takes the started plugin, a plugin
 * the program no longer asks for is closed with the command, and without the variable nothing
 * is started ahead.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { acceleratedPulumi } from "../../harness/accelerated-cli";
import { PROJECT_DIR } from "../../harness/e2e-stack";

const PROGRAM = `"use strict";
const docker = require("@pulumi/docker");
if (process.env.WITH_PROVIDER !== "false") new docker.Provider("local", {});
`;

interface Run { code: number | null; output: string }

/** Processes (other than ours) whose environment carries `marker`: the CLI's plugins inherit it. */
function processesMarked(marker: string): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
        try {
            if (fs.readFileSync(`/proc/${entry}/environ`, "latin1").split("\0").includes(marker)) found.push(Number(entry));
        } catch {
            // the process ended while we looked
        }
    }
    return found;
}

describe("provider plugins started ahead (the accelerated pulumi CLI, an opt-in)", () => {
    let dir = "";
    const stackName = `prestart-${process.pid}`;

    function pulumi(args: string[], env: Record<string, string | undefined>): Promise<Run> {
        const cli = acceleratedPulumi();
        const childEnv: NodeJS.ProcessEnv = {
            ...cli.env, PULUMI_BACKEND_URL: `file://${dir}/state`, PULUMI_CONFIG_PASSPHRASE: "", ...env,
        };
        for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
        const child = spawn(cli.command, [...args, "--stack", stackName, "--non-interactive"], { cwd: dir, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
    }

    /**
     * A preview with the engine's verbose log, marking every process it starts: which of them
     * ran a plugin while it ran (so the marker is seen to reach them), and which outlive it.
     */
    async function markedPreview(env: Record<string, string | undefined>): Promise<{ run: Run; pluginsSeen: boolean; leftRunning: number[] }> {
        const marker = `STREAMSTACK_PRESTART_TEST=${randomUUID()}`;
        const [markerKey, markerValue] = marker.split("=");
        let pluginsSeen = false;
        const watch = setInterval(() => {
            pluginsSeen ||= processesMarked(marker).some((pid) => {
                try {
                    return fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").includes("pulumi-resource-docker");
                } catch {
                    return false;
                }
            });
        }, 20);
        const run = await pulumi(["preview", "--logtostderr", "-v=7"], { ...env, [markerKey]: markerValue }).finally(() => clearInterval(watch));
        assert.equal(run.code, 0, `pulumi preview failed:\n${run.output.slice(-4000)}`);
        return { run, pluginsSeen, leftRunning: processesMarked(marker) };
    }

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-prestart-"));
        fs.mkdirSync(path.join(dir, "state"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: streamstack-prestart\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
        fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
        fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
        const init = await pulumi(["stack", "init"], {});
        assert.equal(init.code, 0, init.output);
        const up = await pulumi(["up", "--yes", "--skip-preview"], {});
        assert.equal(up.code, 0, `pulumi up failed:\n${up.output.slice(-4000)}`);
    });

    after(async () => {
        if (!dir) return;
        await pulumi(["stack", "rm", "--yes", "--force"], {});
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("is off in command B's environment (an opt-in)", () => {
        assert.equal(process.env.PULUMI_PRESTART_PROVIDERS, undefined, "command B runs on the stock path, without the opt-in");
    });

    it("starts the state's docker plugin before the program asks, and the program's provider takes it", async () => {
        const { run, pluginsSeen, leftRunning } = await markedPreview({ PULUMI_PRESTART_PROVIDERS: "true" });
        assert.match(run.output, /Prestart\(docker@5\.2\.0 \)/);
        assert.ok(pluginsSeen, "the docker plugin ran, carrying the marker");
        assert.match(run.output, /took prestarted docker@5\.2\.0/);
        assert.match(run.output, /2 unchanged/);
        assert.deepEqual(leftRunning, [], "no plugin outlives the command");
    });

    it("closes a started plugin the program does not take, with the command", async () => {
        const { run, pluginsSeen, leftRunning } = await markedPreview({ PULUMI_PRESTART_PROVIDERS: "true", WITH_PROVIDER: "false" });
        assert.match(run.output, /Prestart\(docker@5\.2\.0 \)/);
        assert.ok(pluginsSeen, "the started docker plugin ran, carrying the marker");
        assert.doesNotMatch(run.output, /took prestarted/);
        assert.match(run.output, /- 1 to delete/);
        assert.deepEqual(leftRunning, [], "the plugin nobody took is closed too");
    });

    it("starts nothing ahead without PULUMI_PRESTART_PROVIDERS=true", async () => {
        const { run, leftRunning } = await markedPreview({ PULUMI_PRESTART_PROVIDERS: undefined });
        assert.doesNotMatch(run.output, /Prestart\(/);
        assert.match(run.output, /2 unchanged/);
        assert.deepEqual(leftRunning, []);
    });
});

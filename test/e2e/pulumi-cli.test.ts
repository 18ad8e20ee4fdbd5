/**
 * The Pulumi CLIs set-up builds: the one on PATH (command B's) is the CLI as published, at the
 * version of @pulumi/pulumi, which writes its automatic debug log whatever
 * PULUMI_AUTOMATIC_LOGGING says; the opt-in accelerated one reports a version of its own and
 * skips that log with PULUMI_AUTOMATIC_LOGGING=false
 * (scripts/setup/patches/pulumi-cli-automatic-logging-opt-out.patch; it costs ~0.35 s of CPU per
 * preview of the default stack). Each runs in a throwaway PULUMI_HOME.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { PROJECT_DIR } from "../../harness/e2e-stack";
import { acceleratedPulumi } from "../../harness/accelerated-cli";

const sdkVersion = (JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;

/** Runs `pulumi version` and returns what it printed and the automatic log files that process wrote (named by its pid). */
async function oneRun(cli: { command: string; env: NodeJS.ProcessEnv }, automaticLogging: string | undefined): Promise<{ version: string; logs: string[] }> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-pulumi-home-"));
    try {
        const env: NodeJS.ProcessEnv = { ...cli.env, PULUMI_HOME: home };
        delete env.PULUMI_AUTOMATIC_LOGGING;
        if (automaticLogging !== undefined) env.PULUMI_AUTOMATIC_LOGGING = automaticLogging;
        const child = spawn(cli.command, ["version"], { env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        assert.equal(code, 0, `pulumi version failed: ${output}`);
        const logsDir = path.join(home, "logs");
        const files = fs.existsSync(logsDir) ? fs.readdirSync(logsDir) : [];
        return { version: output.trim(), logs: files.filter((name) => name.includes(`-${child.pid}-`)) };
    } finally {
        fs.rmSync(home, { recursive: true, force: true });
    }
}

const ON_PATH = { command: "pulumi", env: process.env };
const LOG_FILE = /^pulumi-\d{8}T\d{6}-\d+-version\.log$/;

describe("pulumi CLIs built by set-up", () => {
    it("runs command B on the CLI as published: its version, its automatic log whatever PULUMI_AUTOMATIC_LOGGING says", async () => {
        assert.equal(process.env.PULUMI_AUTOMATIC_LOGGING, undefined, "command B runs on the stock path, without the opt-in");
        for (const setting of [undefined, "false"]) {
            const run = await oneRun(ON_PATH, setting);
            assert.equal(run.version, `v${sdkVersion}`);
            assert.equal(run.logs.length, 1, `PULUMI_AUTOMATIC_LOGGING=${setting}: expected the CLI's own log file, found ${JSON.stringify(run.logs)}`);
            assert.match(run.logs[0]!, LOG_FILE);
        }
    });

    it("keeps the accelerated CLI apart: a version of its own, and the log skipped only with PULUMI_AUTOMATIC_LOGGING=false", async () => {
        const accelerated = acceleratedPulumi();
        const kept = await oneRun(accelerated, undefined);
        assert.match(kept.version, new RegExp(`^v${sdkVersion.replace(/\./g, "\\.")}\\+streamstack\\.\\d+$`));
        assert.equal(kept.logs.length, 1, "upstream's default: the log is written");
        assert.deepEqual((await oneRun(accelerated, "false")).logs, []);
    });
});

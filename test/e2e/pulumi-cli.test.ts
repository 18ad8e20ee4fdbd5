/**
 * The Pulumi CLI built by set-up, with the project's opt-in patch to it
 * (scripts/setup/patches/pulumi-cli-automatic-logging-opt-out.patch): upstream's automatic
 * debug log stays on by default, and PULUMI_AUTOMATIC_LOGGING=false turns it off (it costs
 * ~0.35 s of CPU per preview of the default stack). Runs the real binary on PATH in a throwaway
 * PULUMI_HOME.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";

/** Runs `pulumi version` and returns the automatic log files that process wrote (named by its pid). */
async function logsOfOneRun(automaticLogging: string | undefined): Promise<string[]> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-pulumi-home-"));
    try {
        const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_HOME: home };
        delete env.PULUMI_AUTOMATIC_LOGGING;
        if (automaticLogging !== undefined) env.PULUMI_AUTOMATIC_LOGGING = automaticLogging;
        const child = spawn("pulumi", ["version"], { env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        assert.equal(code, 0, `pulumi version failed: ${output}`);
        const logsDir = path.join(home, "logs");
        const files = fs.existsSync(logsDir) ? fs.readdirSync(logsDir) : [];
        return files.filter((name) => name.includes(`-${child.pid}-`));
    } finally {
        fs.rmSync(home, { recursive: true, force: true });
    }
}

describe("pulumi CLI built by set-up", () => {
    it("writes its automatic log as upstream does unless PULUMI_AUTOMATIC_LOGGING=false opts out", async () => {
        assert.equal(process.env.PULUMI_AUTOMATIC_LOGGING, undefined, "command B runs on the stock path, without the opt-in");
        for (const setting of [undefined, "true"]) {
            const kept = await logsOfOneRun(setting);
            assert.equal(kept.length, 1, `PULUMI_AUTOMATIC_LOGGING=${setting}: expected the CLI's own log file, found ${JSON.stringify(kept)}`);
            assert.match(kept[0]!, /^pulumi-\d{8}T\d{6}-\d+-version\.log$/);
        }
        assert.deepEqual(await logsOfOneRun("false"), []);
    });
});

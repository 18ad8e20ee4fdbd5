import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { renderRestartOnStepDown } from "../../components/spark/render";

/**
 * The master's start loop run by bash for real, around a stand-in master: a script that exits
 * with the statuses listed in its file, one per run, and logs each run.
 */
function loopAround(exits: string[], runsFor = "0"): { script: string; runs: () => number; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "step-down-"));
    fs.writeFileSync(path.join(dir, "exits"), exits.join("\n") + "\n");
    fs.writeFileSync(path.join(dir, "master"), [
        "#!/bin/bash",
        `echo run >> "${dir}/runs"`,
        `status="$(head -1 "${dir}/exits")"; sed -i 1d "${dir}/exits"`,
        `sleep ${runsFor}`,
        'exit "$status"',
    ].join("\n"), { mode: 0o755 });
    const script = ["set -euo pipefail", ...renderRestartOnStepDown(path.join(dir, "master"))].join("\n");
    return { script, dir, runs: () => fs.readFileSync(path.join(dir, "runs"), "utf8").split("\n").filter(Boolean).length };
}

function bash(script: string, onStart?: (pid: number) => void): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn("bash", ["-c", script], { stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on("exit", (code) => resolve({ code, stderr }));
        onStart?.(child.pid!);
    });
}

describe("the Spark master's start loop (restart on step-down)", () => {
    it("starts the master again after it steps down (status 0), and ends with the first other status", async () => {
        const loop = loopAround(["0", "0", "3"]);
        const { code, stderr } = await bash(loop.script);
        assert.equal(code, 3, "a crash's status is the container's");
        assert.equal(loop.runs(), 3);
        assert.equal(stderr.match(/stepped down/g)?.length, 2);
    });

    it("ends at once, with the master's status, when the container is asked to stop", async () => {
        const loop = loopAround(["0", "0"], "30");
        const started = Date.now();
        const { code } = await bash(loop.script, (pid) => setTimeout(() => process.kill(pid, "SIGTERM"), 1500));
        assert.ok(Date.now() - started < 10_000, "the stop signal reached the master");
        assert.notEqual(code, 0);
        assert.equal(loop.runs(), 1, "a stopped master is not started again");
    });
});

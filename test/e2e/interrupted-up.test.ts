/**
 * On the docker plugin as published (set-up's build carries upstream's behaviour): a data
 * volume an earlier stack left is refused at preview, naming it; an `up` killed with SIGKILL
 * while Docker creates containers, then the README's recovery (`npm run recover`, then
 * `pulumi up`), converges with no orphaned container, and the killed update leaves no process
 * serving on.
 */
import * as assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { createStack, E2eStack, progress, PROJECT_DIR, QUICK_START_JVMS, removeStack } from "../../harness/e2e-stack";
import { eventually, labelled } from "../../harness/platform-probe";

// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 26181, kafkaExternal: 26092, sparkMasterUi: 26080, sparkWorkerUi: 26280 };
const report = (line: string) => process.stderr.write(`[interrupted-up] ${line}\n`);

/** Every descendant of `pid` with its command line. */
function descendants(pid: number): { pid: number; args: string }[] {
    const table = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" }).trim().split("\n").map((line) => {
        const [, childPid, parent, args] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line) ?? [];
        return { pid: Number(childPid), ppid: Number(parent), args };
    });
    const found: { pid: number; args: string }[] = [];
    const walk = (parent: number) => table.filter((p) => p.ppid === parent).forEach((p) => { found.push({ pid: p.pid, args: p.args }); walk(p.pid); });
    walk(pid);
    return found;
}

const alive = (pid: number) => {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
};

describe("an up killed with SIGKILL mid-create", { timeout: 20 * 60_000 }, () => {
    let e2e: E2eStack;
    let left: { pid: number; args: string }[] = [];

    before(async () => {
        e2e = await createStack(`e2e-interrupt-${process.pid}`, { target: "docker", ports: PORTS, topics: [{ name: "t1", partitions: 3, replicationFactor: 3 }], ...QUICK_START_JVMS });
    });

    after(async () => {
        // The killed update's Go plugins would exit by their health check within 5 minutes; do not wait.
        for (const p of left) if (alive(p.pid)) process.kill(p.pid, "SIGTERM");
        if (e2e) await removeStack(e2e);
    });

    it("refuses at preview a data volume an earlier stack left, naming it and the way on", async () => {
        const leftover = `${e2e.prefix}-zookeeper-1-data`;
        execFileSync("docker", ["volume", "create", "--label", `streamstack.stack=${e2e.prefix}`, leftover]);
        try {
            const preview = await e2e.stack.preview().then(() => "succeeded", (error: Error) => error.message);
            assert.match(preview, new RegExp(`a Docker volume named ${leftover} already exists \\(left by an earlier stack of this name\\)`));
            assert.match(preview, new RegExp(`docker volume rm ${leftover}`));
        } finally {
            execFileSync("docker", ["volume", "rm", leftover]);
        }
        assert.equal((await labelled("volume", e2e.prefix)).length, 0, "nothing was created");
    });

    it("stops the engine mid-create; the program and the streamstack provider exit with it", async () => {
        const up = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", e2e.name], {
            cwd: PROJECT_DIR, env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" }, stdio: ["ignore", "pipe", "pipe"],
        });
        let processes: { pid: number; args: string }[] = [];
        await new Promise<void>((resolve, reject) => {
            let output = "";
            up.stdout.on("data", (chunk: Buffer) => {
                output += chunk.toString();
                // The topic is being created (so the streamstack provider runs) while the Spark
                // masters' containers are still being created: creates in flight on both sides.
                if (/streamstack:kafka:Topic streamstack-t1 creating/.test(output) && processes.length === 0) {
                    setTimeout(() => {
                        processes = descendants(up.pid!);
                        up.kill("SIGKILL");
                        resolve();
                    }, 1500);
                }
            });
            up.on("exit", () => reject(new Error(`pulumi up ended before it could be killed:\n${output.slice(-2000)}`)));
        });
        report(`killed pulumi (${up.pid}) with: ${processes.map((p) => p.args.split(" ")[0].split("/").pop()).join(", ")}`);
        const provider = processes.find((p) => p.args.includes("plugins/streamstack/main.js"));
        const program = processes.find((p) => p.args.includes("@pulumi/pulumi/cmd/run"));
        assert.ok(provider, "the streamstack provider was running when pulumi was killed");
        await eventually("the program and the streamstack provider to exit", async () =>
            (!alive(provider.pid) && (!program || !alive(program.pid)) ? true : undefined), 30_000, 1_000);
        left = processes.filter((p) => alive(p.pid));
        // The engine's Go plugins (language host, docker) end by their own 5-minute health check of the engine.
        report(`still running after the kill: ${left.map((p) => p.args.split(" ")[0].split("/").pop()).join(", ") || "nothing"}`);
        assert.ok(left.every((p) => /pulumi-language-nodejs|pulumi-resource-docker/.test(p.args)), `only Go plugins may linger: ${left.map((p) => p.args).join("; ")}`);
    });

    it("converges after npm run recover and up: what the killed update made is adopted or replaced, no orphaned container", async () => {
        const script = path.resolve(__dirname, "..", "..", "scripts", "recover.js");
        const { stdout } = await promisify(execFile)("node", [script, "--stack", e2e.name], { env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" } });
        report(`recover:\n${stdout}`);
        // Whether Kafka had made the topic before the kill is a matter of milliseconds: either
        // way the up below must succeed (a topic made but not adopted would fail it: "already exists").
        assert.match(stdout, /recovered: \d+ adopted, \d+ removed, \d+ dropped/);
        const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
        report(`converging up: ${JSON.stringify(result.summary.resourceChanges)}`);
        assert.equal(result.summary.result, "succeeded");
        assert.equal((await labelled("container", e2e.prefix)).length, 10, "exactly the stack's 10 containers");
        const preview = await e2e.stack.preview();
        assert.deepEqual(Object.entries(preview.changeSummary).filter(([op]) => op !== "same"), []);
    });
});

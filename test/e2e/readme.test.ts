/**
 * The README's commands, run as a user copies them into a fresh shell (no Pulumi or
 * streamstack variables, no toolchain on PATH): the quick start brings a platform up and its
 * output reads as the README shows it, `source scripts/env.sh` then makes every `pulumi`
 * command work as typed (the local stack's empty passphrase included), and the destroy leaves
 * nothing. The stack is a throwaway copy of `local` on ports of its own, so a developer's own
 * local stack is never touched; every `local` in a command is replaced by its name.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { PROJECT_DIR, removeOrphanedRuns, removeStack } from "../../harness/e2e-stack";
import { bashBlocks, commandsOf, inlineCommands, OWN_PROGRAM_SECTION, outputAfter, sectionBlocks } from "../../harness/readme-commands";

const NAME = `readme-${process.pid}`;
const README = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
const STACK_FILE = path.join(PROJECT_DIR, "stacks", `Pulumi.${NAME}.yaml`);
// Below Linux's ephemeral range, apart from every other e2e stack's.
const PORTS = "{zookeeperClient: 12181, kafkaExternal: 12092, sparkMasterUi: 12080, sparkWorkerUi: 12280}";

/** Commands another part of command B runs, with the text in that file that shows it does. */
const RUN_ELSEWHERE: Record<string, { file: string; evidence: string }> = {
    "npm test": { file: ".ci/run", evidence: "exec npm test" },
    "sudo bash scripts/k8s-local.sh start": { file: "test/e2e/kubernetes/local-cluster.ts", evidence: 'k8sLocal("start")' },
    // "Use it from your own program": run in a program folder of its own, with the program the section shows.
    ...Object.fromEntries(sectionBlocks(README, OWN_PROGRAM_SECTION).filter((block) => block.language === "bash").flatMap((block) => commandsOf(block.text))
        .map((command) => [command, { file: "test/e2e/outside-program.test.ts", evidence: "ownProgramSection()" }])),
};

/** A command as it runs against the throwaway stack. */
function forThisStack(command: string): string {
    return command
        .replace(/^npm run up\b/, `STACK=${NAME} npm run up`)
        .replace(/(-s|--stack) local\b/g, `$1 ${NAME}`)
        .replace(/\bstreamstack-local-/g, `streamstack-${NAME}-`);
}

/** The environment of a fresh login shell: nothing this project's scripts export. */
function freshShellEnvironment(): NodeJS.ProcessEnv {
    const cache = process.env.STREAMSTACK_CACHE;
    const env = Object.fromEntries(Object.entries(process.env)
        .filter(([key]) => !/^(PULUMI_|STREAMSTACK_|NODE_COMPILE_CACHE$|ACTIONLINT$|npm_)/.test(key)));
    env.PATH = (process.env.PATH ?? "").split(path.delimiter)
        .filter((entry) => !entry.includes(`${path.sep}.cache${path.sep}streamstack${path.sep}`) && !entry.includes(`${path.sep}node_modules${path.sep}.bin`))
        .join(path.delimiter);
    if (cache) env.STREAMSTACK_CACHE = cache;
    return env;
}

/** Runs one README block as a script of one shell, as pasted; its output (stdout and stderr, in order) and exit code. */
function runBlock(commands: string[]): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
        const child = spawn("bash", ["-c", ["set -eo pipefail", ...commands].join("\n")], { cwd: PROJECT_DIR, env: freshShellEnvironment() });
        let output = "";
        const collect = (chunk: Buffer) => {
            output += chunk.toString();
            for (const line of chunk.toString().split("\n")) if (line.trim()) process.stderr.write(`[${NAME}] ${line}\n`);
        };
        child.stdout.on("data", collect);
        child.stderr.on("data", collect);
        child.on("close", (code) => resolve({ code: code ?? 1, output }));
    });
}

/**
 * What varies from run to run: numbers (durations, ports, counts of seconds), colour, spacing.
 * A duration is one shape whatever its units: Pulumi prints "36s" for a quick up and "1m5s" for
 * one on a busy machine.
 */
function shape(line: string): string {
    return line
        .replace(/\x1b\[[0-9;]*m/g, "")
        .replace(/\d+(\.\d+)?/g, "#")
        .replace(/(#h)?(#m)?#(m?s)\b/g, "#s")
        .replace(/\s+/g, " ")
        .trim();
}

describe("README: every command it shows works as shown", { timeout: 20 * 60_000 }, () => {
    const ran = new Set<string>();

    before(async () => {
        await removeOrphanedRuns(NAME);
        const local = fs.readFileSync(path.join(PROJECT_DIR, "stacks", "Pulumi.local.yaml"), "utf8").replace(/^encryptionsalt:.*$/m, "");
        fs.writeFileSync(STACK_FILE, `${local.trimEnd()}\n  streamstack:ports: ${PORTS}\n`);
    });

    after(async () => {
        try {
            const stack = await LocalWorkspace.selectStack({ stackName: NAME, workDir: PROJECT_DIR }, { envVars: { PULUMI_CONFIG_PASSPHRASE: "" } });
            await removeStack({ stack, name: NAME, prefix: `streamstack-${NAME}` });
        } catch {
            // The README's own destroy ran, or the stack was never made.
        } finally {
            fs.rmSync(STACK_FILE, { force: true });
        }
    });

    it("quick start: command A brings the platform up and prints what the README shows", async () => {
        const [quickStart] = bashBlocks(README);
        const commands = commandsOf(quickStart!);
        assert.deepEqual(commands, ["npm run up"]);
        const { code, output } = await runBlock(commands.map(forThisStack));
        assert.equal(code, 0, "npm run up failed");
        commands.forEach((command) => ran.add(command));
        const shown = outputAfter(README, 0);
        assert.ok(shown, "the README shows what the quick start prints");
        const printed = new Set(output.split("\n").map((line) => shape(line.split(NAME).join("local"))));
        for (const line of shown!.split("\n").filter((text) => text.trim() !== "" && text.trim() !== "...")) {
            assert.ok(printed.has(shape(line)), `the README shows "${line.trim()}", which npm run up did not print (as: ${shape(line)})`);
        }
    });

    it("then every other block, in order, in one fresh shell each: status, a topic, preview, destroy", async () => {
        for (const block of bashBlocks(README).slice(1)) {
            const commands = commandsOf(block).filter((command) => !ran.has(command) && !(command in RUN_ELSEWHERE));
            if (commands.length === 0) continue;
            const { code, output } = await runBlock(commands.map(forThisStack));
            assert.equal(code, 0, `the block\n${commands.join("\n")}\nfailed:\n${output.slice(-3000)}`);
            commands.forEach((command) => ran.add(command));
        }
        // The destroy the README shows left nothing of the stack behind.
        const { output } = await runBlock([`docker ps -a --filter label=streamstack.stack=streamstack-${NAME} --format '{{.Names}}'`,
            `docker volume ls --filter label=streamstack.stack=streamstack-${NAME} --format '{{.Name}}'`]);
        assert.equal(output.trim(), "", `left behind: ${output}`);
    });

    it("the commands written inline run too (after source scripts/env.sh), and the rest are run by the test named for them", async () => {
        for (const command of inlineCommands(README).filter((text) => !ran.has(text) && !(text in RUN_ELSEWHERE))) {
            const { code, output } = await runBlock(["source scripts/env.sh", forThisStack(command)]);
            assert.equal(code, 0, `\`${command}\` failed:\n${output.slice(-3000)}`);
            ran.add(command);
        }
        const shown = new Set([...bashBlocks(README).flatMap(commandsOf), ...inlineCommands(README)]);
        for (const command of shown) {
            if (ran.has(command)) continue;
            const elsewhere = RUN_ELSEWHERE[command];
            assert.ok(elsewhere, `the README shows \`${command}\`, which no test runs`);
            assert.ok(fs.readFileSync(path.join(PROJECT_DIR, elsewhere.file), "utf8").includes(elsewhere.evidence), `${elsewhere.file} no longer runs \`${command}\``);
        }
    });
});

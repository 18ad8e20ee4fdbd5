/**
 * The platform from a Python program, as docs/package.md's "From Python" shows it: the Python
 * SDK written by `npm run package:python`, installed with pip into the program's virtualenv, the
 * provider plugin installed with `pulumi plugin install … --file`, and Pulumi's Python language
 * host (set-up builds it as published). The plugin's construct declares the platform; it comes up
 * with its topic, its brokers serve it, and `pulumi destroy` leaves nothing.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { PROJECT_DIR, removeDockerObjects, removeOrphanedRuns } from "../../harness/e2e-stack";
import { asRunIn, buildPackageAsNew, OwnProgramSection, ownProgramSection, programFolder } from "../../harness/own-program";
import { labelled, leftBehind } from "../../harness/platform-probe";
import { produceAndConsume } from "../../harness/kafka-client";

const run = promisify(execFile);
const STACK = `python-${process.pid}`;
const DOC = "docs/package.md";
const HEADING = "From Python";

/** The section's programs: Pulumi.yaml and __main__.py. */
function pythonSection(): OwnProgramSection & { project: string; program: string } {
    const section = ownProgramSection(DOC, HEADING);
    return {
        ...section,
        project: section.blocks.find((block) => block.language === "yaml" && /^runtime: python$/m.test(block.text))?.text ?? "",
        program: section.blocks.find((block) => block.language === "python")?.text ?? "",
    };
}

const SECTION = pythonSection();
const PLATFORM = /^\w+ = StreamingPlatform\(\n\s+"([a-z0-9-]+)"/m.exec(SECTION.program)?.[1] ?? "";
const TOPIC = /topics=\[\{"name": "([a-z0-9.-]+)"/.exec(SECTION.program)?.[1] ?? "";

describe("streamstack from a Python program (the generated SDK, the plugin's construct)", { timeout: 20 * 60_000 }, () => {
    const { dir, env, pulumi } = programFolder(STACK);
    // What `source venv/bin/activate` does for the commands the test runs after the doc's block.
    env.VIRTUAL_ENV = path.join(dir, "venv");
    env.PATH = `${path.join(dir, "venv", "bin")}:${env.PATH ?? ""}`;
    let outputs: Record<string, string> = {};
    let upOutput = "";

    before(async () => {
        assert.ok(SECTION.build.length > 0 && SECTION.install.length > 0 && SECTION.project && PLATFORM && TOPIC,
            `${DOC}'s "${HEADING}" shows two blocks of commands, a Pulumi.yaml and a program declaring a platform with a topic`);
        await removeOrphanedRuns(STACK, PLATFORM);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(path.join(dir, "state"), { recursive: true });
        await buildPackageAsNew(SECTION, env);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), SECTION.project);
        fs.writeFileSync(path.join(dir, "__main__.py"), SECTION.program);
        // One shell for the whole block, as a user types it: the virtualenv it activates stays active.
        const script = ["set -eo pipefail", ...SECTION.install.map((command) => asRunIn(command, STACK))].join("\n");
        try {
            upOutput = (await run("bash", ["-c", script], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
        } catch (error) {
            throw new Error(`${DOC}'s commands failed:\n${(error as { stdout?: string }).stdout ?? ""}\n${(error as Error).message}`);
        }
        outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout) as Record<string, string>;
        const sdk = /^pulumi\s+(\S+)$/m.exec((await run(path.join(dir, "venv", "bin", "pip"), ["list"], { env })).stdout)?.[1];
        const summary = /\+ \d+ created[\s\S]*?Duration: \S+/.exec(upOutput)?.[0].replace(/\s+/g, " ");
        process.stderr.write(`[${STACK}] pulumi up on the Python SDK ${sdk} (pip's pick): ${summary}\n`);
    });

    after(async () => {
        if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) return;
        await pulumi("destroy", "--yes", "--skip-preview").catch(() => undefined);
        await removeDockerObjects(`${PLATFORM}-${STACK}`);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("declares the platform through the plugin's construct, with the outputs the doc shows", () => {
        assert.match(upOutput, new RegExp(`streamstack:platform:StreamingPlatform\\s+${PLATFORM}\\s+creating`));
        assert.match(upOutput, new RegExp(`docker:index:Container\\s+${PLATFORM}-kafka-0\\s+created`));
        assert.match(upOutput, new RegExp(`streamstack:kafka:Topic\\s+${PLATFORM}-${TOPIC}\\s+created`));
        const shown = [...SECTION.program.matchAll(/^pulumi\.export\("(\w+)", .*# (\S+)$/gm)];
        assert.ok(shown.length > 0, "the doc's program shows the values of its outputs");
        for (const [, name, value] of shown) assert.equal(outputs[name!], value, `the doc says ${name} is ${value}`);
    });

    it("asks for the plugin version the SDK was generated from (the package's)", async () => {
        const version = (JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { version: string }).version;
        const state = JSON.parse((await pulumi("stack", "export")).stdout) as { deployment: { resources: { urn: string; type: string }[] } };
        const providers = state.deployment.resources.filter((r) => r.type === "pulumi:providers:streamstack").map((r) => r.urn.split("::").pop());
        assert.deepEqual(providers, [`default_${version.replace(/\./g, "_")}`]);
    });

    it("runs the platform's containers under its prefix, and its brokers serve its topic", async () => {
        assert.equal((await labelled("container", `${PLATFORM}-${STACK}`)).length, 4);
        assert.equal((await produceAndConsume(outputs.bootstrap!, TOPIC, 5)).length, 5);
    });

    it("leaves nothing after pulumi destroy", async () => {
        await pulumi("destroy", "--yes", "--skip-preview");
        assert.deepEqual(await leftBehind(`${PLATFORM}-${STACK}`), { container: [], volume: [], network: [] });
    });
});

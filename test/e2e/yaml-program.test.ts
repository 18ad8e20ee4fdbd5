/**
 * The platform from another Pulumi language: the README's Pulumi YAML program, in a folder of
 * its own, with nothing but the streamstack provider plugin installed (`pulumi plugin install
 * … --file`) and Pulumi YAML's language host (built by set-up from its Go module, as published).
 * The plugin's construct declares StreamingPlatform; the platform comes up with its topic, its
 * brokers serve it, and `pulumi destroy` leaves nothing.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { removeDockerObjects, removeOrphanedRuns } from "../../harness/e2e-stack";
import { buildPackageAsNew, inThisCache, ownProgramSection, programFolder } from "../../harness/own-program";
import { OWN_PROGRAM_SECTION } from "../../harness/readme-commands";
import { labelled, leftBehind } from "../../harness/platform-probe";
import { produceAndConsume } from "../../harness/kafka-client";

const run = promisify(execFile);
const STACK = `yaml-${process.pid}`;
const SECTION = ownProgramSection();
/** The README's YAML program, as the program's Pulumi.yaml. */
const PROGRAM = SECTION.blocks.find((block) => block.language === "yaml" && block.text.includes("streamstack:platform:StreamingPlatform"))?.text ?? "";
const PLATFORM = /^ {2}([a-z0-9-]+):\n {4}type: streamstack:platform:StreamingPlatform$/m.exec(PROGRAM)?.[1] ?? "";
const TOPIC = /topics: \[\{ name: ([a-z0-9.-]+)/.exec(PROGRAM)?.[1] ?? "";

describe("streamstack from a Pulumi YAML program (the plugin's construct)", { timeout: 20 * 60_000 }, () => {
    const { dir, env, pulumi } = programFolder(STACK);
    let outputs: Record<string, string> = {};
    let upOutput = "";

    before(async () => {
        assert.ok(PROGRAM && PLATFORM && TOPIC, `the README's "${OWN_PROGRAM_SECTION}" shows a YAML program declaring a platform with a topic`);
        await removeOrphanedRuns(STACK, PLATFORM);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(path.join(dir, "state"), { recursive: true });
        await buildPackageAsNew(SECTION, env);
        // A YAML program needs the plugin only: the README's `pulumi plugin install`, as written.
        const pluginInstall = SECTION.install.find((command) => command.startsWith("pulumi plugin install "));
        assert.ok(pluginInstall, "the README shows how to install the plugin");
        await run("bash", ["-c", inThisCache(pluginInstall!)], { env });
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PROGRAM);
        await pulumi("stack", "init");
        try {
            upOutput = (await pulumi("up", "--yes", "--skip-preview")).stdout;
        } catch (error) {
            throw new Error(`pulumi up failed:\n${(error as { stdout?: string }).stdout ?? ""}\n${(error as Error).message}`);
        }
        outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout) as Record<string, string>;
    });

    after(async () => {
        if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) return;
        await pulumi("destroy", "--yes", "--skip-preview").catch(() => undefined);
        await removeDockerObjects(`${PLATFORM}-${STACK}`);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("declares the platform through the plugin's construct: its resources named after it, the outputs the README shows", () => {
        assert.match(upOutput, new RegExp(`streamstack:platform:StreamingPlatform\\s+${PLATFORM}\\s+creating`));
        assert.match(upOutput, new RegExp(`docker:index:Container\\s+${PLATFORM}-kafka-0\\s+created`));
        assert.match(upOutput, new RegExp(`streamstack:kafka:Topic\\s+${PLATFORM}-${TOPIC}\\s+created`));
        const shown = [...PROGRAM.matchAll(/^ {2}(\w+): \$\{[^}]+\}\s+# (\S+)$/gm)];
        assert.ok(shown.length > 0, "the README's program shows the values of its outputs");
        for (const [, name, value] of shown) assert.equal(outputs[name!], value, `the README says ${name} is ${value}`);
    });

    it("runs the platform's containers under its prefix, and its brokers serve its topic", async () => {
        assert.equal((await labelled("container", `${PLATFORM}-${STACK}`)).length, 4);
        assert.equal((await produceAndConsume(outputs.bootstrap!, TOPIC, 5)).length, 5);
    });

    it("refuses bad settings at preview naming the argument, before anything changes", async () => {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PROGRAM.replace("replicas: 1,", "replicas: 2,"));
        try {
            await assert.rejects(pulumi("preview"), (error: { stdout?: string }) => {
                assert.match(error.stdout ?? "", /StreamingPlatform "[a-z0-9-]+" has 1 problem in its arguments:\n\s+- args\.zookeeper\.replicas = 2: a ZooKeeper ensemble needs an odd number of servers/);
                return true;
            });
        } finally {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PROGRAM);
        }
    });

    it("leaves nothing after pulumi destroy", async () => {
        await pulumi("destroy", "--yes", "--skip-preview");
        assert.deepEqual(await leftBehind(`${PLATFORM}-${STACK}`), { container: [], volume: [], network: [] });
    });
});

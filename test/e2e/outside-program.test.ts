/**
 * streamstack used as a package, by a Pulumi program that is not this repo, as a user would set
 * one up from the README: `npm install` of the packed tarball, the provider plugin installed with
 * `pulumi plugin install … --file`, a TypeScript program declaring two small platforms side by
 * side with a topic each. It comes up, each platform's brokers serve its topic, and
 * `pulumi destroy` leaves no container, volume or network of either behind.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { removeDockerObjects, removeOrphanedRuns } from "../../harness/e2e-stack";
import { asRunIn, buildPackageAsNew, ownProgramSection, programFolder } from "../../harness/own-program";
import { OWN_PROGRAM_SECTION } from "../../harness/readme-commands";
import { eventually, labelled, leftBehind } from "../../harness/platform-probe";
import { produceAndConsume, readTopicToEnd } from "../../harness/kafka-client";

const run = promisify(execFile);
const STACK = `outside-${process.pid}`;
const SECTION = ownProgramSection();
/** The program the README shows, as the user's index.ts. */
const PROGRAM = SECTION.blocks.find((block) => block.language === "typescript" && block.text.includes('from "streamstack"'))?.text ?? "";
const PLATFORMS = [...PROGRAM.matchAll(/new StreamingPlatform\("([a-z0-9-]+)"/g)].map((match) => match[1]!);
/** The job the README's program declares: its platform (the one before it), name and topics. */
const JOB = /new StreamingPlatform\("([a-z0-9-]+)"(?:(?!new StreamingPlatform)[\s\S])*?jobs: \[\{ name: "([a-z0-9-]+)".*"input-topic": "([a-z0-9.-]+)", "output-topic": "([a-z0-9.-]+)"/
    .exec(PROGRAM)?.slice(1) ?? [];

describe("streamstack from a program outside this repo (npm package + provider plugin)", { timeout: 30 * 60_000 }, () => {
    const { dir, env, pulumi } = programFolder(STACK);
    let outputs: Record<string, string> = {};
    let upOutput = "";

    before(async () => {
        assert.ok(SECTION.build.length > 0 && SECTION.install.length > 0 && PROGRAM && PLATFORMS.length === 2 && JOB.length === 4,
            `the README's "${OWN_PROGRAM_SECTION}" shows two blocks of commands and a program with two platforms and a job`);
        for (const platform of PLATFORMS) await removeOrphanedRuns(STACK, platform);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(path.join(dir, "state"), { recursive: true });
        await buildPackageAsNew(SECTION, env);
        // What Pulumi's TypeScript template gives a new program, and the README's program as index.ts.
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: outside-platforms\nruntime: nodejs\ndescription: two streamstack platforms side by side\n");
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "outside-platforms", private: true, main: "index.ts" }, null, 2));
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true } }, null, 2));
        fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
        for (const command of SECTION.install) {
            try {
                // `pulumi stack init` selects the stack, as it does for a user: the commands after it need no --stack.
                const { stdout } = await run("bash", ["-c", asRunIn(command, STACK)], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
                if (command === "pulumi up") upOutput = stdout;
            } catch (error) {
                throw new Error(`\`${command}\` failed:\n${(error as { stdout?: string }).stdout ?? ""}\n${(error as Error).message}`);
            }
        }
        outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout) as Record<string, string>;
        const sdk = (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
        process.stderr.write(`[${STACK}] the program runs on @pulumi/pulumi ${sdk}, as npm resolved the package's dependency\n`);
    });

    after(async () => {
        if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) return;
        await pulumi("destroy", "--yes", "--skip-preview").catch(() => undefined);
        for (const platform of PLATFORMS) await removeDockerObjects(`${platform}-${STACK}`);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("brings up both platforms, every resource named in its platform's scope, with the outputs the README shows", () => {
        for (const platform of PLATFORMS) {
            assert.match(upOutput, new RegExp(`streamstack:platform:StreamingPlatform\\s+${platform}\\s+creating`));
            assert.match(upOutput, new RegExp(`streamstack:kafka:Topic\\s+${platform}-${platform}\\s+created`));
            assert.match(upOutput, new RegExp(`docker:index:Container\\s+${platform}-kafka-0\\s+created`));
        }
        const shown = [...PROGRAM.matchAll(/^export const (\w+) = .*\/\/ (\S+)$/gm)];
        assert.ok(shown.length > 0, "the README's program shows the values of its outputs");
        for (const [, name, value] of shown) assert.equal(outputs[name!], value, `the README says ${name} is ${value}`);
    });

    it("runs each platform's containers under its own prefix, and each platform's brokers serve its own topic", async () => {
        for (const platform of PLATFORMS) {
            const containers = await labelled("container", `${platform}-${STACK}`);
            assert.equal(containers.length, 4, `${platform}: ${containers.join(", ")}`);
        }
        for (const platform of PLATFORMS) assert.equal((await produceAndConsume(outputs[`${platform}Bootstrap`]!, platform, 5)).length, 5, platform);
    });

    it("runs the job on its platform: its driver on a worker, its windowed counts in its output topic", async () => {
        const [platform, job, input, output] = JOB as [string, string, string, string];
        assert.match(upOutput, new RegExp(`streamstack:spark:StreamingJob\\s+${platform}-${job}\\s+created`));
        const bootstrap = outputs[`${platform}Bootstrap`]!;
        // The orders produced above (input) are counted per key and window, and the counts written out.
        assert.equal(input, platform, "the job reads the topic the test above wrote to");
        const counts = await eventually(`windowed counts in ${output}`, async () => {
            const read: string[] = [];
            await readTopicToEnd(bootstrap, output, (message) => read.push(message.value ?? ""));
            return read.length > 0 ? read : undefined;
        }, 180_000, 3000);
        const largest = counts.map((value) => JSON.parse(value) as { count: number }).reduce((most, row) => Math.max(most, row.count), 0);
        assert.ok(largest >= 1, `a window counted the orders: ${counts.join(" ")}`);
    });

    it("imports a topic made outside Pulumi with `pulumi import streamstack:kafka:Topic`, the brokers named in the id", async () => {
        const [platform] = PLATFORMS;
        const broker = `${platform}-${STACK}-kafka-0`;
        await run("docker", ["exec", broker, "kafka-topics.sh", "--bootstrap-server", "kafka-0:9092", "--create", "--topic", "audit", "--partitions", "2",
            "--replication-factor", "1", "--config", "retention.ms=3600000"]);
        const { stdout } = await pulumi("import", "streamstack:kafka:Topic", "audit", `${outputs[`${platform}Bootstrap`]}/audit`, "--yes", "--protect=false", "--generate-code=false");
        assert.match(stdout, /streamstack:kafka:Topic\s+audit\s+imported/);
        const state = JSON.parse((await pulumi("stack", "export")).stdout) as { deployment: { resources: { type: string; id?: string; outputs?: Record<string, unknown> }[] } };
        const audit = state.deployment.resources.find((r) => r.type === "streamstack:kafka:Topic" && r.id === "audit");
        assert.deepEqual([audit?.outputs?.partitions, audit?.outputs?.replicationFactor, audit?.outputs?.config], [2, 1, { "retention.ms": "3600000" }]);
        // Not in the program: the next up deletes it from the cluster, as it would any resource the program dropped.
        await pulumi("up", "--yes", "--skip-preview");
        const topics = await run("docker", ["exec", broker, "kafka-topics.sh", "--bootstrap-server", "kafka-0:9092", "--list"]);
        assert.doesNotMatch(topics.stdout, /^audit$/m);
    });

    it("leaves nothing of either platform after pulumi destroy", async () => {
        const destroyed = (await pulumi("destroy", "--yes", "--skip-preview")).stdout;
        assert.match(destroyed, /deleted/);
        for (const platform of PLATFORMS) {
            assert.deepEqual(await leftBehind(`${platform}-${STACK}`), { container: [], volume: [], network: [] }, platform);
        }
    });
});

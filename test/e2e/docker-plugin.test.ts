/**
 * The docker resource plugin built by set-up (plugins/docker) against its contract, the
 * @pulumi/docker SDK in node_modules: for every resource the SDK declares, the same input
 * property names in the plugin's schema. A mapping mistake (a TF block pluralized differently, a
 * token misspelled) fails here, not in a user's program. The build is not the published plugin,
 * so it carries a version of its own (<sdk version>+streamstack.N) and is installed under it,
 * never under the official name.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { PROJECT_DIR } from "../../harness/e2e-stack";

const sdkDir = path.join(PROJECT_DIR, "node_modules", "@pulumi", "docker");
const sdkVersion = (JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8")) as { pulumi: { version: string } }).pulumi.version;
const pluginsDir = path.join(process.env.PULUMI_HOME ?? "", "plugins");
const officialDir = path.join(pluginsDir, `resource-docker-v${sdkVersion}`);
/** Set-up's build: resource-docker-v<sdk version>+streamstack.N. */
const ownBuilds = fs.readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(`resource-docker-v${sdkVersion}+streamstack.`)).map((entry) => entry.name);
const pluginDir = path.join(pluginsDir, ownBuilds[0] ?? "missing");

interface PackageSchema {
    name: string;
    version: string;
    resources: Record<string, { inputProperties?: Record<string, unknown> }>;
    functions: Record<string, unknown>;
}

/** Tokens the SDK registers (`docker:index/container:Container`, ...), read from its JavaScript. */
function sdkTokens(): Set<string> {
    const tokens = new Set<string>();
    for (const file of fs.readdirSync(sdkDir).filter((f) => f.endsWith(".js"))) {
        for (const match of fs.readFileSync(path.join(sdkDir, file), "utf8").matchAll(/"(docker:index\/[A-Za-z]+:[A-Za-z]+)"/g)) tokens.add(match[1]);
    }
    return tokens;
}

/** Property names of `export interface <Name>Args` in the SDK's declaration file. */
function sdkArgs(file: string, name: string): string[] {
    const source = fs.readFileSync(path.join(sdkDir, `${file}.d.ts`), "utf8");
    const body = new RegExp(`export interface ${name}Args \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? "";
    return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

describe("docker resource plugin built by set-up", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(pluginDir, "schema.json"), "utf8")) as PackageSchema;

    it("is installed under a version of its own, which the engine matches to the SDK's request, never under the official name", () => {
        assert.equal(ownBuilds.length, 1, `exactly one build of set-up's in ${pluginsDir}: ${JSON.stringify(ownBuilds)}`);
        assert.ok(fs.statSync(path.join(pluginDir, "pulumi-resource-docker")).mode & 0o111, "the plugin binary is not executable");
        assert.equal(schema.name, "docker");
        assert.equal(`resource-docker-v${schema.version}`, ownBuilds[0], "the version it reports is the one it is installed under");
        assert.match(schema.version, new RegExp(`^${sdkVersion.replace(/\./g, "\\.")}\\+streamstack\\.\\d+$`));
        assert.equal(fs.existsSync(officialDir), false, `${officialDir} may hold only an official plugin, and set-up must not install one`);
    });

    it("serves every resource and function token of the SDK (the native docker.Image build resource aside)", () => {
        const served = new Set([...Object.keys(schema.resources), ...Object.keys(schema.functions)]);
        const missing = [...sdkTokens()].filter((token) => !served.has(token) && token !== "docker:index/image:Image");
        assert.deepEqual(missing, []);
    });

    it("names every resource input property exactly as the SDK does", () => {
        for (const [token, resource] of Object.entries(schema.resources)) {
            const [, module, name] = token.split(":");
            const file = module.split("/")[1];
            assert.deepEqual(Object.keys(resource.inputProperties ?? {}).sort(), sdkArgs(file, name), token);
        }
    });
});

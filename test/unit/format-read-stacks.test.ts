import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { inFreshNode } from "../support/fresh-node";

const HOOK = path.resolve(__dirname, "..", "..", "accelerators", "sdk", "format-read-stacks.js");

/**
 * In a fresh Node process (Error.prepareStackTrace is per process): installs a stand-in for
 * source-map-support that counts its calls, wraps it, then takes the stacks the SDK takes — a
 * bare `new Error()`'s, an error with a message raised in a file of a dependency and one raised
 * in a file of the build.
 */
async function stacksInFreshNode(): Promise<Record<string, string | number>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-stacks-"));
    const buildDir = path.join(dir, "build");
    const dependencyDir = path.join(dir, "node_modules", "dep");
    fs.mkdirSync(buildDir, { recursive: true });
    fs.mkdirSync(dependencyDir, { recursive: true });
    const raiser = "exports.raise = (message) => { try { throw new Error(message); } catch (error) { return error.stack; } };\n";
    fs.writeFileSync(path.join(buildDir, "own.js"), raiser);
    fs.writeFileSync(path.join(dependencyDir, "index.js"), raiser);
    const script = `
        let mappedCalls = 0;
        Error.prepareStackTrace = (error, sites) => { mappedCalls++; return "MAPPED " + error.message; };
        require(${JSON.stringify(HOOK)}).formatOnlyStacksThatAreRead(${JSON.stringify(buildDir)});
        function callsites() { return new Error().stack; }
        const bare = callsites();
        const afterBare = mappedCalls;
        const dependency = require(${JSON.stringify(dependencyDir)}).raise("from a dependency");
        const afterDependency = mappedCalls;
        const own = require(${JSON.stringify(path.join(buildDir, "own.js"))}).raise("from the program");
        console.log(JSON.stringify({ bare, afterBare, dependency, afterDependency, own, mappedCalls }));
    `;
    try {
        return await inFreshNode<Record<string, string | number>>(script, {});
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("stack traces formatted only as far as someone reads them", () => {
    it("keeps bare traces plain and maps only errors raised in the program's build", async () => {
        const stacks = await stacksInFreshNode();
        assert.match(String(stacks.bare), /^Error\n {4}at callsites \(\[eval\]:\d+:\d+\)/, "a bare trace keeps V8's plain format with its frames");
        assert.equal(stacks.afterBare, 0, "it is not source-mapped");
        assert.match(String(stacks.dependency), /^Error: from a dependency\n {4}at .*node_modules\/dep\/index\.js:1:\d+/);
        assert.equal(stacks.afterDependency, 0, "an error raised inside a dependency is not source-mapped");
        assert.equal(stacks.own, "MAPPED from the program");
        assert.equal(stacks.mappedCalls, 1);
    });
});

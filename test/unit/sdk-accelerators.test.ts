import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { acceleratorsApply, OPT_IN, WRITTEN_AGAINST } from "../../accelerators/sdk";
import { inFreshNode } from "../support/fresh-node";

const ACCELERATORS = path.resolve(__dirname, "..", "..", "accelerators", "sdk", "index.js");
const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * In a fresh Node process (the SDK's module exports, Module._load and Error.prepareStackTrace
 * are per process): what accelerateProgram changes, for an environment and an SDK version.
 */
function programInFreshNode(env: NodeJS.ProcessEnv, sdkVersion: string): Promise<Record<string, unknown>> {
    return inFreshNode<Record<string, unknown>>(`
        const Module = require("node:module");
        const log = require("@pulumi/pulumi/log");
        const debuggable = require("@pulumi/pulumi/runtime/debuggable");
        const said = [];
        log.debug = (message) => { said.push(message); return Promise.resolve(); };
        const before = { load: Module._load, track: debuggable.debuggablePromise, debug: log.debug };
        const { accelerateProgram } = require(${JSON.stringify(ACCELERATORS)});
        accelerateProgram(${JSON.stringify(PROJECT_ROOT)}, process.env, ${JSON.stringify(sdkVersion)});
        accelerateProgram(${JSON.stringify(PROJECT_ROOT)}, process.env, ${JSON.stringify(sdkVersion)});
        console.log(JSON.stringify({
            moduleLoadPatched: Module._load !== before.load,
            promiseTrackingPatched: debuggable.debuggablePromise !== before.track,
            debugLogPatched: log.debug !== before.debug,
            said,
        }));
    `, env);
}

describe("SDK accelerators: opt-in, and only on the SDK version they were written against", () => {
    it("apply only when opted in and the version matches; say why not once when opted in", () => {
        const said: string[] = [];
        const say = (message: string) => said.push(message);
        assert.equal(acceleratorsApply({}, WRITTEN_AGAINST, say), false, "off by default");
        assert.equal(acceleratorsApply({ [OPT_IN]: "1" }, WRITTEN_AGAINST, say), false, "only the exact value true opts in");
        assert.deepEqual(said, [], "nothing to say to a user who did not opt in");
        assert.equal(acceleratorsApply({ [OPT_IN]: "true" }, WRITTEN_AGAINST, say), true);
        assert.equal(acceleratorsApply({ [OPT_IN]: "true" }, "3.999.0", say), false);
        assert.equal(said.length, 1);
        assert.match(said[0]!, new RegExp(`written against @pulumi/pulumi ${WRITTEN_AGAINST.replace(/\./g, "\\.")} and this is 3\\.999\\.0: they are off`));
    });

    it("leave the SDK untouched by default", async () => {
        const seen = await programInFreshNode({}, WRITTEN_AGAINST);
        assert.deepEqual(seen, { moduleLoadPatched: false, promiseTrackingPatched: false, debugLogPatched: false, said: [] });
    });

    it("leave the SDK untouched on another SDK version, and say so once at debug level", async () => {
        const seen = await programInFreshNode({ [OPT_IN]: "true" }, "3.999.0");
        assert.equal(seen.moduleLoadPatched, false);
        assert.equal(seen.promiseTrackingPatched, false);
        assert.equal(seen.debugLogPatched, false);
        assert.equal((seen.said as string[]).length, 1, "said once, though asked twice");
        assert.match((seen.said as string[])[0]!, /are off, and the program runs on the SDK as published/);
    });

    it("install all of them when opted in on the version they were written against", async () => {
        const seen = await programInFreshNode({ [OPT_IN]: "true" }, WRITTEN_AGAINST);
        assert.deepEqual(seen, { moduleLoadPatched: true, promiseTrackingPatched: true, debugLogPatched: true, said: [] });
    });
});

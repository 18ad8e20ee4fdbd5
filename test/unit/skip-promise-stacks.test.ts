import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { UNRECORDED_PROMISE_STACK } from "../../accelerators/sdk/skip-promise-stacks";
import { inFreshNode } from "../support/fresh-node";

const HOOK = path.resolve(__dirname, "..", "..", "accelerators", "sdk", "skip-promise-stacks.js");

/**
 * In a fresh Node process (the SDK module and Error.stackTraceLimit are per process): wraps the
 * SDK's own debuggablePromise, counts the frames V8 hands the stack formatter while the SDK
 * tracks a promise, and reads back what the SDK recorded on it and whether it still tracks it.
 */
interface Tracked { frames: number[]; recorded: string; debugId: number; tracked: boolean; settled: boolean; limitAfter: number }

async function trackInFreshNode(env: NodeJS.ProcessEnv): Promise<Tracked> {
    const script = `
        const debuggable = require("@pulumi/pulumi/runtime/debuggable");
        const { getStore } = require("@pulumi/pulumi/runtime/state");
        require(${JSON.stringify(HOOK)}).skipUnreadPromiseStacks(debuggable);
        const frames = [];
        Error.prepareStackTrace = (error, sites) => { frames.push(sites.length); return "formatted"; };
        let settle;
        const promise = new Promise((resolve) => { settle = resolve; });
        const tracked = debuggable.debuggablePromise(promise, "a context");
        const pending = getStore().leakCandidates.has(promise);
        settle(7);
        tracked.then((value) => setImmediate(() => console.log(JSON.stringify({
            frames, recorded: promise._debugStackTrace, debugId: promise._debugId, tracked: pending,
            settled: value === 7 && !getStore().leakCandidates.has(promise), limitAfter: Error.stackTraceLimit,
        }))));
    `;
    return inFreshNode<Tracked>(script, env);
}

describe("the SDK's tracked promises without a recorded stack", () => {
    it("takes no frames, records the placeholder and still tracks the promise until it settles", async () => {
        const result = await trackInFreshNode({});
        assert.deepEqual(result.frames, [0], "V8 walked no frames for the SDK's Error");
        assert.equal(result.recorded, UNRECORDED_PROMISE_STACK);
        assert.equal(typeof result.debugId, "number");
        assert.equal(result.tracked, true, "a pending promise is a leak candidate, as before");
        assert.equal(result.settled, true, "the value passes through and the promise stops being a candidate");
        assert.equal(result.limitAfter, 10, "Error.stackTraceLimit is restored");
    });

    it("records the real stack when PULUMI_DEBUG_PROMISE_LEAKS is set", async () => {
        const result = await trackInFreshNode({ PULUMI_DEBUG_PROMISE_LEAKS: "true" });
        assert.equal(result.frames.length, 1);
        assert.ok(result.frames[0] > 0, "the frames are taken");
        assert.equal(result.recorded, "formatted");
    });
});

import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { isSdkBookkeeping } from "../../accelerators/sdk/quiet-sdk-debug-log";
import { inFreshNode } from "../support/fresh-node";

const HOOK = path.resolve(__dirname, "..", "..", "accelerators", "sdk", "quiet-sdk-debug-log.js");

/**
 * In a fresh Node process: stands in for the engine behind the SDK's `log.debug`, installs the
 * filter, then registers a resource and invokes a function through the real SDK runtime (with
 * Pulumi's mocks as the engine) and logs a message of the program's own. Returns what reached
 * the engine.
 */
async function debugMessagesInFreshNode(env: NodeJS.ProcessEnv): Promise<string[]> {
    const script = `
        const log = require("@pulumi/pulumi/log");
        const sent = [];
        log.debug = (message) => { sent.push(message); return Promise.resolve(); };
        require(${JSON.stringify(HOOK)}).quietSdkBookkeepingLog(log);
        const pulumi = require("@pulumi/pulumi");
        pulumi.runtime.setMocks({
            newResource: (args) => ({ id: args.name + "-id", state: args.inputs }),
            call: (args) => args.inputs,
        }, "project", "stack", true);
        const thing = new pulumi.CustomResource("test:index:Thing", "thing", { size: 1 });
        const answer = pulumi.runtime.invoke("test:index:getAnswer", { question: "?" });
        pulumi.log.debug("the program's own message");
        Promise.all([thing.urn.promise(), answer]).then(() => setTimeout(() => console.log(JSON.stringify(sent)), 50));
    `;
    return inFreshNode<string[]>(script, env);
}

describe("the SDK runtime's bookkeeping debug messages", () => {
    it("do not reach the engine; the program's own debug messages do", async () => {
        assert.deepEqual(await debugMessagesInFreshNode({}), ["the program's own message"]);
    });

    it("all reach it with STREAMSTACK_SDK_DEBUG_LOG=true", async () => {
        const sent = await debugMessagesInFreshNode({ STREAMSTACK_SDK_DEBUG_LOG: "true" });
        assert.ok(sent.includes("the program's own message"));
        assert.ok(sent.some((message) => message.startsWith("Registering resource: t=test:index:Thing, name=thing")), JSON.stringify(sent));
        assert.ok(sent.some((message) => message.startsWith("Invoking function: tok=test:index:getAnswer")), JSON.stringify(sent));
        assert.ok(sent.every((message) => message === "the program's own message" || isSdkBookkeeping(message)),
            `every other message the SDK sent is one the filter knows: ${JSON.stringify(sent)}`);
    });
});

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { inFreshNode } from "../support/fresh-node";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");
const PAUSE = path.join(BUILD_ROOT, "accelerators", "sdk", "sdk-debugger.js");

/**
 * In a fresh Node process, as Pulumi's run harness leaves it (the SDK's inspector session
 * connected, the debugger on): pauses the debugger, loads a module, counts the scripts the
 * SDK's session hears about meanwhile, then asks the SDK where a function of that module is
 * (function serialization's question) and serializes a closure.
 */
async function inHarnessLikeNode(pause: boolean): Promise<Record<string, unknown>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-debugger-"));
    const moduleFile = path.join(dir, "late.js");
    fs.writeFileSync(moduleFile, "exports.located = function located() { return 1; };\n");
    const script = `
        (async () => {
            const hooks = require("@pulumi/pulumi/runtime/closure/v8Hooks");
            await hooks.isInitializedAsync();
            const session = await hooks.getSessionAsync();
            let heard = 0;
            session.on("Debugger.scriptParsed", () => heard++);
            if (${pause}) await require(${JSON.stringify(PAUSE)}).pauseSdkDebugger();
            heard = 0;
            const { located } = require(${JSON.stringify(moduleFile)});
            const heardWhilePaused = heard;
            const location = await require("@pulumi/pulumi/runtime/closure/v8").getFunctionLocationAsync(located);
            const captured = { answer: 42 };
            const serialized = await require("@pulumi/pulumi").runtime.serializeFunction(() => captured.answer * 2);
            console.log(JSON.stringify({ heardWhilePaused, file: location.file, capturedKept: serialized.text.includes("{answer: 42}") }));
        })().catch((error) => { console.error(error); process.exit(1); });
    `;
    try {
        return { ...await inFreshNode<Record<string, unknown>>(script), moduleUrl: `file://${moduleFile}` };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("the SDK's debugger paused while the program runs", () => {
    it("hears of no module loaded while paused, and is back, with every script mapped, when function serialization asks", async () => {
        const paused = await inHarnessLikeNode(true);
        assert.equal(paused.heardWhilePaused, 0, "the module loaded while paused was not reported to the debugger");
        assert.equal(paused.file, paused.moduleUrl, "the SDK finds the file of a function loaded while paused");
        assert.equal(paused.capturedKept, true, "serializeFunction still captures a closure's variables");
    });

    it("is on without the pause (what the harness does), so the test above can tell", async () => {
        const harness = await inHarnessLikeNode(false);
        assert.ok(Number(harness.heardWhilePaused) >= 1);
        assert.equal(harness.file, harness.moduleUrl);
    });
});

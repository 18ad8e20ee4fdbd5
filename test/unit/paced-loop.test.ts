/** The load and watch loops of the tests and benchmarks (harness/paced-loop.ts). */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pacedLoop } from "../../harness/paced-loop";

describe("paced loop", () => {
    it("runs steps in turn, counting ticks from 0, never two at once, and stop() waits for the step under way", async () => {
        const ticks: number[] = [];
        let running = 0;
        let overlapped = false;
        let finished = 0;
        const loop = pacedLoop(10, async (tick) => {
            running++;
            overlapped ||= running > 1;
            ticks.push(tick);
            await new Promise((resolve) => setTimeout(resolve, 25));
            running--;
            finished++;
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        await loop.stop();
        assert.ok(ticks.length >= 2, `ran ${ticks.length} steps`);
        assert.deepEqual(ticks, ticks.map((_, i) => i));
        assert.equal(overlapped, false);
        assert.equal(finished, ticks.length, "the last step finished before stop() resolved");
    });
});

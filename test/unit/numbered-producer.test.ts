/** The NumberedProducer's audit (harness/numbered-producer.ts), on a topic another producer wrote to first. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { auditNumbers } from "../../harness/numbered-producer";

describe("a numbered producer's audit", () => {
    it("finds its own lost message although an earlier producer wrote the same number to the topic (the rolling-change e2e's two phases)", () => {
        const earlier = Array.from({ length: 5 }, (_, n) => `earlier:${n}`);
        const own = ["now:0", "now:1", "now:3", "now:4", "now:4"];
        assert.deepEqual(auditNumbers("now", [0, 1, 2, 3, 4], [...earlier, ...own]), { consumed: 5, lost: [2], duplicates: 1 });
    });

    it("counts nothing of another producer's messages", () => {
        assert.deepEqual(auditNumbers("now", [], ["earlier:0", "7", "earlier:1"]), { consumed: 0, lost: [], duplicates: 0 });
    });
});

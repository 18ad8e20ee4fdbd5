/** The benchmarks' whole-number flags (harness/bench-args.ts): `--runs 3`, `--minutes 10`. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runsFromArgs, wholeNumberFlag } from "../../harness/bench-args";

describe("benchmark flags", () => {
    it("reads the number after the flag, or the fallback without the flag", () => {
        assert.equal(wholeNumberFlag(["--minutes", "2"], "--minutes", 10), 2);
        assert.equal(wholeNumberFlag([], "--minutes", 10), 10);
        assert.equal(runsFromArgs(["--runs", "5"], 3), 5);
    });

    it("refuses what is not a positive whole number, naming the flag", () => {
        assert.throws(() => wholeNumberFlag(["--minutes", "0"], "--minutes", 10), /--minutes must be a positive whole number, got '0'/);
        assert.throws(() => wholeNumberFlag(["--minutes"], "--minutes", 10), /--minutes must be a positive whole number, got ''/);
        assert.throws(() => runsFromArgs(["--runs", "2.5"], 3), /--runs must be a positive whole number, got '2.5'/);
    });
});

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/** Source-tree test/golden, also when running the compiled copy under build/. */
const GOLDEN_DIR = path.resolve(__dirname, "..", "..", "..", "test", "golden");

/**
 * Compares rendered text with test/golden/<name>. UPDATE_GOLDEN=1 rewrites the file
 * instead; the diff then shows up in review like any other change.
 */
export function assertGolden(name: string, actual: string): void {
    const file = path.join(GOLDEN_DIR, name);
    if (process.env.UPDATE_GOLDEN === "1") {
        fs.writeFileSync(file, actual);
        return;
    }
    assert.ok(fs.existsSync(file), `golden file ${file} is missing; run with UPDATE_GOLDEN=1 to create it`);
    assert.equal(actual, fs.readFileSync(file, "utf8"), `rendered text differs from ${file}`);
}

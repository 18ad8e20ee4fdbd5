/**
 * Writes docs/configuration.md from the settings contract (operations/config-reference.ts);
 * a unit test fails when the file is stale.
 * Usage: npm run docs:config
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { configReference } from "../operations/config-reference";

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = path.join(ROOT, "components", "config", "defaults.ts");
const TARGET = path.join(ROOT, "docs", "configuration.md");

const reference = configReference(fs.readFileSync(SOURCE, "utf8"));
if (reference.problems.length > 0) {
    console.error(`components/config/defaults.ts: ${reference.problems.length} problem(s):\n${reference.problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
}
fs.writeFileSync(TARGET, reference.markdown);
console.log(`wrote ${path.relative(ROOT, TARGET)}`);

/**
 * Writes docs/configuration.md from the settings contract (operations/config-reference.ts).
 * Usage: npm run docs:config [-- --check]   (--check: exit 1 when the file is stale, write nothing)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULTS, JOB_DEFAULTS, TOPIC_DEFAULTS } from "../components/config/defaults";
import { configReference } from "../operations/config-reference";

const ROOT = path.resolve(__dirname, "..", "..");
const SOURCE = path.join(ROOT, "components", "config", "defaults.ts");
const TARGET = path.join(ROOT, "docs", "configuration.md");

const reference = configReference({ source: fs.readFileSync(SOURCE, "utf8"), defaults: DEFAULTS, entryDefaults: { topics: TOPIC_DEFAULTS, jobs: JOB_DEFAULTS } });
if (reference.problems.length > 0) {
    console.error(`components/config/defaults.ts: ${reference.problems.length} problem(s):\n${reference.problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
}
if (process.argv.includes("--check")) {
    const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : "";
    if (current !== reference.markdown) {
        console.error("docs/configuration.md is stale: run npm run docs:config");
        process.exit(1);
    }
    console.log("docs/configuration.md matches components/config/defaults.ts");
} else {
    fs.writeFileSync(TARGET, reference.markdown);
    console.log(`wrote ${path.relative(ROOT, TARGET)}`);
}

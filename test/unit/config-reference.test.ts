import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { DEFAULTS } from "../../components/config/defaults";
import { configReference } from "../../operations/config-reference";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SOURCE = fs.readFileSync(path.join(ROOT, "components", "config", "defaults.ts"), "utf8");

describe("the configuration reference is generated from the contract the validation uses", () => {
    it("documents every key with the default the validation fills in, and docs/configuration.md is that reference", () => {
        const reference = configReference(SOURCE);
        assert.deepEqual(reference.problems, []);
        const written = fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8");
        assert.ok(written === reference.markdown, "docs/configuration.md is stale: run npm run docs:config and commit it");
        for (const key of Object.keys(DEFAULTS)) assert.match(written, new RegExp(`## \`streamstack:${key}\``));
        assert.match(written, /\| `replicas` \| integer \| `3` \|/);
        assert.match(written, /\| `checkpoint\.path` \| string \| `"\/checkpoints"` \|/);
        assert.match(written, /\| `\[\]\.partitions` \| integer \| `1` \|/);
    });

    it("fails on a key without a description, a @default that differs from the validation's, and a default the TSDoc leaves out", () => {
        const broken = SOURCE
            .replace("     * JVM heap of each server, in MiB.\n     * @default 256\n", "     * @default 256\n")
            .replace("@default 19092", "@default 9092")
            .replace("     * Replication factor of topics that do not set one (at most `brokers`).\n     * @default 3\n", "     * Replication factor of topics that do not set one (at most `brokers`).\n");
        assert.notEqual(broken, SOURCE);
        const { problems } = configReference(broken);
        assert.deepEqual(problems, [
            "zookeeper.heapMb: no description (write a TSDoc comment on heapMb)",
            "kafka.defaultReplicationFactor: defaults to 3, which its TSDoc does not say (add @default 3)",
            "ports.kafkaExternal: @default 9092 but the validation fills in 19092",
        ]);
    });
});

/**
 * What the README shows without running anything: its stack-config example is valid, and the
 * error it shows for bad input is the one the validation gives. (test/e2e/readme.test.ts runs
 * its commands.)
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { ConfigError } from "../../components/config";
import { readStackConfig } from "../../components/config/stack-config";
import { resolveSettings } from "../../components/platform/settings";
import { fencedBlocks } from "../../harness/readme-commands";
import { stackFileConfig } from "../../review/command";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const blocks = (language: string) => fencedBlocks(README).filter((block) => block.language === language).map((block) => block.text);


describe("README", () => {
    it("shows a stack config the validation accepts", () => {
        const examples = blocks("yaml").filter((text) => text.startsWith("config:"));
        assert.ok(examples.length > 0, "the README shows a stack config");
        for (const example of examples) assert.doesNotThrow(() => resolveSettings(readStackConfig(stackFileConfig(example)), { localAddresses: ["127.0.0.1"] }));
    });

    it("shows the error the validation gives for the bad input it names", () => {
        const shown = blocks("").find((text) => text.startsWith("error: streamstack configuration has"));
        assert.ok(shown, "the README shows a configuration error");
        // The input the error names: a misspelt key and an even ensemble.
        const error = (() => {
            try {
                resolveSettings({ spark: { coreMax: 4 }, zookeeper: { replicas: 4 } });
            } catch (thrown) {
                return thrown;
            }
            return undefined;
        })();
        assert.ok(error instanceof ConfigError);
        // Pulumi prints a RunError's message after "error: ".
        assert.equal(shown, `error: ${error.message}\n`);
    });
});

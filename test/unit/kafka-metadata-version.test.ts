/** streamstack:kafka:MetadataVersion as the provider serves it, without a cluster: what changes and what asks Kafka. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metadataVersionHandler } from "../../plugins/streamstack/kafka/metadata-version-handler";

const OLDS = { release: "3.9", bootstrapServers: "127.0.0.1:1", level: 21 };

describe("streamstack:kafka:MetadataVersion", () => {
    it("checks that release is a release line", async () => {
        const handler = metadataVersionHandler();
        assert.deepEqual((await handler.check(undefined, { release: "4.4", bootstrapServers: "b:1" })).failures, []);
        assert.deepEqual((await handler.check(undefined, { release: "4.4.0", bootstrapServers: "b:1" })).failures?.map((f) => f.property), ["release"]);
    });

    it("changes with a new release line, never replaces (a replacement would delete first), and asks nothing of Kafka for a new login alone", async () => {
        const handler = metadataVersionHandler();
        const upgraded = await handler.diff("metadata.version", OLDS, { ...OLDS, release: "4.4" });
        assert.deepEqual([upgraded.changes, upgraded.replaces], [true, []]);
        assert.equal((await handler.diff("metadata.version", OLDS, { ...OLDS })).changes, false);
        // Port 1 answers nobody: had the update asked Kafka, it would fail.
        const relogged = await handler.update("metadata.version", OLDS, { ...OLDS, auth: { mechanism: "SCRAM-SHA-512", username: "a", password: "b" } });
        assert.equal(relogged.outs?.level, 21);
    });
});

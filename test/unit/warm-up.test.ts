import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { usesStreamstackProvider } from "../../program/warm-up";

describe("provider warm-up", () => {
    it("starts the streamstack provider early only for a stack that uses it (an invoke alone would add it to the state)", () => {
        const docker = resolveSettings({ topics: [] });
        assert.equal(usesStreamstackProvider(docker), true, "the Docker target's readiness gates");
        const k8s = { ...docker, target: "kubernetes" as const };
        assert.equal(usesStreamstackProvider(k8s), false, "k8s without topics or jobs");
        assert.equal(usesStreamstackProvider({ ...k8s, topics: resolveSettings({}).topics }), resolveSettings({}).topics.length > 0);
    });
});

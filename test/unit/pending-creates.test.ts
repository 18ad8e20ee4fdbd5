import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importFileFor } from "../../scripts/lib/import-file";
import { ADOPTED_TYPES, pendingCreates } from "../../scripts/lib/pending-creates";

describe("npm run recover: pending creates of an interrupted up", () => {
    const deployment = {
        pending_operations: [
            { type: "creating", resource: { urn: "urn:pulumi:s::p::streamstack:kafka:Topic::t1", type: "streamstack:kafka:Topic", inputs: { name: "t1" } } },
            { type: "creating", resource: { urn: "urn:pulumi:s::p::docker:index/container:Container::kafka-0", type: "docker:index/container:Container" } },
            { type: "deleting", resource: { urn: "urn:pulumi:s::p::docker:index/volume:Volume::v", type: "docker:index/volume:Volume" } },
        ],
    };

    it("lists the pending creates only, with their inputs", () => {
        assert.deepEqual(pendingCreates(deployment).map((p) => [p.type, p.inputs]), [
            ["streamstack:kafka:Topic", { name: "t1" }],
            ["docker:index/container:Container", {}],
        ]);
        assert.deepEqual(pendingCreates({}), []);
    });

    it("adopts topics; containers are replaced instead", () => {
        assert.deepEqual(ADOPTED_TYPES, ["streamstack:kafka:Topic"]);
    });

    it("imports each adopted topic under its parent and name, so the program's next registration is it", () => {
        const kafka = "urn:pulumi:s::p::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster::kafka";
        assert.deepEqual(importFileFor([
            { urn: `urn:pulumi:s::p::streamstack:kafka:Topic::t1`, type: "streamstack:kafka:Topic", id: "t1", parent: kafka },
            { urn: `urn:pulumi:s::p::streamstack:kafka:Topic::t2`, type: "streamstack:kafka:Topic", id: "t2", parent: kafka },
        ]), {
            nameTable: { "parent-0": kafka },
            resources: [
                { type: "streamstack:kafka:Topic", name: "t1", id: "t1", parent: "parent-0" },
                { type: "streamstack:kafka:Topic", name: "t2", id: "t2", parent: "parent-0" },
            ],
        });
    });
});

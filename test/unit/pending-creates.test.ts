import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importFileFor } from "../../operations/import-file";
import { guardUrnOf, pendingCreates, recoveryOf, unguardedVolumes } from "../../operations/pending-creates";

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

    it("adopts topics and volume guards, removes the stack's containers, drops the rest", () => {
        assert.equal(recoveryOf("streamstack:kafka:Topic"), "adopt");
        assert.equal(recoveryOf("streamstack:docker:VolumeGuard"), "adopt");
        assert.equal(recoveryOf("docker:index/container:Container"), "remove");
        assert.equal(recoveryOf("docker:index/volume:Volume"), "drop");
        assert.equal(recoveryOf("streamstack:platform:ReadinessGate"), "drop");
    });

    it("finds the data volumes a stack holds without a guard, and names each guard as the Docker target does", () => {
        const parent = "urn:pulumi:s::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster::kafka";
        const volume = (name: string) => `urn:pulumi:s::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster$docker:index/volume:Volume::volume-${name}`;
        const guard = (name: string) => `urn:pulumi:s::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster$streamstack:docker:VolumeGuard::volume-${name}-guard`;
        assert.equal(guardUrnOf(volume("kafka-0-data")), guard("kafka-0-data"));
        assert.equal(guardUrnOf(volume("checkpoints")), guard("checkpoints"));
        assert.equal(guardUrnOf(`urn:pulumi:s::streamstack::docker:index/volume:Volume::scratch`), undefined, "a volume the model did not name has no guard");
        const deployment = {
            resources: [
                { urn: volume("kafka-0-data"), type: "docker:index/volume:Volume", parent, inputs: { name: "streamstack-s-kafka-0-data" } },
                { urn: volume("kafka-1-data"), type: "docker:index/volume:Volume", parent, inputs: { name: "streamstack-s-kafka-1-data" } },
                { urn: guard("kafka-1-data"), type: "streamstack:docker:VolumeGuard", parent, inputs: { volume: "streamstack-s-kafka-1-data" } },
            ],
        };
        assert.deepEqual(unguardedVolumes(deployment), [{ urn: guard("kafka-0-data"), parent, volume: "streamstack-s-kafka-0-data" }]);
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

/** The benchmarks' step recorder (harness/up-steps.ts), fed the engine's events as an up emits them. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { upStepRecorder } from "../../harness/up-steps";

const urn = (name: string) => `urn:pulumi:dev::streamstack::streamstack:platform:StreamingPlatform$docker:index/container:Container::${name}`;
const pre = (name: string, op: string) => ({ resourcePreEvent: { metadata: { urn: urn(name), type: "docker:index/container:Container", op } } }) as unknown as EngineEvent;
const done = (name: string) => ({ resOutputsEvent: { metadata: { urn: urn(name), type: "docker:index/container:Container", op: "create" } } }) as unknown as EngineEvent;

describe("up step recorder", () => {
    it("records each changing resource's name, type, start and end in order of completion, and leaves unchanged ones out", () => {
        const recorder = upStepRecorder();
        for (const event of [pre("streamstack-zookeeper-0", "create"), pre("streamstack-network", "same"), done("streamstack-network"), done("streamstack-zookeeper-0")]) recorder.onEvent(event);
        assert.deepEqual(recorder.steps.map((step) => [step.name, step.type]), [["streamstack-zookeeper-0", "docker:index/container:Container"]]);
        const [step] = recorder.steps;
        assert.ok(step!.start >= 0 && step!.end >= step!.start, JSON.stringify(step));
    });
});

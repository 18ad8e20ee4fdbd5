import { EngineEvent } from "@pulumi/pulumi/automation";

/** One resource's step in an update: when the engine started it and when its outputs came back, in seconds from the recorder's start. */
export interface UpStep { name: string; type: string; start: number; end: number }

/**
 * Records, from the engine's events, each resource step of an update that changes something
 * (create, update, replace…): the benchmarks' timelines of where an `up` spends its time.
 */
export function upStepRecorder(startedAt = performance.now()): { onEvent: (event: EngineEvent) => void; steps: UpStep[] } {
    const open = new Map<string, { type: string; start: number }>();
    const steps: UpStep[] = [];
    const at = () => (performance.now() - startedAt) / 1000;
    return {
        steps,
        onEvent(event) {
            const pre = event.resourcePreEvent?.metadata;
            if (pre && pre.op !== "same") open.set(pre.urn, { type: pre.type, start: at() });
            const done = event.resOutputsEvent?.metadata;
            const begun = done && open.get(done.urn);
            if (done && begun) steps.push({ name: done.urn.slice(done.urn.lastIndexOf("::") + 2), type: begun.type, start: begun.start, end: at() });
        },
    };
}

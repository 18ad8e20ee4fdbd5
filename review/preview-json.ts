/**
 * The parts of `pulumi preview --json` the review reads (the engine's display JSON: one step
 * per resource operation, with the old and new state as the engine sees them).
 */

import { PolicyViolation } from "./policy-events";

export type StepOp = "same" | "create" | "update" | "delete" | "replace" | "create-replacement" | "delete-replaced" | "read" | "refresh" | "discard" | "import";

export interface ResourceState {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
}

export interface PreviewStep {
    op: StepOp;
    urn: string;
    oldState?: ResourceState;
    newState?: ResourceState;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }> | null;
}

export interface PreviewJson {
    config?: Record<string, string>;
    steps: PreviewStep[];
    changeSummary?: Record<string, number>;
    diagnostics?: { message: string; severity: string; urn?: string }[];
    /** Not the engine's `--json` (it leaves them out): added from a streamed preview with the policy pack; undefined = not run. */
    policyViolations?: PolicyViolation[];
}

/** `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>` -> `<name>`. */
export function resourceName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

export function resourceType(step: PreviewStep): string {
    return step.newState?.type ?? step.oldState?.type ?? "";
}

/** The operations a reviewer sees: a replacement is one `replace`, not its two halves. */
export function reviewedSteps(preview: PreviewJson): PreviewStep[] {
    return preview.steps.filter((step) => !["same", "create-replacement", "delete-replaced", "read", "refresh", "discard"].includes(step.op)
        && !resourceType(step).startsWith("pulumi:"));
}

import { PlatformChange } from "./platform-changes";

/**
 * What a StatefulSet change (the Kubernetes target's members) does to its pods. A changed pod
 * template rolls the pods one at a time from the highest ordinal down, each after the previous
 * one is Ready again; fewer replicas delete the highest ordinals; a replaced StatefulSet stops
 * every pod at once.
 */
export interface WorkloadRollout {
    group: string;
    /** Pods restarted with the new template, in the order the StatefulSet controller restarts them. */
    restarted: string[];
    /** Pods deleted by a scale-down (their claims stay: whenScaled: Retain). */
    removed: string[];
    /** The StatefulSet itself is replaced: all pods stop together, its claims are deleted with it. */
    replaced: boolean;
    change: PlatformChange;
}

export interface PodContainer {
    image?: string;
    env?: { name: string; value?: string }[];
    resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

interface StatefulSetInputs {
    metadata?: { name?: string };
    spec?: { replicas?: number; template?: { spec?: { containers?: PodContainer[] } } };
}

function inputs(state: PlatformChange["step"]["oldState"]): StatefulSetInputs {
    return (state?.inputs ?? {}) as StatefulSetInputs;
}

/** The pod template's (only) container, before or after the change. */
export function podContainer(state: PlatformChange["step"]["oldState"]): PodContainer | undefined {
    return inputs(state).spec?.template?.spec?.containers?.[0];
}

function ordinals(from: number, to: number): number[] {
    return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Each changed StatefulSet of the preview, as its pods will see it. */
export function workloadRollouts(changes: PlatformChange[]): WorkloadRollout[] {
    return changes.filter((c) => c.kind === "workload" && c.group && (c.op === "update" || c.op === "replace")).map((change) => {
        const before = inputs(change.step.oldState).spec;
        const after = inputs(change.step.newState).spec;
        const was = before?.replicas ?? 1;
        const now = after?.replicas ?? 1;
        // Pods are named after the StatefulSet's own name (kafka-2), not its resource's (streamstack-kafka).
        const statefulSet = inputs(change.step.newState).metadata?.name ?? inputs(change.step.oldState).metadata?.name ?? change.name;
        const pod = (i: number) => `${statefulSet}-${i}`;
        const replaced = change.op === "replace";
        // A value the preview cannot know yet prints differently from the old one: counted as a change.
        const templateChanged = JSON.stringify(before?.template) !== JSON.stringify(after?.template);
        const kept = ordinals(0, Math.min(was, now)).reverse().map(pod);
        return {
            group: change.group!,
            restarted: replaced || templateChanged ? kept : [],
            removed: ordinals(now, was).map(pod),
            replaced,
            change,
        };
    });
}

import { KUBERNETES_CONFIG_MAP_TYPE, KUBERNETES_STATEFUL_SET_TYPE } from "../components/model/resource-tokens";
import { PlatformChange } from "./platform-changes";
import { unifiedDiff } from "./unified-diff";
import { podContainer, PodContainer } from "./workload-rollout";

/** A rendered file of a group that changes, as a unified diff (it is the same for every member). */
export interface FileChange {
    group: string;
    file: string;
    diff: string;
}

type Upload = { file: string; content?: string };

/** The files a member starts with: a container's uploads (Docker) or its group's ConfigMap data (Kubernetes). */
function renderedFiles(state: PlatformChange["step"]["oldState"]): Map<string, string> {
    const configMapData = state?.inputs?.data as Record<string, string> | undefined;
    if (state?.type === KUBERNETES_CONFIG_MAP_TYPE) return new Map(Object.entries(configMapData ?? {}));
    return new Map(((state?.inputs?.uploads ?? []) as Upload[]).map((u) => [u.file.slice(u.file.lastIndexOf("/") + 1), u.content ?? ""]));
}

/** Kafka's SASL passwords and the like never reach a PR comment. */
export function maskSecrets(text: string): string {
    return text.replace(/^(\s*[\w.-]*(?:password|secret|sasl\.jaas\.config)[\w.-]*\s*[=:]\s*).+$/gim, "$1[secret]");
}

/** For each group whose containers (or ConfigMap) change, the files whose content changes, diffed from the first changed member. */
export function renderedFileChanges(changes: PlatformChange[]): FileChange[] {
    const seen = new Set<string>();
    return changes.filter((c) => (c.kind === "container" || c.kind === "files") && (c.op === "replace" || c.op === "update") && c.group).flatMap((change): FileChange[] => {
        if (seen.has(change.group!)) return [];
        seen.add(change.group!);
        const before = renderedFiles(change.step.oldState);
        const after = renderedFiles(change.step.newState);
        return [...new Set([...before.keys(), ...after.keys()])].flatMap((file): FileChange[] => {
            const diff = unifiedDiff(maskSecrets(before.get(file) ?? ""), maskSecrets(after.get(file) ?? ""), file);
            return diff ? [{ group: change.group!, file, diff }] : [];
        });
    });
}

/** What changes in a group's containers besides its files: environment, image, limits. */
export interface MemberChange {
    group: string;
    changes: { what: string; before?: string; after?: string }[];
}

/** A member's environment: a container's `envs` (Docker) or its pod template's `env` (Kubernetes). */
function envOf(state: PlatformChange["step"]["oldState"]): Map<string, string> {
    if (state?.type === KUBERNETES_STATEFUL_SET_TYPE) return new Map((podContainer(state)?.env ?? []).map((e) => [e.name, e.value ?? ""]));
    return new Map(((state?.inputs?.envs ?? []) as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** The fields besides env that restart a member when they change. */
function memberFields(state: PlatformChange["step"]["oldState"]): Record<string, unknown> {
    if (state?.type !== KUBERNETES_STATEFUL_SET_TYPE) {
        return Object.fromEntries(["image", "memory", "cpus", "user"].map((field) => [field, state?.inputs?.[field]]));
    }
    const container: PodContainer | undefined = podContainer(state);
    return {
        image: container?.image,
        "memory limit": container?.resources?.limits?.memory,
        "cpu limit": container?.resources?.limits?.cpu,
        "cpu request": container?.resources?.requests?.cpu,
    };
}

/** A group member that restarts: a replaced container, or a StatefulSet whose pod template changes. */
function restartsMembers(change: PlatformChange): boolean {
    if (change.kind === "container") return change.op === "replace";
    return change.kind === "workload" && (change.op === "replace" || change.op === "update");
}

/** Per restarted group, from its first replaced member (members differ only by their ordinal). */
export function memberChanges(changes: PlatformChange[]): MemberChange[] {
    const seen = new Set<string>();
    return changes.filter((c) => restartsMembers(c) && c.group).flatMap((change): MemberChange[] => {
        if (seen.has(change.group!)) return [];
        seen.add(change.group!);
        const before = envOf(change.step.oldState);
        const after = envOf(change.step.newState);
        const rows: MemberChange["changes"] = [...new Set([...before.keys(), ...after.keys()])]
            .filter((key) => before.get(key) !== after.get(key))
            .map((key) => ({ what: `env ${key}`, before: maskSecrets(`${key}=${before.get(key) ?? ""}`).slice(key.length + 1) || undefined, after: maskSecrets(`${key}=${after.get(key) ?? ""}`).slice(key.length + 1) || undefined }));
        const fieldsBefore = memberFields(change.step.oldState);
        const fieldsAfter = memberFields(change.step.newState);
        for (const field of Object.keys(fieldsAfter)) {
            const was = fieldsBefore[field];
            const now = fieldsAfter[field];
            if (JSON.stringify(was) !== JSON.stringify(now)) rows.push({ what: field, before: was === undefined ? undefined : String(was), after: now === undefined ? undefined : String(now) });
        }
        return rows.length === 0 ? [] : [{ group: change.group!, changes: rows }];
    });
}

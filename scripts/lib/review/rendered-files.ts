import { PlatformChange } from "./platform-changes";
import { unifiedDiff } from "./unified-diff";

/** A rendered file of a group that changes, as a unified diff (it is the same for every member). */
export interface FileChange {
    group: string;
    file: string;
    diff: string;
}

type Upload = { file: string; content?: string };

function uploads(state: PlatformChange["step"]["oldState"]): Map<string, string> {
    return new Map(((state?.inputs?.uploads ?? []) as Upload[]).map((u) => [u.file.slice(u.file.lastIndexOf("/") + 1), u.content ?? ""]));
}

/** Kafka's SASL passwords and the like never reach a PR comment. */
export function maskSecrets(text: string): string {
    return text.replace(/^(\s*[\w.-]*(?:password|secret|sasl\.jaas\.config)[\w.-]*\s*[=:]\s*).+$/gim, "$1[secret]");
}

/** For each group whose containers change, the files whose content changes, diffed from the first changed member. */
export function renderedFileChanges(changes: PlatformChange[]): FileChange[] {
    const seen = new Set<string>();
    return changes.filter((c) => c.kind === "container" && (c.op === "replace" || c.op === "update") && c.group).flatMap((change): FileChange[] => {
        if (seen.has(change.group!)) return [];
        seen.add(change.group!);
        const before = uploads(change.step.oldState);
        const after = uploads(change.step.newState);
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

function envOf(state: PlatformChange["step"]["oldState"]): Map<string, string> {
    return new Map(((state?.inputs?.envs ?? []) as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** Per replaced group, from its first replaced member (members differ only by their ordinal). */
export function memberChanges(changes: PlatformChange[]): MemberChange[] {
    const seen = new Set<string>();
    return changes.filter((c) => c.kind === "container" && c.op === "replace" && c.group).flatMap((change): MemberChange[] => {
        if (seen.has(change.group!)) return [];
        seen.add(change.group!);
        const before = envOf(change.step.oldState);
        const after = envOf(change.step.newState);
        const rows: MemberChange["changes"] = [...new Set([...before.keys(), ...after.keys()])]
            .filter((key) => before.get(key) !== after.get(key))
            .map((key) => ({ what: `env ${key}`, before: maskSecrets(`${key}=${before.get(key) ?? ""}`).slice(key.length + 1) || undefined, after: maskSecrets(`${key}=${after.get(key) ?? ""}`).slice(key.length + 1) || undefined }));
        for (const field of ["image", "memory", "cpus", "user"]) {
            const was = change.step.oldState?.inputs?.[field];
            const now = change.step.newState?.inputs?.[field];
            if (JSON.stringify(was) !== JSON.stringify(now)) rows.push({ what: field, before: was === undefined ? undefined : String(was), after: now === undefined ? undefined : String(now) });
        }
        return rows.length === 0 ? [] : [{ group: change.group!, changes: rows }];
    });
}

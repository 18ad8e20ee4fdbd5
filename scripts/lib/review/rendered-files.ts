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

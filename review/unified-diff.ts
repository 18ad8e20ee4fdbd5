/**
 * A unified diff of two small texts (rendered config files, tens of lines): longest common
 * subsequence of lines, hunks with `context` unchanged lines around each change.
 */
export function unifiedDiff(before: string, after: string, name: string, context = 2): string {
    const a = before.split("\n");
    const b = after.split("\n");
    if (a[a.length - 1] === "") a.pop();
    if (b[b.length - 1] === "") b.pop();
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
        }
    }
    type Line = { mark: " " | "-" | "+"; text: string; oldLine: number; newLine: number };
    const lines: Line[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) {
            lines.push({ mark: " ", text: a[i]!, oldLine: i++, newLine: j++ });
        } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
            lines.push({ mark: "-", text: a[i]!, oldLine: i++, newLine: j });
        } else {
            lines.push({ mark: "+", text: b[j]!, oldLine: i, newLine: j++ });
        }
    }
    const changed = lines.map((line, index) => (line.mark === " " ? -1 : index)).filter((index) => index >= 0);
    if (changed.length === 0) return "";
    const hunks: [number, number][] = [];
    for (const index of changed) {
        const from = Math.max(0, index - context);
        const to = Math.min(lines.length - 1, index + context);
        const last = hunks[hunks.length - 1];
        if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
        else hunks.push([from, to]);
    }
    const out = [`--- ${name}`, `+++ ${name}`];
    for (const [from, to] of hunks) {
        const slice = lines.slice(from, to + 1);
        const oldCount = slice.filter((l) => l.mark !== "+").length;
        const newCount = slice.filter((l) => l.mark !== "-").length;
        out.push(`@@ -${slice[0]!.oldLine + 1},${oldCount} +${slice[0]!.newLine + 1},${newCount} @@`);
        for (const line of slice) out.push(`${line.mark}${line.text}`);
    }
    return out.join("\n") + "\n";
}

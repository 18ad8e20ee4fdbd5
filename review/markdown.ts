import { dangers } from "./dangers";
import { ReviewFixture } from "./fixture";
import { COMPONENTS, Component, PlatformChange, platformChanges } from "./platform-changes";
import { PreviewJson } from "./preview-json";
import { memberChanges, renderedFileChanges } from "./rendered-files";
import { restarts } from "./restarts";
import { effectiveSettings, settingChanges, settingComponent } from "./settings";
import { PlatformSettings } from "../components/config";
import { describeMigrationStep, describeMigrationStepBack, MIGRATION_STEPS, MigrationStep, migrationProgress } from "../components/kafka/migration";

/** The first line of the comment: the workflow finds the comment it updates by it, one per stack. */
export function reviewMarker(stack: string): string {
    return `<!-- streamstack-review stack=${stack} -->`;
}

export interface ReviewInput {
    stack: string;
    preview: PreviewJson;
    baseConfig: Record<string, string>;
    headConfig: Record<string, string>;
    /** What the base is, e.g. "origin/main (3f2c1a0)". */
    baseLabel: string;
}

const GROUP_TITLE: Record<string, string> = { zookeeper: "ZooKeeper", "kafka-controller": "KRaft controllers", kafka: "Kafka brokers", "spark-master": "Spark masters", "spark-worker": "Spark workers" };
const OP_WORD: Record<string, string> = { create: "created", update: "updated", replace: "replaced (restart)", delete: "deleted" };

function cell(text: string | undefined): string {
    return text === undefined ? "—" : `\`${text.replace(/\|/g, "\\|").replace(/`/g, "'")}\``;
}

function resourceLines(changes: PlatformChange[]): string[] {
    const lines: string[] = [];
    for (const op of ["delete", "replace", "create", "update"] as const) {
        const named = changes.filter((c) => c.op === op && c.kind !== "gate" && !(op === "replace" && c.kind === "files")).map((c) => c.name);
        const gates = changes.filter((c) => c.op === op && c.kind === "gate").length;
        if (named.length > 0) lines.push(`- ${OP_WORD[op]}: ${named.map((n) => `\`${n}\``).join(", ")}`);
        // A ConfigMap is replaced under a new generated name; the pods roll onto it, and the old one goes after.
        const configMaps = op === "replace" ? changes.filter((c) => c.op === op && c.kind === "files").map((c) => c.name) : [];
        if (configMaps.length > 0) lines.push(`- files replaced under a new name (the pods roll onto it): ${configMaps.map((n) => `\`${n}\``).join(", ")}`);
        if (gates > 0) lines.push(`- readiness gates ${OP_WORD[op]}: ${gates}`);
    }
    return lines;
}

/** The policy pack's verdict: each broken guardrail with its message, or that all pass. */
function guardrails(preview: PreviewJson): string[] {
    const violations = preview.policyViolations;
    if (violations === undefined) return [];
    const out = ["### Guardrails (policy pack `policy/`)", ""];
    if (violations.length === 0) return [...out, "✅ Every policy passes.", ""];
    const byPolicy = new Map<string, typeof violations>();
    for (const v of violations) byPolicy.set(v.policyName, [...(byPolicy.get(v.policyName) ?? []), v]);
    for (const [name, list] of byPolicy) {
        const mandatory = list[0]!.enforcementLevel === "mandatory";
        const shown = list.slice(0, 3).map((v) => v.message);
        out.push(`- ${mandatory ? "❌" : "⚠"} **${name}** (${list[0]!.enforcementLevel}${list.length > 1 ? `, ${list.length} resources` : ""}): ${shown.join(" · ")}${list.length > 3 ? " · …" : ""}`);
    }
    return [...out, ""];
}

/** A step of the migration from ZooKeeper to KRaft: which, what it does, and where the migration goes from there. */
function migrationStep(before: PlatformSettings | undefined, after: PlatformSettings | undefined): string[] {
    const from = before?.kafka.metadata;
    const to = after?.kafka.metadata;
    if (!from || !to || from === to || !(MIGRATION_STEPS as readonly string[]).includes(from) || !(MIGRATION_STEPS as readonly string[]).includes(to)) return [];
    const forwards = MIGRATION_STEPS.indexOf(to as MigrationStep) > MIGRATION_STEPS.indexOf(from as MigrationStep);
    const progress = after && migrationProgress(after.kafka);
    return [
        "### Migration to KRaft", "",
        `\`kafka.metadata\` ${cell(from)} → ${cell(to)}, ${forwards ? "a step forward" : "a step back"}: ${forwards ? describeMigrationStep(to as MigrationStep) : describeMigrationStepBack(to as MigrationStep)}.`,
        "",
        progress ? `After it: ${progress}` : "After it the migration is finalized: nothing comes next, and nothing goes back.",
        "",
    ];
}

/** The review a PR comment shows: danger first, then restart impact, then each component's changes. */
export function reviewMarkdown(input: ReviewInput): string {
    const changes = platformChanges(input.preview);
    const before = effectiveSettings(input.baseConfig);
    const after = effectiveSettings(input.headConfig);
    const found = dangers(changes, before, after);
    const restarted = restarts(after, changes);
    const settings = settingChanges(input.baseConfig, input.headConfig);
    const files = renderedFileChanges(changes);
    const errors = (input.preview.diagnostics ?? []).filter((d) => d.severity === "error");
    const count = (op: string) => changes.filter((c) => c.op === op).length;

    const out: string[] = [reviewMarker(input.stack), `## streamstack preview — stack \`${input.stack}\``, ""];
    const blocked = (input.preview.policyViolations ?? []).filter((v) => v.enforcementLevel === "mandatory").length;
    out.push(`Against ${input.baseLabel}: **${found.length} danger${found.length === 1 ? "" : "s"}** · ` +
        (input.preview.policyViolations === undefined ? "" : `**${blocked === 0 ? "guardrails pass" : `${blocked} guardrail violation${blocked === 1 ? "" : "s"}`}** · `) +
        `restarts: ${restarted.length === 0 ? "none" : restarted.map((r) => `${GROUP_TITLE[r.group]} ${r.order.length}`).join(", ")} · ` +
        `${count("create")} to create, ${count("update")} to update, ${count("replace")} to replace, ${count("delete")} to delete`, "");

    if (errors.length > 0) {
        out.push("### ✖ Preview failed", "", "Nothing would be changed; the engine said:", "", "```", ...errors.map((e) => e.message.trim()), "```", "");
    }

    out.push("### ⚠ Danger", "");
    if (found.length === 0) out.push("Nothing here deletes data, lowers durability, weakens the ZooKeeper quorum, removes brokers or exposes ports.", "");
    found.forEach((danger, i) => out.push(`${i + 1}. **${danger.title}.** Instead: ${danger.instead}.`));
    if (found.length > 0) out.push("");

    out.push(...guardrails(input.preview));
    out.push(...migrationStep(before, after));

    out.push("### Restart impact", "");
    if (restarted.length === 0) {
        out.push("No member restarts.", "");
    } else {
        out.push(after?.target === "kubernetes"
            ? "Groups restart in this order (ZooKeeper before what depends on it); each StatefulSet restarts its pods one at a time from the highest ordinal down, the next only once the previous pod is Ready again."
            : "Groups restart in this order (ZooKeeper before what depends on it), each one member at a time, the next waiting until the previous one is back and its group has converged.", "");
        out.push("| group | restarts, in order | kept throughout |", "|---|---|---|");
        for (const group of restarted) {
            out.push(`| ${GROUP_TITLE[group.group]} (${group.size}) | ${group.order.join(" → ")} | ${group.safe ? "✅" : "❌"} ${group.kept} |`);
        }
        out.push("");
    }

    out.push("### Changes by component", "");
    const components = COMPONENTS.filter((component: Component) => changes.some((c) => c.component === component) || settings.some((s) => settingComponent(s.key) === component));
    if (components.length === 0) out.push("No changes.", "");
    for (const component of components) {
        out.push(`#### ${component}`, "");
        const own = settings.filter((s) => settingComponent(s.key) === component);
        if (own.length > 0) {
            out.push("| setting | before | after |", "|---|---|---|");
            for (const s of own) out.push(`| \`${s.key}\` | ${cell(s.before)} | ${cell(s.after)} |`);
            out.push("");
        }
        out.push(...resourceLines(changes.filter((c) => c.component === component)));
        for (const member of memberChanges(changes).filter((m) => changes.some((c) => c.group === m.group && c.component === component))) {
            out.push(`- why ${GROUP_TITLE[member.group] ?? member.group} restart: ${member.changes.map((c) => `${c.what} ${cell(c.before)} → ${cell(c.after)}`).join("; ")}`);
        }
        for (const file of files.filter((f) => changes.some((c) => c.group === f.group && c.component === component))) {
            out.push("", `<details><summary>${file.file} (${GROUP_TITLE[file.group] ?? file.group})</summary>`, "", "```diff", file.diff.trimEnd(), "```", "", "</details>");
        }
        out.push("");
    }
    return out.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** The review of a captured fixture (what the tests and `npm run review -- --fixture` render). */
export function fixtureMarkdown(fixture: ReviewFixture, stack = "review-fixtures"): string {
    return reviewMarkdown({ stack, preview: fixture.preview, baseConfig: fixture.baseConfig, headConfig: fixture.headConfig, baseLabel: "the base config" });
}

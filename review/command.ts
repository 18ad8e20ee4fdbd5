/**
 * The infra review of a change: runs the real engine's `pulumi preview --json` on a stack and
 * prints Markdown a reviewer reads top-down (danger, restart impact, changes per component
 * with rendered files as diffs). The settings diff compares the stack file at the base ref
 * with the working tree.
 * Usage: npm run review -- --stack <name> [--base <git ref, default HEAD>] [--policy] [--out <file>]
 *        --policy also runs the policy pack (policy/) and exits 2 when a mandatory policy fails.
 *        npm run review -- --fixture review/fixtures/<change>.json   (a captured change)
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import * as YAML from "yaml";
import { stackArgument } from "../operations/stack-argument";
import { ReviewFixture } from "./fixture";
import { fixtureMarkdown, reviewMarkdown } from "./markdown";
import { policyViolations } from "./policy-events";
import { PreviewJson } from "./preview-json";

const run = promisify(execFile);
/** The project (this file runs from build/review/). */
const ROOT = path.resolve(__dirname, "..", "..");

function argumentOf(argv: string[], name: string): string | undefined {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
}

/** A stack file's `config:` as the engine hands it to programs: objects as JSON text, secrets masked. */
export function stackFileConfig(text: string): Record<string, string> {
    const parsed = (YAML.parse(text) ?? {}) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(parsed.config ?? {}).map(([key, value]) => {
        if (value !== null && typeof value === "object" && "secure" in value) return [key, "[secret]"];
        return [key, typeof value === "string" ? value : JSON.stringify(value)];
    }));
}

async function baseConfig(stack: string, ref: string): Promise<{ config: Record<string, string>; label: string }> {
    const file = `stacks/Pulumi.${stack}.yaml`;
    const sha = (await run("git", ["rev-parse", "--short", ref], { cwd: ROOT })).stdout.trim();
    const text = await run("git", ["show", `${ref}:${file}`], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).then((r) => r.stdout, () => "");
    return { config: stackFileConfig(text), label: `\`${ref}\` (${sha})${text ? "" : `, where ${file} does not exist`}` };
}

/** Runs the CLI; a failed preview still prints its JSON (with the error diagnostics), and that is the review. */
async function previewOutput(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
    const { stdout } = await run("pulumi", ["preview", "--json", "--non-interactive", ...args], { cwd: ROOT, env, maxBuffer: 256 * 1024 * 1024 })
        .catch((error: { stdout?: string; stderr?: string }) => {
            if (error.stdout?.trim().startsWith("{")) return { stdout: error.stdout };
            throw new Error(`pulumi preview failed without a JSON result: ${error.stderr ?? ""}`);
        });
    return stdout;
}

export async function preview(stack: string, withPolicy: boolean, root = ROOT): Promise<PreviewJson> {
    const result = JSON.parse(await previewOutput(["--stack", stack])) as PreviewJson;
    if (withPolicy) {
        const streamed = await previewOutput(["--stack", stack, "--policy-pack", path.join(root, "policy")], { ...process.env, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" });
        result.policyViolations = policyViolations(streamed);
    }
    return result;
}

/** `npm run review` with its command-line arguments: writes the review, sets the exit code (2: a mandatory policy failed). */
export async function reviewCommand(argv: string[]): Promise<void> {
    const fixtureFile = argumentOf(argv, "--fixture");
    let markdown: string;
    if (fixtureFile) {
        markdown = fixtureMarkdown(JSON.parse(fs.readFileSync(fixtureFile, "utf8")) as ReviewFixture);
    } else {
        const stack = stackArgument(argv);
        if (!stack) throw new Error("usage: npm run review -- --stack <name> [--base <git ref>] [--policy] [--out <file>]");
        // As in command A: only the local stack uses the empty passphrase by design.
        if (stack === "local") process.env.PULUMI_CONFIG_PASSPHRASE ??= "";
        const base = await baseConfig(stack, argumentOf(argv, "--base") ?? "HEAD");
        const headFile = path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`);
        const headConfig = fs.existsSync(headFile) ? stackFileConfig(fs.readFileSync(headFile, "utf8")) : {};
        const result = await preview(stack, argv.includes("--policy"));
        markdown = reviewMarkdown({ stack, preview: result, baseConfig: base.config, headConfig, baseLabel: base.label });
        if ((result.policyViolations ?? []).some((v) => v.enforcementLevel === "mandatory")) process.exitCode = 2;
    }
    const out = argumentOf(argv, "--out");
    if (out) fs.writeFileSync(out, markdown);
    else process.stdout.write(markdown);
}

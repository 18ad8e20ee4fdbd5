import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import * as YAML from "yaml";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..", "..", "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const actionlint = process.env.ACTIONLINT ?? "";

async function lint(dir: string): Promise<{ ok: boolean; output: string }> {
    const files = fs.readdirSync(path.join(dir, ".github", "workflows")).map((name) => path.join(".github", "workflows", name));
    return run(actionlint, ["-color=false", ...files], { cwd: dir }).then(
        (r) => ({ ok: true, output: r.stdout }),
        (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }));
}

describe("PR workflow (.github/workflows)", () => {
    it("has actionlint, built by set-up", () => {
        assert.ok(actionlint && fs.existsSync(actionlint), `actionlint not found at ${actionlint || "$ACTIONLINT (unset)"}; run bash scripts/setup.sh`);
    });

    it("passes actionlint", async () => {
        const result = await lint(ROOT);
        assert.ok(result.ok, result.output);
    });

    it("fails actionlint once broken (the check can fail)", async () => {
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-"));
        fs.mkdirSync(path.join(copy, ".github", "workflows"), { recursive: true });
        const text = fs.readFileSync(path.join(WORKFLOWS, "preview.yml"), "utf8").replace("github.event.pull_request.base.sha", "github.evnt.pull_request.base.sha");
        fs.writeFileSync(path.join(copy, ".github", "workflows", "preview.yml"), text);
        const result = await lint(copy);
        assert.equal(result.ok, false);
        assert.match(result.output, /property "evnt" is not defined/);
    });

    it("previews both stacks on pull requests only, applies nothing, and updates one comment per stack", () => {
        const workflow = YAML.parse(fs.readFileSync(path.join(WORKFLOWS, "preview.yml"), "utf8")) as {
            on: Record<string, unknown>;
            jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
        };
        assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
        assert.deepEqual(Object.keys(workflow.jobs), ["local", "k8s"]);
        for (const [stack, job] of Object.entries(workflow.jobs)) {
            const steps = job.steps;
            assert.ok(steps.some((s) => s.uses?.startsWith("pulumi/actions@")), `${stack}: the CLI comes from pulumi/actions`);
            assert.ok(steps.some((s) => new RegExp(`npm run --silent review -- --stack ${stack} .*--policy`).test(s.run ?? "")), `${stack}: the review script's summary, with the policy pack`);
            const comment = steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script ?? "";
            assert.match(comment, /updateComment/);
            assert.match(comment, /createComment/);
            // The review's first line names the stack: each job finds and updates its own comment.
            assert.match(comment, /const marker = body\.split\("\\n"\)\[0\]/);
            // `up` only on the runner's throwaway base stack, before the PR's code is checked out.
            const ups = steps.filter((s) => /pulumi up|npm run up/.test(s.run ?? ""));
            assert.equal(ups.length, 1, stack);
            assert.match(ups[0]!.run!, /BASE_SHA[\s\S]*(npm run up|pulumi up --stack k8s)[\s\S]*GITHUB_SHA/, stack);
        }
    });
});

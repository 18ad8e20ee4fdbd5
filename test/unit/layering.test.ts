import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";

/** The project's root (this file runs from build/test/unit/). */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");
const DEPCRUISE = path.join(PROJECT_ROOT, "node_modules", ".bin", "depcruise");

/** depcruise with the project's rules over `entries` in `cwd`: its exit code and report. */
async function cruise(cwd: string, entries: string[]): Promise<{ code: number; report: string }> {
    try {
        const { stdout } = await promisify(execFile)(DEPCRUISE, ["--config", path.join(PROJECT_ROOT, ".dependency-cruiser.cjs"), ...entries], { cwd });
        return { code: 0, report: stdout };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, report: failed.stdout + failed.stderr };
    }
}

/** A small tree laid out like the project's, with these files (path → source). */
function plantedTree(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-layers-"));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", strict: true } }));
    for (const [file, source] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), source);
    }
    return dir;
}

describe("the layering rules (.dependency-cruiser.cjs)", () => {
    it("hold on the project's own tree", async () => {
        const { code, report } = await cruise(PROJECT_ROOT, ["index.ts", "program.js", "api", "components", "targets", "program", "live", "accelerators", "plugins", "policy", "review", "operations", "harness", "scripts", "test"]);
        assert.equal(code, 0, report);
        assert.match(report, /no dependency violations found/);
    });

    it("fail, naming the rule, when an import runs back up the layers", async () => {
        const dir = plantedTree({
            "components/model/workload.ts": 'import { KAFKA } from "../kafka/render";\nexport const MODEL = KAFKA;\n',
            "components/kafka/render.ts": 'import { connect } from "node:net";\nimport { DockerTarget } from "../../targets/docker";\nexport const KAFKA = [connect, DockerTarget];\n',
            "components/config/rules.ts": 'import { KAFKA } from "../kafka/render";\nexport const RULES = KAFKA;\n',
            "targets/docker/index.ts": 'import { KubernetesTarget } from "../kubernetes";\nimport { KAFKA } from "../../components/kafka/render";\nexport const DockerTarget = [KubernetesTarget, KAFKA];\n',
            "targets/kubernetes/index.ts": "export const KubernetesTarget = 1;\n",
            "live/zookeeper.ts": 'import { RULES } from "../components/config/rules";\nexport const LIVE = RULES;\n',
            "plugins/streamstack/main.ts": 'import { deferSdkModules } from "../../accelerators/sdk/defer-sdk-modules";\nimport { DockerTarget } from "../../targets/docker";\nexport const MAIN = [deferSdkModules, DockerTarget];\n',
            "accelerators/sdk/defer-sdk-modules.ts": 'import { LIVE } from "../../live/zookeeper";\nexport const deferSdkModules = LIVE;\n',
            "scripts/bench.ts": 'import { STACK } from "../test/support/stack";\nexport const BENCH = STACK;\n',
            "test/support/stack.ts": 'export const STACK = 1;\n',
            "test/unit/review.test.ts": 'import { BENCH } from "../../scripts/bench";\nimport { REVIEW } from "../../review/markdown";\nexport const T = [BENCH, REVIEW];\n',
            "review/markdown.ts": 'import { STACK } from "../test/support/stack";\nexport const REVIEW = STACK;\n',
            "program/preflight.ts": 'import { StreamingPlatform } from "../api";\nexport const PREFLIGHT = StreamingPlatform;\n',
            "api/index.ts": "export const StreamingPlatform = 1;\n",
        });
        try {
            const { code, report } = await cruise(dir, ["components", "targets", "live", "plugins", "accelerators", "review", "program", "api", "scripts", "test"]);
            assert.notEqual(code, 0, "depcruise must fail");
            for (const rule of ["no-circular", "library-is-pure", "library-does-no-io", "model-is-the-bottom", "config-below-concepts",
                "adapters-take-the-model-only", "targets-apart", "live-is-leaf", "accelerators-quarantined", "accelerators-stand-alone", "program-below-the-package-entry", "provider-below-tools",
                "product-below-tools", "scripts-and-tests-apart", "tests-and-scripts-apart"]) {
                assert.match(report, new RegExp(`error ${rule}:`), `rule ${rule} not reported:\n${report}`);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

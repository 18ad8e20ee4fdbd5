import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import { deferredFunctionModule, deferredModule } from "../../accelerators/sdk/defer-sdk-modules";
import { inFreshNode } from "../support/fresh-node";

const BUILD_ROOT = path.resolve(__dirname, "..", "..");


describe("deferred SDK modules", () => {
    it("a stand-in loads its module on the first use, once, and not to say it is an ES module", () => {
        let loads = 0;
        const stand = deferredModule(() => {
            loads++;
            return { answer: 42, nested: { ok: true } };
        }) as { __esModule: boolean; answer: number; nested: { ok: boolean } };
        assert.equal(stand.__esModule, true);
        assert.equal(loads, 0, "asking __esModule does not load");
        assert.equal(stand.answer, 42);
        assert.equal(stand.nested.ok, true);
        assert.deepEqual(Object.keys(stand), ["answer", "nested"]);
        assert.ok("answer" in stand);
        assert.equal(loads, 1);
    });

    it("a function stand-in says it is no ES module without loading, and loads once on the first call", () => {
        let loads = 0;
        const stand = deferredFunctionModule(() => {
            loads++;
            return (data: { fixed?: boolean }) => { data.fixed = true; return "done"; };
        }) as ((data: { fixed?: boolean }) => string) & { __esModule: boolean };
        assert.equal(stand.__esModule, false, "TypeScript's __importDefault then keeps it as .default");
        assert.equal(loads, 0);
        const data: { fixed?: boolean } = {};
        assert.equal(stand(data), "done");
        assert.equal(stand(data), "done");
        assert.equal(data.fixed, true);
        assert.equal(loads, 1);
    });

    it("the SDK and the docker provider load without the Automation API, Arborist, normalize-package-data or TypeScript, which still work when used", async () => {
        const answer = await inFreshNode<Record<string, unknown>>(`
            require(${JSON.stringify(path.join(BUILD_ROOT, "accelerators", "sdk", "defer-sdk-modules.js"))}).deferSdkModules();
            const loaded = (part) => Object.keys(require.cache).some((file) => file.includes(part));
            const pulumi = require("@pulumi/pulumi");
            require("@pulumi/docker");
            const before = {
                automation: loaded("/@pulumi/pulumi/automation/"), arborist: loaded("/@npmcli/arborist/"),
                normalizePackageData: loaded("/normalize-package-data/"), typescript: loaded("/typescript/lib/"),
            };
            const workspace = typeof pulumi.automation.LocalWorkspace;
            (async () => {
                const serialized = await pulumi.runtime.serializeFunction(() => 6 * 7);
                // Code paths of a package with one dependency: Arborist and normalize-package-data at work.
                const dir = require("node:fs").mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "streamstack-codepaths-"));
                require("node:fs").writeFileSync(dir + "/package.json", JSON.stringify({ name: "p", version: "1.0.0", dependencies: { dep: "1.0.0" } }));
                require("node:fs").mkdirSync(dir + "/node_modules/dep", { recursive: true });
                require("node:fs").writeFileSync(dir + "/node_modules/dep/package.json", JSON.stringify({ name: "dep", version: "1.0.0" }));
                process.chdir(dir);
                const codePaths = [...(await pulumi.runtime.computeCodePaths()).keys()];
                require("node:fs").rmSync(dir, { recursive: true, force: true });
                const after = { automation: loaded("/@pulumi/pulumi/automation/"), normalizePackageData: loaded("/normalize-package-data/"), typescript: loaded("/typescript/lib/") };
                console.log(JSON.stringify({ before, after, workspace, serialized: serialized.text.includes("6 * 7"), codePaths }));
            })();
        `);
        assert.deepEqual(answer.before, { automation: false, arborist: false, normalizePackageData: false, typescript: false });
        assert.equal(answer.workspace, "function", "pulumi.automation loads on first use");
        assert.equal(answer.serialized, true, "function serialization (TypeScript's parser) still works");
        assert.deepEqual(answer.codePaths, ["node_modules/dep"], "code paths (Arborist, normalize-package-data) still work");
        assert.deepEqual(answer.after, { automation: true, normalizePackageData: true, typescript: true });
    });
});

describe("deferred SDK modules in the streamstack provider plugin", () => {
    it("the SDK's provider server starts without semver and OpenTelemetry's API, which still work when a call needs them", async () => {
        const answer = await inFreshNode<Record<string, unknown>>(`
            require(${JSON.stringify(path.join(BUILD_ROOT, "accelerators", "sdk", "defer-sdk-modules.js"))}).deferSdkModules();
            const loaded = (part) => Object.keys(require.cache).some((file) => file.includes(part));
            require("@pulumi/pulumi/provider");
            const before = { semver: loaded("/node_modules/semver/"), opentelemetry: loaded("/@opentelemetry/api/") };
            // semver: the SDK picks the best registered version of a resource package.
            const rpc = require("@pulumi/pulumi/runtime/rpc");
            const registrations = new Map([["pkg", [{ version: "1.2.0" }, { version: "1.10.0" }]]]);
            const best = rpc.getRegistration(registrations, "pkg", undefined)?.version;
            // OpenTelemetry: the interceptor every SDK client call goes through puts the trace context in its metadata.
            const grpc = require(require.resolve("@grpc/grpc-js", { paths: [require("node:path").dirname(require.resolve("@pulumi/pulumi/package.json"))] }));
            const [interceptor] = require("@pulumi/pulumi/runtime/settings").grpcClientOptions.interceptors;
            let started = false;
            const call = interceptor({}, () => ({ start: () => { started = true; }, sendMessageWithContext() {}, startRead() {}, halfClose() {}, cancelWithStatus() {}, getPeer: () => "", setCredentials() {} }));
            call.start(new grpc.Metadata(), {});
            const after = { semver: loaded("/node_modules/semver/"), opentelemetry: loaded("/@opentelemetry/api/") };
            console.log(JSON.stringify({ before, after, best, started }));
        `);
        assert.deepEqual(answer.before, { semver: false, opentelemetry: false });
        assert.equal(answer.best, "1.10.0", "version comparison (semver) picks the highest");
        assert.equal(answer.started, true, "the trace-context interceptor passes the call on");
        assert.deepEqual(answer.after, { semver: true, opentelemetry: true });
    });
});

// The entry point Pulumi runs (Pulumi.yaml `main`). The program is index.ts; set-up's tsc build
// puts it in build/ as JavaScript. Loading that build takes ~10 ms, where ts-node transpiles the
// ~45 sources on every preview and up in about a second (npm run bench:engine), so the build is
// used whenever it is at least as new as every source it comes from. After an edit it is not,
// and index.ts runs through ts-node as before: slower, never stale.
//
// Pulumi.yaml says `typescript: false` so that the language host does not register ts-node
// itself: registering it loads the TypeScript compiler (~0.2 s) and installs ts-node's
// source-map-support, which maps every stack trace taken afterwards — and the Pulumi SDK takes
// one per promise it tracks (components/platform/format-read-stacks.ts). Only a stale build
// needs ts-node, so it is registered here, with the options the host would have given it.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded before any TypeScript tooling */
const fs = require("node:fs");
const path = require("node:path");

// V8's compiled code for every module loaded from here on (the SDK's automation API, the
// providers' SDKs, the program) is kept on disk, keyed by the file's contents: each run after
// the first skips compiling them, about 0.3 s of a preview. The directory is NODE_COMPILE_CACHE
// (scripts/env.sh puts it under the project's cache) or the OS temp directory. Node < 22.8 has
// no compile cache and simply runs without it.
require("node:module").enableCompileCache?.();

const SOURCES = ["index.ts", "components", "targets"];

function newestSource(entry) {
    const stat = fs.statSync(entry);
    if (!stat.isDirectory()) return entry.endsWith(".ts") ? stat.mtimeMs : 0;
    return Math.max(0, ...fs.readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

function buildIsFresh(built) {
    try {
        return fs.statSync(built).mtimeMs >= Math.max(...SOURCES.map((s) => newestSource(path.join(__dirname, s))));
    } catch {
        return false;
    }
}

/** ts-node as Pulumi's Node.js host registers it: type-checked unless PULUMI_NODEJS_TRANSPILE_ONLY=true. */
function registerTsNode() {
    const transpileOnly = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    require("ts-node").register({
        project: path.join(__dirname, "tsconfig.json"),
        transpileOnly: transpileOnly === undefined ? undefined : transpileOnly === "true",
    });
}

const built = path.join(__dirname, "build", "index.js");
if (buildIsFresh(built)) {
    const platformModule = (name) => require(path.join(__dirname, "build", "components", "platform", `${name}.js`));
    // The SDK's bookkeeping stack traces are formatted only as far as someone reads them
    // (components/platform/format-read-stacks.ts).
    platformModule("format-read-stacks").formatOnlyStacksThatAreRead(path.join(__dirname, "build"));
    // The SDK's own bookkeeping costs less: no stack recorded per tracked promise unless
    // PULUMI_DEBUG_PROMISE_LEAKS asks for them (components/platform/skip-promise-stacks.ts), and
    // no Engine/Log call per registration for messages only `--debug` shows
    // (components/platform/quiet-sdk-debug-log.ts). Both are the modules the harness already loaded.
    platformModule("skip-promise-stacks").skipUnreadPromiseStacks(require("@pulumi/pulumi/runtime/debuggable"));
    platformModule("quiet-sdk-debug-log").quietSdkBookkeepingLog(require("@pulumi/pulumi/log"));
    // Before the program loads @pulumi/pulumi's root: the parts of it this program never calls
    // are loaded on first use (components/platform/defer-sdk-modules.ts).
    platformModule("defer-sdk-modules").deferSdkModules();
    // The program's modules load, and it runs, with V8's debugger off until something asks the
    // SDK for it (components/platform/sdk-debugger.ts). Pulumi calls an exported function and
    // makes what it resolves to the stack's outputs: here, what the program's main resolves to.
    const { pauseSdkDebugger } = platformModule("sdk-debugger");
    module.exports = async () => {
        await pauseSdkDebugger();
        return require(built)();
    };
} else {
    registerTsNode();
    module.exports = require(path.join(__dirname, "index.ts"));
}

// The entry point Pulumi runs (Pulumi.yaml `main`). The program is index.ts. One run path: the
// same modules run whether they come from set-up's tsc build (build/, used when it is at least
// as new as every source it comes from: loading it takes ~10 ms) or, after an edit, from the
// sources through ts-node (transpiled on every run, about a second more; never stale).
//
// Pulumi.yaml says `typescript: false` so that the language host does not register ts-node
// itself when the build is fresh: registering it loads the TypeScript compiler (~0.2 s). Only a
// stale build needs ts-node, so it is registered here, with the options the host would give it.
//
// The opt-in SDK accelerators (accelerators/sdk, STREAMSTACK_SDK_ACCELERATORS=true) are
// installed here, before the program loads, on either path; off by default.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded before any TypeScript tooling */
const fs = require("node:fs");
const path = require("node:path");

// V8's compiled code for every module loaded from here on (the SDK, the providers' SDKs, the
// program) is kept on disk, keyed by the file's contents: each run after the first skips
// compiling them, about 0.3 s of a preview. Node's own feature (NODE_COMPILE_CACHE names the
// directory, else the OS temp directory); Node < 22.8 has none and simply runs without it.
require("node:module").enableCompileCache?.();

const SOURCES = ["index.ts", "api", "components", "targets", "program", "live", "accelerators"];

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

const buildDir = path.join(__dirname, "build");
const codeDir = buildIsFresh(path.join(buildDir, "index.js")) ? buildDir : (registerTsNode(), __dirname);
const beforeRun = require(path.join(codeDir, "accelerators", "sdk")).accelerateProgram(__dirname);
// Pulumi calls an exported function and makes what it resolves to the stack's outputs.
module.exports = async () => {
    await beforeRun();
    return require(path.join(codeDir, "index"))();
};

// The entry point Pulumi runs (Pulumi.yaml `main`). The program is index.ts; set-up's tsc build
// puts it in build/ as JavaScript. Loading that build takes ~10 ms, where ts-node transpiles the
// ~45 sources on every preview and up in about a second (npm run bench:engine), so the build is
// used whenever it is at least as new as every source it comes from. After an edit it is not,
// and index.ts runs through ts-node as before: slower, never stale.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded before any TypeScript tooling */
const fs = require("node:fs");
const path = require("node:path");

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

const built = path.join(__dirname, "build", "index.js");
module.exports = require(buildIsFresh(built) ? built : path.join(__dirname, "index.ts"));

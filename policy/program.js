// The entry point the policy analyzer runs (package.json `main`): the pack's TypeScript is
// compiled with the rest of the project by set-up's tsc into build/policy.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS entry point */
const path = require("node:path");

try {
    require(path.join(__dirname, "..", "build", "policy", "index.js"));
} catch (error) {
    if (error && error.code === "MODULE_NOT_FOUND") {
        console.error("the streamstack policy pack is not built: run `npx tsc -p tsconfig.json` (set-up's build step does)");
    }
    throw error;
}

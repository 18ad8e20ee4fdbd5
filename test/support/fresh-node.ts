import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

/** The project's root (this file runs from build/test/support/), where `@pulumi/pulumi` resolves. */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * Runs `script` in a fresh Node process from the project's root (the module cache, the SDK's
 * module exports, Error.prepareStackTrace and Error.stackTraceLimit are all per process) and
 * returns what it printed, parsed as JSON. With `env`, the process gets exactly PATH and `env`,
 * so no variable of the test run's own (PULUMI_DEBUG_PROMISE_LEAKS, say) changes its answer.
 */
export async function inFreshNode<T>(script: string, env?: NodeJS.ProcessEnv): Promise<T> {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
        cwd: PROJECT_ROOT, maxBuffer: 16 << 20, env: env === undefined ? process.env : { PATH: process.env.PATH, ...env },
    });
    return JSON.parse(stdout) as T;
}

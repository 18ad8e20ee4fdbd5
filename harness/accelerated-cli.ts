import * as path from "node:path";

/**
 * The opt-in accelerated CLI set-up builds for command B (scripts/setup/build-pulumi-cli.sh
 * --accelerated), for the e2e of its own accelerators and for bench:opt-ins: the command to run
 * and an environment whose PATH finds its language host beside it.
 */
export function acceleratedPulumi(env: NodeJS.ProcessEnv = process.env): { command: string; env: NodeJS.ProcessEnv } {
    const bin = env.STREAMSTACK_ACCELERATED_PULUMI_BIN;
    if (!bin) throw new Error("STREAMSTACK_ACCELERATED_PULUMI_BIN is unset: source scripts/env.sh (set-up builds the accelerated CLI for command B, or with STREAMSTACK_ACCELERATED_CLI=true)");
    return { command: path.join(bin, "pulumi"), env: { ...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ""}` } };
}

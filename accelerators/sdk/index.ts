/**
 * Opt-in speed-ups that change @pulumi/pulumi's internals at run time, quarantined here, outside
 * the component library: nothing of the platform's behaviour depends on them, and each is
 * written up as a proposal to upstream (docs/upstream-proposals.md). They are off unless
 * STREAMSTACK_SDK_ACCELERATORS=true, and even then they apply only to the exact SDK version they
 * were written against: on any other version they do nothing and say so once at debug level
 * (`pulumi preview --debug` shows it), so an SDK upgrade never runs a patch against internals
 * it was not read against.
 *
 * program.js calls accelerateProgram before the program loads; the streamstack provider plugin
 * calls acceleratePlugin before it loads the SDK's provider server.
 */
import { deferSdkModules } from "./defer-sdk-modules";
import { formatOnlyStacksThatAreRead } from "./format-read-stacks";
import { quietSdkBookkeepingLog, SdkLog } from "./quiet-sdk-debug-log";
import { pauseSdkDebugger } from "./sdk-debugger";
import { DebuggableModule, skipUnreadPromiseStacks } from "./skip-promise-stacks";

/** The environment variable that turns them on. */
export const OPT_IN = "STREAMSTACK_SDK_ACCELERATORS";

/** The @pulumi/pulumi version every module here was read against and tested with. */
export const WRITTEN_AGAINST = "3.260.0";

export type Say = (message: string) => void;

/** Whether the accelerators apply: opted in, and the SDK is exactly WRITTEN_AGAINST. Says why not, when opted in. */
export function acceleratorsApply(env: NodeJS.ProcessEnv, sdkVersion: string, say: Say): boolean {
    if (env[OPT_IN] !== "true") return false;
    if (sdkVersion === WRITTEN_AGAINST) return true;
    say(`streamstack: ${OPT_IN}=true, but the SDK accelerators were written against @pulumi/pulumi ${WRITTEN_AGAINST} ` +
        `and this is ${sdkVersion}: they are off, and the program runs on the SDK as published`);
    return false;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's modules as the harness loaded them, at call time */
function installedSdkVersion(): string {
    return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

let saidWhyNot = false;

/** `say`, at most once per process whoever asks. */
function once(say: Say): Say {
    return (message) => {
        if (saidWhyNot) return;
        saidWhyNot = true;
        say(message);
    };
}

/**
 * Installs the program's accelerators (all five) when they apply, before the program loads.
 * `projectRoot`: where the program's own files are (its build and its sources). Returns what to
 * await just before the program runs.
 */
export function accelerateProgram(projectRoot: string, env: NodeJS.ProcessEnv = process.env, sdkVersion = installedSdkVersion()): () => Promise<void> {
    const log = require("@pulumi/pulumi/log") as SdkLog;
    if (!acceleratorsApply(env, sdkVersion, once((message) => void log.debug(message)))) return async () => undefined;
    formatOnlyStacksThatAreRead(projectRoot);
    skipUnreadPromiseStacks(require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule, env);
    quietSdkBookkeepingLog(log, env);
    deferSdkModules();
    return () => pauseSdkDebugger();
}

/**
 * The provider plugin's one accelerator (the SDK modules it never calls load on first use),
 * when it applies. A plugin's stderr reaches the CLI's output, so the one line saying it does
 * not apply goes there, and only to a user who opted in.
 */
export function acceleratePlugin(env: NodeJS.ProcessEnv = process.env, sdkVersion = installedSdkVersion()): boolean {
    const applies = acceleratorsApply(env, sdkVersion, once((message) => process.stderr.write(`${message}\n`)));
    if (applies) deferSdkModules();
    return applies;
}
/* eslint-enable @typescript-eslint/no-require-imports */

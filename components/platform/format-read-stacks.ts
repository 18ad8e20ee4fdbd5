/**
 * Pulumi's run harness installs source-map-support, which maps every stack trace to its .ts
 * positions as it is formatted, and the SDK formats one for every promise it tracks and every
 * resource it registers: 4,300 `new Error().stack` in a preview of the default stack, ~0.5 s of
 * CPU with the mapping (Node's own source maps cost about the same). formatOnlyStacksThatAreRead()
 * wraps the installed formatter so that each trace is formatted only as far as someone reads it:
 *
 * - the stack each tracked promise records (the SDK's `debuggablePromise`) is printed only when a
 *   run with PULUMI_DEBUG_PROMISE_LEAKS set reports leaked promises; without that variable it is
 *   not formatted at all;
 * - other traces of a bare `new Error()` (the SDK parses the resource's source position out of
 *   them) keep V8's plain format, naming build/*.js lines;
 * - an error with a message, one that may reach the user, is mapped to its .ts lines when one of
 *   its frames is in the program's own build; one raised inside a dependency (a gRPC status the
 *   SDK handles, for one) keeps the plain format instead of parsing that package's source maps.
 *
 * program.js installs it, after the harness and before the program loads.
 */
import * as path from "node:path";

type StackFormatter = (error: Error, callSites: NodeJS.CallSite[]) => unknown;

/** What a tracked promise's recorded stack reads as when it was not recorded. */
export const UNRECORDED_PROMISE_STACK =
    "Error\n    at (not recorded: set PULUMI_DEBUG_PROMISE_LEAKS=true to record where each promise was made)";

/** V8's own format: the error's first line, then one `at` line per frame. */
function plainStack(error: Error, callSites: NodeJS.CallSite[]): string {
    return [String(error), ...callSites.map((site) => `    at ${String(site)}`)].join("\n");
}

/**
 * Wraps Error.prepareStackTrace (the source-mapping one the harness installed) as described
 * above. `buildDir` is the program's compiled output; `env` says whether promise stacks are
 * recorded. Does nothing when no formatter is installed (V8's default is already plain).
 */
export function formatOnlyStacksThatAreRead(buildDir: string, env: NodeJS.ProcessEnv = process.env): void {
    const mapped = Error.prepareStackTrace as StackFormatter | undefined;
    if (typeof mapped !== "function") return;
    const recordPromiseStacks = Boolean(env.PULUMI_DEBUG_PROMISE_LEAKS);
    const ownFiles = path.resolve(buildDir) + path.sep;
    Error.prepareStackTrace = (error: Error, callSites: NodeJS.CallSite[]): unknown => {
        if (error instanceof Error && error.message === "") {
            return !recordPromiseStacks && callSites[0]?.getFunctionName() === "debuggablePromise"
                ? UNRECORDED_PROMISE_STACK
                : plainStack(error, callSites);
        }
        return callSites.some((site) => site.getFileName()?.startsWith(ownFiles) === true)
            ? mapped(error, callSites)
            : plainStack(error, callSites);
    };
}

/**
 * Pulumi's run harness installs source-map-support, which maps every stack trace to its .ts
 * positions as it is formatted, and the SDK formats one for every resource it registers (it
 * parses the resource's source position out of it). formatOnlyStacksThatAreRead() wraps the
 * installed formatter so that each trace is formatted only as far as someone reads it:
 *
 * - traces of a bare `new Error()` keep V8's plain format, naming build/*.js lines;
 * - an error with a message, one that may reach the user, is mapped to its .ts lines when one of
 *   its frames is in the program's own build; one raised inside a dependency (a gRPC status the
 *   SDK handles, for one) keeps the plain format instead of parsing that package's source maps.
 *
 * (The stacks the SDK records for the promises it tracks are not even taken:
 * skip-promise-stacks.ts.) One of the opt-in SDK accelerators (index.ts).
 */
import * as path from "node:path";

type StackFormatter = (error: Error, callSites: NodeJS.CallSite[]) => unknown;

/** V8's own format: the error's first line, then one `at` line per frame. */
function plainStack(error: Error, callSites: NodeJS.CallSite[]): string {
    return [String(error), ...callSites.map((site) => `    at ${String(site)}`)].join("\n");
}

/**
 * Wraps Error.prepareStackTrace (the source-mapping one the harness installed) as described
 * above. `ownDir` holds the program's own files (its build, or its sources under ts-node); its
 * node_modules are dependencies. Does nothing when no formatter is installed (V8's default is
 * already plain).
 */
export function formatOnlyStacksThatAreRead(ownDir: string): void {
    const mapped = Error.prepareStackTrace as StackFormatter | undefined;
    if (typeof mapped !== "function") return;
    const ownFiles = path.resolve(ownDir) + path.sep;
    const isOwn = (file: string | null | undefined) => file?.startsWith(ownFiles) === true && !file.includes(`${path.sep}node_modules${path.sep}`);
    Error.prepareStackTrace = (error: Error, callSites: NodeJS.CallSite[]): unknown => {
        if (error instanceof Error && error.message === "") return plainStack(error, callSites);
        return callSites.some((site) => isOwn(site.getFileName()))
            ? mapped(error, callSites)
            : plainStack(error, callSites);
    };
}

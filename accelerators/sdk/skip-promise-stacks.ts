/**
 * The Pulumi SDK tracks every promise it makes (`debuggablePromise`, ~4,300 in a preview of the
 * default stack) and records a `new Error().stack` on each, which only a run with
 * PULUMI_DEBUG_PROMISE_LEAKS set ever prints (when it reports leaked promises). V8 walks and
 * keeps the frames of every such Error as it is made, whether or not anyone formats it: ~40 ms
 * of the program's CPU per preview (CPU profile: the SDK's function 57 → 18 ms of self time).
 * skipUnreadPromiseStacks() makes the SDK's call capture no
 * frames unless that variable is set; the promise is tracked as before (its id, its context, the
 * leak check at exit), and its recorded stack says how to get a real one.
 *
 * One of the opt-in SDK accelerators (index.ts).
 */

/** What a tracked promise's recorded stack reads as when it was not recorded. */
export const UNRECORDED_PROMISE_STACK =
    "Error\n    at (not recorded: set PULUMI_DEBUG_PROMISE_LEAKS=true to record where each promise was made)";

type DebuggablePromise = <T>(promise: Promise<T>, context: unknown) => Promise<T>;

/** The SDK module's exports (`@pulumi/pulumi/runtime/debuggable`): its callers look the function up on them at each call. */
export interface DebuggableModule { debuggablePromise: DebuggablePromise }

export function skipUnreadPromiseStacks(debuggable: DebuggableModule, env: NodeJS.ProcessEnv = process.env): void {
    if (env.PULUMI_DEBUG_PROMISE_LEAKS) return;
    const track = debuggable.debuggablePromise;
    debuggable.debuggablePromise = <T>(promise: Promise<T>, context: unknown): Promise<T> => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return track(promise, context);
        } finally {
            Error.stackTraceLimit = limit;
            // The SDK defines the property writable (and leaves it non-enumerable).
            (promise as Promise<T> & { _debugStackTrace?: string })._debugStackTrace = UNRECORDED_PROMISE_STACK;
        }
    };
}

/**
 * The Node SDK sends the engine three debug messages per resource it registers ("Registering
 * resource", "RegisterResource RPC prepared", "… finished") and more per read, invoke and call,
 * each one an Engine/Log gRPC call made in series with the others; the CLI prints them only with
 * `--debug`. For the default stack that is ~120 calls per preview, ~0.1 s of a 1.5 s preview
 * (A/B, medians of 9). Pulumi's Python SDK stopped sending these years ago (pulumi/pulumi#7295,
 * "log.debug messages are part of an update"); the Node SDK still does.
 * quietSdkBookkeepingLog() drops exactly those messages of the SDK's runtime; every other debug
 * message, the program's own `pulumi.log.debug` included, still reaches the engine.
 * STREAMSTACK_SDK_DEBUG_LOG=true keeps them all (for debugging the SDK itself).
 *
 * One of the opt-in SDK accelerators (index.ts).
 */

/** The opening words of the SDK runtime's per-operation messages (runtime/resource.js, invoke.js). */
const BOOKKEEPING = /^(Registering resource: |RegisterResource RPC |RegisterResourceOutputs RPC |Reading resource: |ReadResource RPC |Getting resource: |getResource Invoke RPC |Invoking function: |Invoke RPC |Calling function: |Call RPC |Resource RPC serialization requested: )/;

type Debug = (message: string, ...rest: unknown[]) => Promise<void>;

/** The SDK's log module exports (`@pulumi/pulumi/log`): its runtime looks `debug` up on them at each call. */
export interface SdkLog { debug: Debug }

export function isSdkBookkeeping(message: string): boolean {
    return BOOKKEEPING.test(message);
}

export function quietSdkBookkeepingLog(log: SdkLog, env: NodeJS.ProcessEnv = process.env): void {
    if (env.STREAMSTACK_SDK_DEBUG_LOG === "true") return;
    const send = log.debug;
    log.debug = (message, ...rest) => (typeof message === "string" && isSdkBookkeeping(message) ? Promise.resolve() : send(message, ...rest));
}

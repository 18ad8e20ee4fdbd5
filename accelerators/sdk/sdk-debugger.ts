/**
 * Pulumi's run harness connects an inspector session and enables V8's debugger before it runs
 * any program (`@pulumi/pulumi/runtime/closure/v8Hooks`): function serialization
 * (`pulumi.runtime.serializeFunction`, dynamic providers) reads a function's location and
 * scopes through it, and maps script ids to files from the `Debugger.scriptParsed` events it
 * hears. With the debugger on, every module loaded afterwards is compiled and reported for
 * debugging: ~60 ms of CPU to load this program's modules, and about 0.1 s of every preview and
 * up in all (A/B, `npm run bench:engine`). This program serializes no function.
 *
 * pauseSdkDebugger() turns the debugger off until something asks the SDK for its session, and
 * turns it back on at that first request: enabling reports every script loaded so far again,
 * so the SDK's script map is complete before it is read. Call it before the program loads; one of
 * the opt-in SDK accelerators (index.ts).
 */
import * as inspector from "node:inspector";

interface V8Hooks {
    getSessionAsync(): Promise<inspector.Session>;
}

function post(session: inspector.Session, method: "Debugger.enable" | "Debugger.disable"): Promise<void> {
    return new Promise((resolve, reject) => session.post(method, (error) => (error ? reject(error) : resolve())));
}

/** The SDK's module the harness initialized (one copy of @pulumi/pulumi: the project's). */
function sdkV8Hooks(): V8Hooks {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal SDK module, no typings
    return require("@pulumi/pulumi/runtime/closure/v8Hooks") as V8Hooks;
}

export async function pauseSdkDebugger(hooks: V8Hooks = sdkV8Hooks()): Promise<void> {
    const getSession = hooks.getSessionAsync.bind(hooks);
    const session = await getSession();
    await post(session, "Debugger.disable");
    let resumed: Promise<inspector.Session> | undefined;
    hooks.getSessionAsync = () => (resumed ??= post(session, "Debugger.enable").then(() => session));
}

/**
 * `@pulumi/pulumi`'s root module — which every provider SDK imports, @pulumi/docker too —
 * loads things on every run that this program never calls: the Automation API
 * (`pulumi.automation`, with execa and js-yaml) and, for function serialization (dynamic
 * providers, `pulumi.runtime.serializeFunction`) and code paths (`computeCodePaths`), npm's
 * Arborist with pacote and sigstore, normalize-package-data and the TypeScript compiler.
 * Together about 550 modules and 0.3 s of every preview and up (`npm run bench:engine`),
 * against 30 ms for the rest of the SDK and the providers.
 *
 * deferSdkModules() makes exactly those requires, from exactly those SDK files, return a
 * stand-in that loads the real module on first use, the way Pulumi's generated provider SDKs
 * lazy-load their own modules. Nothing changes for code that uses them: the first property
 * read (or call) loads the module and answers from it. It must run before `@pulumi/pulumi` is
 * loaded. One of the opt-in SDK accelerators (index.ts).
 */
import Module from "node:module";
import * as path from "node:path";

/**
 * A require of `request` from the SDK file `from` (relative to node_modules). `namespace`: the
 * file uses the module's exports as an object (TypeScript's `import * as`); `function`: it
 * calls the module, a CommonJS function (`import x from`, through TypeScript's
 * `__importDefault`).
 */
interface DeferredRequire {
    request: string;
    from: string;
    shape: "namespace" | "function";
}

const DEFERRED_REQUIRES: readonly DeferredRequire[] = [
    { request: "./automation", from: "@pulumi/pulumi/index.js", shape: "namespace" },
    { request: "@npmcli/arborist", from: "@pulumi/pulumi/runtime/closure/codePaths.js", shape: "namespace" },
    // With spdx-correct, validate-npm-package-license and hosted-git-info: ~20 ms of every run.
    { request: "normalize-package-data", from: "@pulumi/pulumi/runtime/closure/codePaths.js", shape: "function" },
    { request: "../../typescript-shim", from: "@pulumi/pulumi/runtime/closure/parseFunction.js", shape: "namespace" },
    { request: "../../typescript-shim", from: "@pulumi/pulumi/provider/experimental/analyzer.js", shape: "namespace" },
    // Used when a call needs them, not at load: semver (47 modules) to compare package versions,
    // OpenTelemetry's API (44) to pass a trace context on. The run harness loads both before the
    // program does, so these two matter in the streamstack provider plugin, whose start the
    // engine waits for (~40 ms).
    { request: "semver", from: "@pulumi/pulumi/runtime/rpc.js", shape: "namespace" },
    { request: "@opentelemetry/api", from: "@pulumi/pulumi/runtime/settings.js", shape: "namespace" },
];

type ModuleLoad = (request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: ModuleLoad };

/**
 * An object that stands for a module until it is used. It says it is an ES module's exports
 * without loading (TypeScript's `import * as` helper asks that first and then uses the object
 * as it is); every other question loads the module and is answered by it.
 */
export function deferredModule(load: () => object): object {
    let loaded: object | undefined;
    const real = () => (loaded ??= load());
    return new Proxy({}, {
        get: (_target, key) => (key === "__esModule" ? true : Reflect.get(real(), key)),
        ...forwardedTraps(real),
    });
}

/**
 * A function that stands for a CommonJS module exporting a function, until it is called. It
 * says it is not an ES module without loading (TypeScript's `__importDefault` asks that and
 * then keeps it as `.default`); calling it loads the module and calls it.
 */
export function deferredFunctionModule(load: () => (...args: never[]) => unknown): object {
    let loaded: ((...args: never[]) => unknown) | undefined;
    const real = () => (loaded ??= load());
    return new Proxy(function standIn() { /* replaced by the module on first call */ }, {
        apply: (_target, thisArg, args: unknown[]) => Reflect.apply(real(), thisArg, args),
        get: (_target, key) => (key === "__esModule" ? false : Reflect.get(real(), key)),
        ...forwardedTraps(real),
    });
}

/** The traps both stand-ins forward to the loaded module. */
function forwardedTraps(real: () => object): ProxyHandler<object> {
    return {
        has: (_target, key) => Reflect.has(real(), key),
        set: (_target, key, value) => Reflect.set(real(), key, value),
        ownKeys: () => Reflect.ownKeys(real()),
        // A proxy may report a property its target lacks only as configurable.
        getOwnPropertyDescriptor: (_target, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
    };
}

/** The deferred require this is, if it is one. */
function deferredRequire(request: string, parent: NodeJS.Module | undefined): DeferredRequire | undefined {
    // Every require of the run passes here: compare the request first, the parent's path only
    // for the few that match.
    const candidates = DEFERRED_REQUIRES.filter((d) => d.request === request);
    if (candidates.length === 0) return undefined;
    // Node's own lazily loaded built-ins come with a parent that has no file name.
    const from = parent?.filename?.split(path.sep).join("/");
    return from === undefined ? undefined : candidates.find((d) => from.endsWith(`/node_modules/${d.from}`));
}

let installed = false;

export function deferSdkModules(): void {
    if (installed) return;
    installed = true;
    const load = moduleInternals._load;
    moduleInternals._load = function deferringLoad(this: unknown, request, parent, isMain) {
        const deferred = deferredRequire(request, parent);
        if (deferred === undefined) return load.call(this, request, parent, isMain);
        const loadIt = () => load.call(this, request, parent, isMain);
        return deferred.shape === "function"
            ? deferredFunctionModule(loadIt as () => (...args: never[]) => unknown)
            : deferredModule(loadIt as () => object);
    };
}

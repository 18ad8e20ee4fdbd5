/**
 * `@pulumi/pulumi`'s root module — which every provider SDK imports, @pulumi/docker too —
 * loads three things on every run that this program never calls: the Automation API
 * (`pulumi.automation`, with execa and js-yaml) and, for function serialization (dynamic
 * providers, `pulumi.runtime.serializeFunction`), npm's Arborist with pacote and sigstore and
 * the TypeScript compiler. Together about 530 modules and 0.3 s of every preview and up
 * (`npm run bench:engine`), against 30 ms for the rest of the SDK and the providers.
 *
 * deferSdkModules() makes exactly those requires, from exactly those SDK files, return a
 * stand-in that loads the real module on first use, the way Pulumi's generated provider SDKs
 * lazy-load their own modules. Nothing changes for code that uses them: the first property
 * read loads the module and answers from it. It must run before `@pulumi/pulumi` is loaded
 * (program.js calls it first).
 */
import Module from "node:module";
import * as path from "node:path";

/** A require of `request` from the SDK file `from` (relative to node_modules). */
interface DeferredRequire {
    request: string;
    from: string;
}

const DEFERRED_REQUIRES: readonly DeferredRequire[] = [
    { request: "./automation", from: "@pulumi/pulumi/index.js" },
    { request: "@npmcli/arborist", from: "@pulumi/pulumi/runtime/closure/codePaths.js" },
    { request: "../../typescript-shim", from: "@pulumi/pulumi/runtime/closure/parseFunction.js" },
    { request: "../../typescript-shim", from: "@pulumi/pulumi/provider/experimental/analyzer.js" },
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
        has: (_target, key) => Reflect.has(real(), key),
        set: (_target, key, value) => Reflect.set(real(), key, value),
        ownKeys: () => Reflect.ownKeys(real()),
        // A proxy may report a property its (empty) target lacks only as configurable.
        getOwnPropertyDescriptor: (_target, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
    });
}

function isDeferred(request: string, parent: NodeJS.Module | undefined): boolean {
    // Every require of the run passes here: compare the request first, the parent's path only
    // for the few that match.
    const candidates = DEFERRED_REQUIRES.filter((d) => d.request === request);
    if (candidates.length === 0) return false;
    // Node's own lazily loaded built-ins come with a parent that has no file name.
    const from = parent?.filename?.split(path.sep).join("/");
    return from !== undefined && candidates.some((d) => from.endsWith(`/node_modules/${d.from}`));
}

let installed = false;

export function deferSdkModules(): void {
    if (installed) return;
    installed = true;
    const load = moduleInternals._load;
    moduleInternals._load = function deferringLoad(this: unknown, request, parent, isMain) {
        if (isDeferred(request, parent)) return deferredModule(() => load.call(this, request, parent, isMain) as object);
        return load.call(this, request, parent, isMain);
    };
}

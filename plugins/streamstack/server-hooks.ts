import * as path from "node:path";

/**
 * Two gaps of the Node SDK's provider server (@pulumi/pulumi/provider), mended where the SDK
 * hands its service implementation to gRPC, so everything else stays the SDK's own:
 * - Configure: the engine configures the default `streamstack` provider with the stack's
 *   `streamstack:*` config (package and project share the namespace), but the server only
 *   acknowledges it. `pulumi import` needs those values: an import reads a topic knowing only
 *   its name, so the provider must know where the brokers are.
 * - Read during an import carries no properties at all, and the server dereferences them
 *   ("Cannot read properties of undefined (reading 'toJavaScript')", the error `pulumi import`
 *   of a dynamic-provider topic shows). An empty property set is what the handler expects.
 */
type Struct = object;
interface ConfigureRequest { getVariablesMap(): { forEach(visit: (value: string, key: string) => void): void } }
interface ReadRequest { getProperties(): Struct | undefined; setProperties(value: Struct): void }
type Handler<R> = (call: { request: R }, callback: unknown) => void;
type Implementation = Record<string, unknown> & { configure: Handler<ConfigureRequest>; read: Handler<ReadRequest> };
type GrpcServer = { prototype: { addService: (this: unknown, service: unknown, implementation: Implementation) => void } };

/** Modules resolved from @pulumi/pulumi's own dependencies: the instances its server uses. */
function pulumiDependency<T>(name: string): T {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own copy, not one of ours
    return require(require.resolve(name, { paths: [pulumiDir] })) as T;
}

let attached = false;

/**
 * Whether the SDK's server went through the hooks when it added its service. False means it
 * used another copy of @grpc/grpc-js than the one resolved from @pulumi/pulumi (an SDK that
 * moved its dependencies): configure and import would then silently misbehave.
 */
export function serverHooksAttached(): boolean {
    return attached;
}

export function installServerHooks(onConfigure: (config: Record<string, string>) => void): void {
    const grpc = pulumiDependency<{ Server: GrpcServer }>("@grpc/grpc-js");
    const { Struct } = pulumiDependency<{ Struct: new () => Struct }>("google-protobuf/google/protobuf/struct_pb");
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, implementation) {
        attached = true;
        const configure = implementation.configure.bind(implementation);
        implementation.configure = (call, callback) => {
            const config: Record<string, string> = {};
            // Keys arrive as `streamstack:config:kafka`; the program reads them as `streamstack:kafka`.
            call.request.getVariablesMap().forEach((value, key) => { config[key.replace(/:config:/, ":")] = value; });
            onConfigure(config);
            configure(call, callback);
        };
        const read = implementation.read.bind(implementation);
        implementation.read = (call, callback) => {
            if (!call.request.getProperties()) call.request.setProperties(new Struct());
            read(call, callback);
        };
        addService.call(this, service, implementation);
    };
}

import * as path from "node:path";

/**
 * One gap of the Node SDK's provider server (@pulumi/pulumi/provider, up to 3.276 at least),
 * mended where the SDK hands its service implementation to gRPC, so everything else stays the
 * SDK's own: Read during an import carries no properties at all, and the server dereferences
 * them ("Cannot read properties of undefined (reading 'toJavaScript')"), so no provider written
 * with the SDK can be imported into. An empty property set is what the handler expects.
 * (docs/upstream-proposals.md has the one-line fix for the SDK.)
 */
type Struct = object;
interface ReadRequest { getProperties(): Struct | undefined; setProperties(value: Struct): void }
type Handler<R> = (call: { request: R }, callback: unknown) => void;
type Implementation = Record<string, unknown> & { read: Handler<ReadRequest> };
type GrpcServer = { prototype: { addService: (this: unknown, service: unknown, implementation: Implementation) => void } };

/** Modules resolved from @pulumi/pulumi's own dependencies: the instances its server uses. */
function pulumiDependency<T>(name: string): T {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own copy, not one of ours
    return require(require.resolve(name, { paths: [pulumiDir] })) as T;
}

let attached = false;

/**
 * Whether the SDK's server went through the mend when it added its service. False means it
 * used another copy of @grpc/grpc-js than the one resolved from @pulumi/pulumi (an SDK that
 * moved its dependencies): an import would then crash in the SDK.
 */
export function importReadMended(): boolean {
    return attached;
}

export function mendImportRead(): void {
    const grpc = pulumiDependency<{ Server: GrpcServer }>("@grpc/grpc-js");
    const { Struct } = pulumiDependency<{ Struct: new () => Struct }>("google-protobuf/google/protobuf/struct_pb");
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, implementation) {
        attached = true;
        const read = implementation.read.bind(implementation);
        implementation.read = (call, callback) => {
            if (!call.request.getProperties()) call.request.setProperties(new Struct());
            read(call, callback);
        };
        addService.call(this, service, implementation);
    };
}

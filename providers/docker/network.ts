import * as pulumi from "@pulumi/pulumi";
import { dockerCall } from "./engine";
import { replaceOnChange } from "./replace-on-change";

export interface NetworkSpec {
    name: string;
    labels: Record<string, string>;
}

interface NetworkInspect { Id: string; Containers?: Record<string, unknown> }

export const networkProvider: pulumi.dynamic.ResourceProvider = {
    async diff(_id: string, olds: NetworkSpec, news: NetworkSpec) {
        return replaceOnChange(["name", "labels"], olds, news);
    },
    async create(spec: NetworkSpec) {
        const existing = await dockerCall<NetworkInspect>("GET", `/networks/${encodeURIComponent(spec.name)}`, undefined, { allow404: true });
        if (existing) {
            throw new Error(`a Docker network named ${spec.name} already exists; remove it ('docker network rm ${spec.name}') or import it`);
        }
        const created = await dockerCall<{ Id: string }>("POST", "/networks/create", {
            Name: spec.name, Driver: "bridge", CheckDuplicate: true, Labels: spec.labels,
        });
        return { id: created!.Id, outs: spec };
    },
    async read(id: string, props: NetworkSpec) {
        const inspected = await dockerCall<NetworkInspect>("GET", `/networks/${id}`, undefined, { allow404: true });
        return inspected ? { id, props } : { id: "", props: {} };
    },
    async delete(id: string) {
        await dockerCall("DELETE", `/networks/${id}`, undefined, { allow404: true });
    },
};

export class DockerNetwork extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;

    constructor(name: string, args: { [K in keyof NetworkSpec]: pulumi.Input<NetworkSpec[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(networkProvider, name, args, opts, "streamstack", "DockerNetwork");
    }
}

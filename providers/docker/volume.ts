import * as pulumi from "@pulumi/pulumi";
import { dockerCall } from "./engine";
import { replaceOnChange } from "./replace-on-change";

export interface VolumeSpec {
    name: string;
    labels: Record<string, string>;
}

export const volumeProvider: pulumi.dynamic.ResourceProvider = {
    async diff(_id: string, olds: VolumeSpec, news: VolumeSpec) {
        return replaceOnChange(["name", "labels"], olds, news);
    },
    async create(spec: VolumeSpec) {
        const existing = await dockerCall("GET", `/volumes/${encodeURIComponent(spec.name)}`, undefined, { allow404: true });
        if (existing) {
            // Data volumes outlive their stack on purpose only when the user says so (import).
            throw new Error(`a Docker volume named ${spec.name} already exists and may hold data; ` +
                `import it ('pulumi import') or remove it ('docker volume rm ${spec.name}') if its data is not needed`);
        }
        await dockerCall("POST", "/volumes/create", { Name: spec.name, Driver: "local", Labels: spec.labels });
        return { id: spec.name, outs: spec };
    },
    async read(id: string, props: VolumeSpec) {
        const inspected = await dockerCall("GET", `/volumes/${encodeURIComponent(id)}`, undefined, { allow404: true });
        return inspected ? { id, props } : { id: "", props: {} };
    },
    async delete(id: string) {
        await dockerCall("DELETE", `/volumes/${encodeURIComponent(id)}`, undefined, { allow404: true });
    },
};

export class DockerVolume extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;

    constructor(name: string, args: { [K in keyof VolumeSpec]: pulumi.Input<VolumeSpec[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(volumeProvider, name, args, opts, "streamstack", "DockerVolume");
    }
}

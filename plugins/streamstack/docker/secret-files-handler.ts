import * as provider from "@pulumi/pulumi/provider";
import { SECRET_FILES_TYPE } from "../../../components/model/resource-tokens";
import { createVolume, removeVolume, volumeLabels, writeIntoVolume } from "../../../live/docker-engine";
import { changedKeys, passThroughSchema, PropertySchema, ResourceHandler } from "../resource-handler";

/**
 * `streamstack:docker:SecretFiles`: a Docker volume holding the platform's secret files (mode
 * 0400, owned by the members' user), which the members that read them mount read-only. The
 * files' contents are a secret input: encrypted in the state, `[secret]` in previews, in no
 * container's configuration.
 */

interface SecretFilesProps {
    volume: string;
    files: Record<string, string>;
    owner: number;
    image: string;
    labels: Record<string, string>;
}

const inputs: Record<string, PropertySchema> = {
    volume: { type: "string", description: "The Docker volume's name." },
    files: { type: "object", additionalProperties: { type: "string" }, secret: true, description: "File name -> content." },
    owner: { type: "integer", description: "Numeric owner of the files (mode 0400)." },
    image: { type: "string", description: "A local image to write the files through (a container of it is created, never started)." },
    labels: { type: "object", additionalProperties: { type: "string" }, description: "The volume's labels." },
};

const schema = passThroughSchema("A Docker volume holding secret files for the platform's members.", inputs);

function props(raw: Record<string, unknown>): SecretFilesProps {
    return raw as unknown as SecretFilesProps;
}

async function write(files: SecretFilesProps): Promise<void> {
    await createVolume(files.volume, files.labels);
    await writeIntoVolume(files.volume, files.image, files.files, files.owner);
}

export function secretFilesHandler(): ResourceHandler {
    return {
        token: SECRET_FILES_TYPE,
        schema,
        async check(_olds, news): Promise<provider.CheckResult> {
            const failures = Object.keys(props(news).files ?? {}).filter((name) => !/^[A-Za-z0-9._-]+$/.test(name))
                .map((name) => ({ property: "files", reason: `${JSON.stringify(name)} is not a plain file name` }));
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const changed = changedKeys(["files", "owner", "labels", "image"], olds, news);
            // A new volume name is a new volume; new contents are written into the same one.
            const replaces = olds.volume === news.volume ? [] : ["volume"];
            // The image only writes the files: a rebuilt image changes nothing in the volume.
            return { changes: replaces.length > 0 || changed.some((key) => key !== "image"), replaces, deleteBeforeReplace: true };
        },
        async create(raw): Promise<provider.CreateResult> {
            await write(props(raw));
            return { id: props(raw).volume, outs: raw };
        },
        async read(id, raw): Promise<provider.ReadResult> {
            // A volume removed behind the stack's back is gone: the next up writes it again.
            return (await volumeLabels(id)) === undefined ? {} : { id, props: raw };
        },
        async update(_id, _olds, news): Promise<provider.UpdateResult> {
            await write(props(news));
            return { outs: news };
        },
        async delete(id): Promise<void> {
            await removeVolume(id);
        },
    };
}

import * as pulumi from "@pulumi/pulumi";
import { dockerCall, dockerRequest } from "./engine";
import { tarDirectory } from "./tar";

export interface ContainerFile {
    name: string;
    content: string;
    executable: boolean;
}

export interface ContainerPort {
    containerPort: number;
    hostPort: number;
    hostIp: string;
}

export interface ContainerHealthcheck {
    command: string[];
    intervalSeconds: number;
    timeoutSeconds: number;
    retries: number;
    startPeriodSeconds: number;
}

/** Plain (resolved) inputs of a container, as the provider sees them. */
export interface ContainerSpec {
    name: string;
    image: string;
    hostname: string;
    network: string;
    aliases: string[];
    command: string[];
    env: Record<string, string>;
    labels: Record<string, string>;
    /** Rendered files written to `filesDir` before the process starts. */
    files: ContainerFile[];
    filesDir: string;
    ports: ContainerPort[];
    /** Named volume -> mount path. */
    mounts: { volume: string; target: string }[];
    healthcheck: ContainerHealthcheck;
    memoryMb: number;
    cpus: number;
    user: number;
    /** Wait until Docker reports the container healthy before create returns. */
    waitHealthySeconds: number;
}

export interface ContainerState extends ContainerSpec {
    containerId: string;
    /** The image's content ID when created: a rebuilt image under the same tag is a change. */
    imageId: string;
}

/** Fields whose change does not need a new container. */
const IN_PLACE_FIELDS: (keyof ContainerSpec)[] = ["waitHealthySeconds"];

interface ImageInspect { Id: string }
interface ContainerInspect {
    Id: string;
    Image: string;
    RestartCount: number;
    State: { Status: string; Health?: { Status: string; Log?: { Output: string }[] } };
}

/** A process that crashed this often is not going to become healthy by waiting. */
const CRASH_LOOP_RESTARTS = 3;

/** Docker multiplexes stdout/stderr in 8-byte-header frames when no TTY is attached. */
export function demuxLogs(raw: Buffer): string {
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset + 8 <= raw.length && raw[offset] <= 2 && raw.readUInt16BE(offset + 1) === 0) {
        const size = raw.readUInt32BE(offset + 4);
        parts.push(raw.subarray(offset + 8, offset + 8 + size));
        offset += 8 + size;
    }
    return offset === 0 ? raw.toString() : Buffer.concat(parts).toString();
}

async function tailLogs(id: string, lines: number): Promise<string> {
    const response = await dockerRequest("GET", `/containers/${id}/logs?stdout=1&stderr=1&tail=${lines}`);
    return demuxLogs(response.body);
}

async function imageId(image: string): Promise<string> {
    const inspected = await dockerCall<ImageInspect>("GET", `/images/${encodeURIComponent(image)}/json`, undefined, { allow404: true });
    if (!inspected) {
        throw new Error(`image ${image} is not present in the local Docker engine; build it with scripts/setup/images.sh (no registry is pulled from)`);
    }
    return inspected.Id;
}

function createBody(spec: ContainerSpec, resolvedImage: string): unknown {
    const seconds = (s: number) => Math.round(s * 1e9);
    return {
        Image: resolvedImage,
        Hostname: spec.hostname,
        Cmd: spec.command,
        Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
        Labels: spec.labels,
        User: `${spec.user}:${spec.user}`,
        ExposedPorts: Object.fromEntries(spec.ports.map((p) => [`${p.containerPort}/tcp`, {}])),
        Healthcheck: {
            Test: ["CMD", ...spec.healthcheck.command],
            Interval: seconds(spec.healthcheck.intervalSeconds),
            Timeout: seconds(spec.healthcheck.timeoutSeconds),
            Retries: spec.healthcheck.retries,
            StartPeriod: seconds(spec.healthcheck.startPeriodSeconds),
        },
        HostConfig: {
            NetworkMode: spec.network,
            RestartPolicy: { Name: "unless-stopped" },
            Memory: spec.memoryMb * 1024 * 1024,
            NanoCpus: Math.round(spec.cpus * 1e9),
            Init: true,
            PortBindings: Object.fromEntries(
                spec.ports.map((p) => [`${p.containerPort}/tcp`, [{ HostIp: p.hostIp, HostPort: String(p.hostPort) }]]),
            ),
            Mounts: spec.mounts.map((m) => ({ Type: "volume", Source: m.volume, Target: m.target })),
        },
        NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
    };
}

async function waitHealthy(id: string, name: string, timeoutSeconds: number): Promise<void> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    let last = "starting";
    while (Date.now() < deadline) {
        const inspected = await dockerCall<ContainerInspect>("GET", `/containers/${id}/json`);
        const state = inspected!.State;
        last = state.Health?.Status ?? state.Status;
        if (last === "healthy") return;
        if (state.Status === "exited" || state.Status === "dead" || inspected!.RestartCount >= CRASH_LOOP_RESTARTS) {
            last = `${state.Status}, restarted ${inspected!.RestartCount} times`;
            break;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const logs = await tailLogs(id, 15).catch(() => "");
    throw new Error(`container ${name} did not become healthy (state: ${last}, waited up to ${timeoutSeconds}s). ` +
        `Its last log lines:\n${logs}`);
}

async function removeContainer(idOrName: string): Promise<void> {
    await dockerCall("DELETE", `/containers/${encodeURIComponent(idOrName)}?force=1&v=0`, undefined, { allow404: true });
}

export const containerProvider: pulumi.dynamic.ResourceProvider = {
    async check(_olds: ContainerState, news: ContainerSpec) {
        return { inputs: news };
    },

    async diff(_id: string, olds: ContainerState, news: ContainerSpec) {
        const currentImage = await imageId(news.image).catch(() => olds.imageId);
        const changed = (Object.keys(news) as (keyof ContainerSpec)[]).filter(
            (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
        );
        if (currentImage !== olds.imageId && !changed.includes("image")) changed.push("image");
        const replaces = changed.filter((key) => !IN_PLACE_FIELDS.includes(key));
        return { changes: changed.length > 0, replaces, deleteBeforeReplace: true };
    },

    async create(spec: ContainerSpec) {
        const resolvedImage = await imageId(spec.image);
        // A leftover container of the same name (an interrupted earlier run) would block creation.
        await removeContainer(spec.name);
        const created = await dockerCall<{ Id: string }>("POST", `/containers/create?name=${encodeURIComponent(spec.name)}`, createBody(spec, resolvedImage));
        const id = created!.Id;
        try {
            const archive = tarDirectory(spec.filesDir.replace(/^\//, ""), spec.files.map((file) => ({
                name: file.name, content: file.content, mode: file.executable ? 0o755 : 0o644, uid: spec.user, gid: spec.user,
            })));
            await dockerCall("PUT", `/containers/${id}/archive?path=/`, archive, { contentType: "application/x-tar" });
            await dockerCall("POST", `/containers/${id}/start`);
            if (spec.waitHealthySeconds > 0) await waitHealthy(id, spec.name, spec.waitHealthySeconds);
        } catch (error) {
            // Nothing half-made: a container that never became healthy is not left behind.
            await removeContainer(id);
            throw error;
        }
        return { id, outs: { ...spec, containerId: id, imageId: resolvedImage } satisfies ContainerState };
    },

    async read(id: string, props: ContainerState) {
        const inspected = await dockerCall<ContainerInspect>("GET", `/containers/${id}/json`, undefined, { allow404: true });
        if (!inspected) return { id: "", props: {} };
        return { id, props: { ...props, imageId: inspected.Image } };
    },

    async update(_id: string, olds: ContainerState, news: ContainerSpec) {
        return { outs: { ...news, containerId: olds.containerId, imageId: olds.imageId } };
    },

    async delete(id: string) {
        await dockerCall("POST", `/containers/${id}/stop?t=20`, undefined, { allow404: true }).catch(() => undefined);
        await removeContainer(id);
    },
};

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** A Docker container managed through the Engine API (see README: why not @pulumi/docker). */
export class DockerContainer extends pulumi.dynamic.Resource {
    declare readonly containerId: pulumi.Output<string>;
    declare readonly imageId: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;

    constructor(name: string, args: Inputs<ContainerSpec>, opts?: pulumi.CustomResourceOptions) {
        super(containerProvider, name, { ...args, containerId: undefined, imageId: undefined }, opts, "streamstack", "DockerContainer");
    }
}

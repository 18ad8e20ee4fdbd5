import { getJson, requestBytes, requestJson } from "./http-json";
import { firstTarFile, tarArchive } from "./tar";
import { groupMembers, STATE_LOGIN_ANNOTATION } from "../components/model/labels";
import { KafkaAuth, parseStateLogin, STATE_LOGIN_FILE } from "../components/model/state-access";
import { SECRETS_DIR } from "../components/model/workload";

/** What the gates read of a container (Docker Engine API, GET /containers/{name}/json). */
export interface ContainerState {
    id: string;
    status: string;
    running: boolean;
    /** healthy, unhealthy or starting; "none" when the container has no health check. */
    health: string;
    restartCount: number;
    labels: Record<string, string>;
}

/** The Engine's unix socket, from DOCKER_HOST as the docker plugin reads it. */
export function dockerSocketPath(dockerHost = process.env.DOCKER_HOST): string {
    if (!dockerHost) return "/var/run/docker.sock";
    if (dockerHost.startsWith("unix://")) return dockerHost.slice("unix://".length);
    throw new Error(`DOCKER_HOST=${dockerHost}: the readiness gates reach the Docker engine through a unix socket only; unset DOCKER_HOST or point it at unix:///path/to/docker.sock`);
}

/**
 * How long a read of the Engine API may take. An engine that is not running refuses at once,
 * but a busy one (dozens of containers with health checks, others being created) has taken
 * over 5 s to list containers: measured under command B, where that failed a program's
 * preflight. A look that will be repeated (a readiness gate's) passes a shorter bound.
 */
export const ENGINE_READ_TIMEOUT_MS = 30_000;

/** GET on the Engine API; undefined on 404. */
function engineGet<T>(path: string, timeoutMs: number): Promise<T | undefined> {
    return getJson<T>(path, { socketPath: dockerSocketPath(), timeoutMs, missing: "undefined" });
}

interface InspectAnswer {
    Id: string;
    RestartCount: number;
    State: { Status: string; Running: boolean; Health?: { Status: string } };
    Config?: { Labels?: Record<string, string> | null };
}

/** The container's state; undefined when no container has that name. */
export async function inspectContainer(name: string, timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<ContainerState | undefined> {
    const answer = await engineGet<InspectAnswer>(`/containers/${encodeURIComponent(name)}/json`, timeoutMs);
    return answer && {
        id: answer.Id,
        status: answer.State.Status,
        running: answer.State.Running,
        health: answer.State.Health?.Status ?? "none",
        restartCount: answer.RestartCount,
        labels: answer.Config?.Labels ?? {},
    };
}

/** Removes a container, running or not (DELETE /containers/{id}?force=1); a container already gone is fine. */
export async function removeContainer(id: string, timeoutMs = 30_000): Promise<void> {
    const { status, json } = await requestJson<{ message?: string }>({ url: `/containers/${encodeURIComponent(id)}?force=1`, socketPath: dockerSocketPath(), method: "DELETE", timeoutMs });
    if (status !== 204 && status !== 404) throw new Error(`Docker engine: removing container ${id} answered ${status}${json?.message ? `: ${json.message}` : ""}`);
}

/** A container as the host sees it: its name, labels, state and health, and the host ports it publishes. */
export interface ListedContainer {
    name: string;
    labels: Record<string, string>;
    /** running, exited, created, … */
    state: string;
    /** As `docker ps` shows it, e.g. "Up 2 minutes (healthy)". */
    status: string;
    /** Running, and its health check (if any) not failing or still starting. */
    healthy: boolean;
    published: { ip: string; port: number }[];
}

interface ListAnswer {
    Names: string[];
    Labels: Record<string, string> | null;
    State: string;
    Status: string;
    Ports: { IP?: string; PublicPort?: number }[] | null;
}

/** Every container, running or not (GET /containers/json?all=1), or only those carrying `label` (`key=value`). */
export async function listContainers(label?: string, timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<ListedContainer[]> {
    const filters = label === undefined ? "" : `&filters=${encodeURIComponent(JSON.stringify({ label: [label] }))}`;
    const answer = (await engineGet<ListAnswer[]>(`/containers/json?all=1${filters}`, timeoutMs)) ?? [];
    return answer.map((c) => ({
        name: (c.Names[0] ?? "").replace(/^\//, ""),
        labels: c.Labels ?? {},
        state: c.State,
        status: c.Status,
        healthy: c.State === "running" && !/\((unhealthy|health: starting)\)/.test(c.Status),
        published: (c.Ports ?? []).flatMap((p) => (p.PublicPort ? [{ ip: p.IP ?? "0.0.0.0", port: p.PublicPort }] : [])),
    }));
}

/**
 * The ID of the local image a reference (`repo:tag`) points at (GET /images/{name}/json);
 * undefined when the engine has no such image. Nothing is pulled.
 */
export async function localImageId(image: string, timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<string | undefined> {
    // encodeURI keeps the reference's '/' and ':' as the Engine's route expects them.
    return (await engineGet<{ Id: string }>(`/images/${encodeURI(image)}/json`, timeoutMs))?.Id;
}

const imageIds = new Map<string, Promise<string | undefined>>();

/**
 * localImageId asked once per run and image: the preflight (a missing image is a config
 * problem) and the target (containers run the ID, so an image rebuilt under the same tag
 * replaces them) read the same answer.
 */
export function localImageIdAtStart(image: string): Promise<string | undefined> {
    let id = imageIds.get(image);
    if (!id) {
        id = localImageId(image);
        imageIds.set(image, id);
    }
    return id;
}

/** Answers localImageIdAtStart gives without asking the engine: a mock engine's images (operations/mock-graph.ts). */
export function presetImageIds(ids: Record<string, string>): void {
    for (const [image, id] of Object.entries(ids)) imageIds.set(image, Promise.resolve(id));
}

let atStart: Promise<ListedContainer[]> | undefined;

/**
 * The containers as they were when the program started, listed once per run: the preflight
 * (ports, brokers) and the target (which groups exist) read the same snapshot, taken before
 * any resource is registered.
 */
export function containersAtStart(): Promise<ListedContainer[]> {
    atStart ??= listContainers();
    return atStart;
}

/** A volume's labels; undefined when the engine has no volume of that name. */
export async function volumeLabels(name: string, timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<Record<string, string> | undefined> {
    const answer = await engineGet<{ Labels: Record<string, string> | null }>(`/volumes/${encodeURIComponent(name)}`, timeoutMs);
    return answer && (answer.Labels ?? {});
}

/** Names of the volumes carrying the label (`key=value`). */
export async function labelledVolumes(label: string, timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<string[]> {
    const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
    const answer = await engineGet<{ Volumes: { Name: string }[] | null }>(`/volumes?filters=${filters}`, timeoutMs);
    return (answer?.Volumes ?? []).map((volume) => volume.Name).sort();
}

/** One Engine API call; the answer's bytes, or a rejection naming the call and the engine's message. */
export async function engineCall(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: string | Buffer, contentType = "application/json", timeoutMs = 30_000): Promise<Buffer> {
    const answer = await requestBytes({ url: path, socketPath: dockerSocketPath(), method, body, headers: body === undefined ? {} : { "Content-Type": contentType }, timeoutMs });
    if (answer.status >= 400) throw new Error(`Docker engine: ${method} ${path.split("?")[0]} answered ${answer.status}: ${answer.body.toString("utf8").slice(0, 300)}`);
    return answer.body;
}

/** A file of a container, read through the engine's archive endpoint; undefined when the container or the file does not exist. */
export async function readContainerFile(container: string, path: string, timeoutMs = ENGINE_READ_TIMEOUT_MS): Promise<string | undefined> {
    const answer = await requestBytes({ url: `/containers/${encodeURIComponent(container)}/archive?path=${encodeURIComponent(path)}`, socketPath: dockerSocketPath(), method: "GET", timeoutMs });
    if (answer.status === 404) return undefined;
    if (answer.status >= 400) throw new Error(`Docker engine: GET archive of ${container}:${path} answered ${answer.status}: ${answer.body.toString("utf8").slice(0, 300)}`);
    return firstTarFile(answer.body)?.toString("utf8");
}

/**
 * The login a group's running members require of the platform's own clients, read from one of
 * them: undefined when none says it requires one (STATE_LOGIN_ANNOTATION), or when no running
 * member holds the login file (the read then fails as an open one would).
 */
export async function runningStateLogin(containers: ListedContainer[], stackPrefix: string, group: string): Promise<KafkaAuth | undefined> {
    const members = groupMembers(containers, stackPrefix, group).filter(({ container }) => container.labels[STATE_LOGIN_ANNOTATION] !== undefined);
    for (const { container } of members) {
        const text = await readContainerFile(container.name, `${SECRETS_DIR}/${STATE_LOGIN_FILE}`).catch(() => undefined);
        const login = text === undefined ? undefined : parseStateLogin(text);
        if (login) return login;
    }
    return undefined;
}

/** Creates a volume (an existing one of the name is kept: Docker's create is idempotent). */
export async function createVolume(name: string, labels: Record<string, string>): Promise<void> {
    await engineCall("POST", "/volumes/create", JSON.stringify({ Name: name, Driver: "local", Labels: labels }));
}

/** Removes a volume; one already gone is fine. */
export async function removeVolume(name: string): Promise<void> {
    const { status, body } = await requestBytes({ url: `/volumes/${encodeURIComponent(name)}`, socketPath: dockerSocketPath(), method: "DELETE", timeoutMs: 30_000 });
    if (status !== 204 && status !== 404) throw new Error(`Docker engine: removing volume ${name} answered ${status}: ${body.toString("utf8").slice(0, 300)}`);
}

/**
 * Puts files into a container (running or not, its mounts included) under `dir`, through the
 * archive endpoint, which keeps the archive's owner and mode and makes missing directories:
 * owned by `owner`, mode 0400.
 */
export async function putFiles(containerId: string, dir: string, files: { name: string; content: string }[], owner: number): Promise<void> {
    if (files.length === 0) return;
    const entries = files.map((file) => ({ ...file, mode: 0o400, uid: owner, gid: owner }));
    await engineCall("PUT", `/containers/${containerId}/archive?path=${encodeURIComponent(dir)}`, tarArchive(entries), "application/x-tar");
}

/**
 * Writes files into a volume, owned by `owner` with mode 0400, through a container of `image`
 * that mounts it and is never started (the archive endpoint writes into its mounts); the
 * container is removed after. Files of the same name are replaced.
 */
export async function writeIntoVolume(volume: string, image: string, files: Record<string, string>, owner: number): Promise<void> {
    const mountPath = "/streamstack-volume";
    const created = JSON.parse((await engineCall("POST", "/containers/create", JSON.stringify({
        Image: image,
        Cmd: ["true"],
        HostConfig: { Mounts: [{ Type: "volume", Source: volume, Target: mountPath }] },
    }))).toString("utf8")) as { Id: string };
    try {
        await putFiles(created.Id, mountPath, Object.entries(files).map(([name, content]) => ({ name, content })), owner);
    } finally {
        await removeContainer(created.Id).catch(() => undefined);
    }
}

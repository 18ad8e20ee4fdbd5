import { randomBytes } from "node:crypto";
import { engineCall as engine } from "./docker-engine";
import { tarArchive } from "./tar";

/** A command run once in a new container on a platform's network; its files are put in before it starts. */
export interface OneShotContainer {
    /** Container name prefix; a random suffix makes each run's name its own. */
    namePrefix: string;
    image: string;
    network: string;
    labels: Record<string, string>;
    user: number;
    command: string[];
    /** Absolute paths, put in before start, readable by `user` only: never in the container's config (docker inspect). */
    files: { path: string; content: string }[];
    timeoutMs: number;
}

export interface OneShotResult {
    exitCode: number;
    /** stdout and stderr, interleaved as written. */
    log: string;
}

/** A container's log without a TTY is framed: 8-byte headers (stream, 0, 0, 0, size) before each chunk. */
export function demuxLog(framed: Buffer): string {
    const chunks: Buffer[] = [];
    for (let at = 0; at + 8 <= framed.length;) {
        const size = framed.readUInt32BE(at + 4);
        chunks.push(framed.subarray(at + 8, at + 8 + size));
        at += 8 + size;
    }
    return Buffer.concat(chunks).toString("utf8");
}

/**
 * Creates the container, puts the files in, starts it, waits for it to exit and reads its log;
 * the container is removed however that goes.
 */
export async function runOneShotContainer(run: OneShotContainer): Promise<OneShotResult> {
    const name = `${run.namePrefix}-${randomBytes(4).toString("hex")}`;
    const created = JSON.parse((await engine("POST", `/containers/create?name=${encodeURIComponent(name)}`, JSON.stringify({
        Image: run.image,
        Cmd: run.command,
        User: `${run.user}:${run.user}`,
        Labels: run.labels,
        HostConfig: { NetworkMode: run.network, Init: true, Memory: 1024 * 1024 * 1024 },
    }))).toString("utf8")) as { Id: string };
    try {
        if (run.files.length > 0) {
            const entries = run.files.map((file) => ({ name: file.path.replace(/^\/+/, ""), content: file.content, mode: 0o400, uid: run.user, gid: run.user }));
            // Extracted at the root, missing directories made, with the archive's owner and mode:
            // the files are the client's own, mode 0400.
            await engine("PUT", `/containers/${created.Id}/archive?path=%2F`, tarArchive(entries), "application/x-tar");
        }
        await engine("POST", `/containers/${created.Id}/start`);
        const waited = JSON.parse((await engine("POST", `/containers/${created.Id}/wait`, undefined, "application/json", run.timeoutMs)).toString("utf8")) as { StatusCode: number };
        const log = demuxLog(await engine("GET", `/containers/${created.Id}/logs?stdout=1&stderr=1`));
        return { exitCode: waited.StatusCode, log };
    } finally {
        await engine("DELETE", `/containers/${created.Id}?force=1`).catch(() => undefined);
    }
}

import { randomBytes } from "node:crypto";
import { engineCall as engine, putFiles, removeContainer } from "./docker-engine";
import { OneShotResult, OneShotRun } from "./one-shot";

/** A command run once in a new container on a platform's network; its files are put in before it starts. */
export interface OneShotContainer extends OneShotRun {
    network: string;
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
        // Put at their absolute paths (relative to the root, missing directories made).
        await putFiles(created.Id, "/", run.files.map((file) => ({ name: file.path.replace(/^\/+/, ""), content: file.content })), run.user);
        await engine("POST", `/containers/${created.Id}/start`);
        const waited = JSON.parse((await engine("POST", `/containers/${created.Id}/wait`, undefined, "application/json", run.timeoutMs)).toString("utf8")) as { StatusCode: number };
        const log = demuxLog(await engine("GET", `/containers/${created.Id}/logs?stdout=1&stderr=1`));
        return { exitCode: waited.StatusCode, log };
    } finally {
        await removeContainer(created.Id).catch(() => undefined);
    }
}

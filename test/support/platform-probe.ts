import { execFile } from "node:child_process";
import * as net from "node:net";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs a command inside a container and returns stdout (stderr is kept for failures). */
export async function dockerExec(container: string, command: string[], timeoutMs = 180_000): Promise<string> {
    const { stdout } = await run("docker", ["exec", container, ...command], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
}

export async function docker(args: string[]): Promise<string> {
    const { stdout } = await run("docker", args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
}

/** Names of the containers/networks/volumes carrying the stack's label. */
export async function labelled(kind: "container" | "network" | "volume", stackPrefix: string): Promise<string[]> {
    const filter = ["--filter", `label=streamstack.stack=${stackPrefix}`];
    const out = kind === "container"
        ? await docker(["ps", "-a", ...filter, "--format", "{{.Names}}"])
        : await docker([kind, "ls", ...filter, "--format", "{{.Name}}"]);
    return out.split("\n").map((s) => s.trim()).filter(Boolean);
}

/** Sends a ZooKeeper four-letter word to host:port and returns the answer. */
export function fourLetterWord(host: string, port: number, word: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port }, () => socket.write(word));
        let answer = "";
        socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${word} from ${host}:${port}`)));
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
    });
}

export function zookeeperMode(srvr: string): string {
    return /^Mode: (\w+)$/m.exec(srvr)?.[1] ?? "unknown";
}

export interface MasterStatus {
    status: string;
    aliveworkers?: number;
    workers: { host: string; state: string; cores: number; memory: number }[];
    completedapps: { name: string; state: string; cores: number }[];
}

export async function masterStatus(uiUrl: string): Promise<MasterStatus> {
    const response = await fetch(`${uiUrl}/json/`);
    if (!response.ok) throw new Error(`${uiUrl}/json/ answered ${response.status}`);
    return (await response.json()) as MasterStatus;
}

/** Polls `check` until it returns a value or the deadline passes (then throws its last error). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000, intervalMs = 2000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
        try {
            const value = await check();
            if (value !== undefined) return value;
        } catch (error) {
            lastError = error;
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    throw new Error(`${what} did not happen within ${timeoutMs / 1000}s${lastError ? `: ${String(lastError)}` : ""}`);
}

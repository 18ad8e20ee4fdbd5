import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { masterStatus, MasterStatus } from "../live";
import { collectStatus, PlatformEndpoints, StatusRow } from "../operations/status-report";

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

/** The containers, volumes and networks still carrying the stack's label, by kind: all empty once its destroy is done. */
export async function leftBehind(stackPrefix: string): Promise<Record<"container" | "volume" | "network", string[]>> {
    return { container: await labelled("container", stackPrefix), volume: await labelled("volume", stackPrefix), network: await labelled("network", stackPrefix) };
}

/** Names of the containers/networks/volumes carrying the stack's label. */
export async function labelled(kind: "container" | "network" | "volume", stackPrefix: string): Promise<string[]> {
    const filter = ["--filter", `label=streamstack.stack=${stackPrefix}`];
    const out = kind === "container"
        ? await docker(["ps", "-a", ...filter, "--format", "{{.Names}}"])
        : await docker([kind, "ls", ...filter, "--format", "{{.Name}}"]);
    return out.split("\n").map((s) => s.trim()).filter(Boolean);
}

export { aliveMaster, fourLetterWord, masterStatus, MasterStatus, zookeeperMode } from "../live";

/** Every master's status, once one is ALIVE with `workers` workers ALIVE under it (polled). */
export async function mastersWithWorkers(uiUrls: string[], workers: number): Promise<MasterStatus[]> {
    return eventually(`${workers} workers registering with an ALIVE master`, async () => {
        const all = await Promise.all(uiUrls.map((url) => masterStatus(url)));
        const alive = all.find((s) => s.status === "ALIVE");
        return alive && alive.workers.filter((w) => w.state === "ALIVE").length === workers ? all : undefined;
    });
}

/** Waits until every member is healthy as `npm run status` reads it (polled every 3 s); its rows. */
export async function everyMemberHealthy(endpoints: PlatformEndpoints, timeoutMs = 240_000): Promise<StatusRow[]> {
    return eventually("every member healthy (npm run status)", async () => {
        const rows = await collectStatus(endpoints);
        return rows.every((row) => row.healthy) ? rows : undefined;
    }, timeoutMs, 3_000);
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

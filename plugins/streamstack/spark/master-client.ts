import { MasterJson } from "./master-state";

/** The REST gateway and web UI of one master, as reachable from where pulumi runs. */
export interface MasterEndpoint {
    restUrl: string;
    uiUrl: string;
}

interface RestResponse {
    success?: boolean;
    message?: string;
    submissionId?: string;
    driverState?: string;
}

const REQUEST_TIMEOUT_MS = 5_000;

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    try {
        return JSON.parse(text) as T;
    } catch {
        throw new Error(`${url} answered ${response.status} with ${JSON.stringify(text.slice(0, 200))}`);
    }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The masters of one cluster through their REST submission gateways and web UIs. Only the
 * ALIVE master accepts submissions and answers for drivers; a standby says so and is skipped,
 * and while a standby is still recovering the client waits.
 */
export class SparkMasters {
    constructor(private readonly masters: MasterEndpoint[]) {}

    /** The ALIVE master and its state, waiting up to `waitMs` through an election or recovery. */
    async alive(waitMs = 120_000): Promise<{ endpoint: MasterEndpoint; state: MasterJson }> {
        const deadline = Date.now() + waitMs;
        for (;;) {
            const seen: string[] = [];
            for (const endpoint of this.masters) {
                try {
                    const state = await getJson<MasterJson>(`${endpoint.uiUrl}/json/`);
                    if (state.status === "ALIVE") return { endpoint, state };
                    seen.push(`${endpoint.uiUrl}: ${state.status}`);
                } catch (error) {
                    seen.push(`${endpoint.uiUrl}: ${(error as Error).message}`);
                }
            }
            if (Date.now() > deadline) throw new Error(`no ALIVE Spark master within ${waitMs / 1000} s (${seen.join("; ")})`);
            await sleep(2_000);
        }
    }

    /** Submits a driver to the ALIVE master's gateway; returns its submission (driver) id. */
    async submit(request: object): Promise<string> {
        const { endpoint } = await this.alive();
        const response = await getJson<RestResponse>(`${endpoint.restUrl}/v1/submissions/create`, {
            method: "POST",
            headers: { "Content-Type": "application/json;charset=UTF-8" },
            body: JSON.stringify(request),
        });
        if (!response.success || !response.submissionId) {
            throw new Error(`the master at ${endpoint.restUrl} refused the submission: ${response.message ?? JSON.stringify(response)}`);
        }
        return response.submissionId;
    }

    /** Asks the ALIVE master to kill a driver (the driver gets SIGTERM, then SIGKILL 10 s later). */
    async kill(driverId: string): Promise<void> {
        const { endpoint } = await this.alive();
        const response = await getJson<RestResponse>(`${endpoint.restUrl}/v1/submissions/kill/${driverId}`, { method: "POST" });
        if (!response.success && !/not found|already/i.test(response.message ?? "")) {
            throw new Error(`the master at ${endpoint.restUrl} could not kill ${driverId}: ${response.message ?? JSON.stringify(response)}`);
        }
    }
}

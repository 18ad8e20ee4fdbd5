import { requestJson } from "../../../live/http-json";
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

/** The gateway explains a refusal in a JSON body with a 4xx/5xx status: the body is the answer either way. */
async function answerOf<T>(url: string, request: { method?: "POST"; body?: string; headers?: Record<string, string> } = {}): Promise<T> {
    const { status, json } = await requestJson<T>({ url, timeoutMs: REQUEST_TIMEOUT_MS, ...request });
    if (json === undefined) throw new Error(`${url} answered ${status} with an empty body`);
    return json;
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
                    const state = await answerOf<MasterJson>(`${endpoint.uiUrl}/json/`);
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
        const response = await answerOf<RestResponse>(`${endpoint.restUrl}/v1/submissions/create`, {
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
        const response = await answerOf<RestResponse>(`${endpoint.restUrl}/v1/submissions/kill/${driverId}`, { method: "POST" });
        if (!response.success && !/not found|already/i.test(response.message ?? "")) {
            throw new Error(`the master at ${endpoint.restUrl} could not kill ${driverId}: ${response.message ?? JSON.stringify(response)}`);
        }
    }
}

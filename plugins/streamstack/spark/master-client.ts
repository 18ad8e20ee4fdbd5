import { ClientPlace } from "../../../components/model/target";
import { requestJson } from "../../../live/http-json";
import { JobProps } from "./job-props";
import { MasterJson } from "./master-state";
import { runSparkClient, SparkClientError } from "./spark-client";
import { logTail } from "../one-shot-client";
import { driverAlreadyGone, killRun, masterUnreachable, submitRun, submittedDriverId } from "./submission";

/** The web UI of one master, as reachable from where pulumi runs. */
export interface MasterEndpoint {
    uiUrl: string;
}

/** How a client reaches the masters' RPC port: where spark-submit runs, the cluster's secret. */
export interface MasterClient {
    place: ClientPlace;
    secret: string;
}

const REQUEST_TIMEOUT_MS = 5_000;

async function answerOf<T>(url: string): Promise<T> {
    const { status, json } = await requestJson<T>({ url, timeoutMs: REQUEST_TIMEOUT_MS });
    if (json === undefined) throw new Error(`${url} answered ${status} with an empty body`);
    return json;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The masters of one cluster: their state from their web UIs' /json/, submissions and kills
 * through their RPC port by a one-shot spark-submit beside them. Only the ALIVE master answers
 * for drivers; a standby says so and is skipped, and while a standby is still recovering the
 * client waits.
 */
export class SparkMasters {
    constructor(private readonly masters: MasterEndpoint[], private readonly client: MasterClient) {}

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

    /** Submits the job's driver through spark-submit beside the platform; returns its driver id. */
    async submit(job: JobProps): Promise<string> {
        const log = await this.reachingMasters(async () => {
            // Not before a master is ALIVE: spark-submit would retry for a while and then give up.
            await this.alive();
            return runSparkClient(this.client.place, submitRun(job, this.client.secret), `job "${job.appName}"`);
        });
        const driverId = submittedDriverId(log);
        if (!driverId) throw new Error(`job "${job.appName}": spark-submit did not report a driver id:\n${logTail(log)}`);
        return driverId;
    }

    /** Asks the ALIVE master to kill a driver (the driver gets SIGTERM, then SIGKILL 10 s later). */
    async kill(driverId: string): Promise<void> {
        try {
            await this.reachingMasters(async () => {
                // The ALIVE master alone: a standby would only say it is one, and one the client
                // cannot reach (a pod just replaced) would fail the whole kill.
                const { state } = await this.alive();
                await runSparkClient(this.client.place, killRun(state.url, driverId, this.client.secret), `killing ${driverId}`);
            });
        } catch (error) {
            if (!(error instanceof SparkClientError && driverAlreadyGone(error.log))) throw error;
        }
    }

    /** Runs a one-shot client again while it reaches no master (nothing was sent), for up to `waitMs`. */
    private async reachingMasters<T>(run: () => Promise<T>, waitMs = 60_000): Promise<T> {
        const deadline = Date.now() + waitMs;
        for (;;) {
            try {
                return await run();
            } catch (error) {
                if (!(error instanceof SparkClientError && masterUnreachable(error.log)) || Date.now() > deadline) throw error;
                await sleep(5_000);
            }
        }
    }
}

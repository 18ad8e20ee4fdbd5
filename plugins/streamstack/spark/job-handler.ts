import * as provider from "@pulumi/pulumi/provider";
import { parseJvmMemoryMb } from "../../../components/config/memory";
import { jobFailures } from "../../../components/spark/job-rules";
import { STREAMING_JOB_TYPE } from "../../../components/model/resource-tokens";
import { changedKeys, ResourceHandler } from "../resource-handler";
import { argValue, JobOutputs, JobProps, jobProps, RESUBMIT_ON } from "./job-props";
import { streamingJobSchema } from "./job-schema";
import { sleep, SparkMasters } from "./master-client";
import { findCurrentDriver, FoundDriver, LIVE_DRIVER_STATES, MasterJson } from "./master-state";

const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

/** The job's masters, reached as `client` says (the job's own place and secret unless given). */
function mastersOf(job: JobProps, client: JobProps = job): SparkMasters {
    return new SparkMasters(job.masterUiUrls.map((uiUrl) => ({ uiUrl })), { place: client.submitPlace, secret: client.authSecret });
}

function identity(job: JobProps, driverId: string) {
    return { driverId, mainClass: job.mainClass, driverCores: job.driverCores, driverMemoryMb: parseJvmMemoryMb(job.driverMemory) ?? 0 };
}

function outputsOf(driver: FoundDriver, master: { endpoint: { uiUrl: string }; state: MasterJson }, appName: string): JobOutputs {
    const app = master.state.activeapps.find((candidate) => candidate.name === appName);
    return {
        driverId: driver.id,
        driverState: driver.state,
        workerId: driver.worker,
        uiUrl: app ? `${master.endpoint.uiUrl}/app/?appId=${app.id}` : master.endpoint.uiUrl,
    };
}

/** Submits the job and waits until its driver runs and its application has registered. */
async function submitAndWait(job: JobProps): Promise<JobOutputs> {
    const masters = mastersOf(job);
    const driverId = await masters.submit(job);
    try {
        return await waitUntilRunning(job, masters, driverId);
    } catch (error) {
        // A supervised driver that fails at start is restarted forever: kill it, or it outlives
        // the failed create, unrecorded.
        await stop(job, driverId).catch(() => undefined);
        throw error;
    }
}

async function waitUntilRunning(job: JobProps, masters: SparkMasters, driverId: string): Promise<JobOutputs> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
        const master = await masters.alive();
        const driver = findCurrentDriver(master.state, identity(job, driverId));
        if (driver && !LIVE_DRIVER_STATES.includes(driver.state)) {
            throw new Error(`job "${job.appName}": driver ${driverId} ended ${driver.state} at start; its log is ` +
                `/opt/spark/work/${driverId}/stderr on worker ${driver.worker}`);
        }
        if (driver && driver.id !== driverId) {
            throw new Error(`job "${job.appName}": driver ${driverId} was relaunched as ${driver.id} before it ran; see /opt/spark/work/${driverId}/stderr on its worker`);
        }
        const app = master.state.activeapps.find((candidate) => candidate.name === job.appName);
        if (driver?.state === "RUNNING" && app) return outputsOf(driver, master, job.appName);
        if (Date.now() > deadline) {
            throw new Error(`job "${job.appName}": driver ${driverId} is ${driver?.state ?? "unknown to the master"} and its ` +
                `application has not registered after ${START_TIMEOUT_MS / 1000} s: its log is /opt/spark/work/${driverId}/stderr on ` +
                `worker ${driver?.worker ?? "(none yet)"}; a supervised driver failing at start restarts in place, or the workers' cores are all taken`);
        }
        await sleep(2_000);
    }
}

/**
 * Kills the job's current driver (SIGTERM first: the job stops between micro-batches) and waits
 * until it is gone. `client` says how to reach the masters now (an update's new inputs: the
 * platform may have changed under the job).
 */
async function stop(job: JobProps, recordedDriverId: string, client: JobProps = job): Promise<void> {
    const masters = mastersOf(job, client);
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    let killed: string | undefined;
    for (;;) {
        const master = await masters.alive();
        const driver = findCurrentDriver(master.state, identity(job, killed ?? recordedDriverId));
        const appGone = !master.state.activeapps.some((app) => app.name === job.appName);
        if ((!driver || !LIVE_DRIVER_STATES.includes(driver.state)) && appGone) return;
        if (driver && LIVE_DRIVER_STATES.includes(driver.state) && driver.id !== killed) {
            await masters.kill(driver.id);
            killed = driver.id;
        }
        if (Date.now() > deadline) {
            throw new Error(`job "${job.appName}": driver ${killed ?? recordedDriverId} still runs ${STOP_TIMEOUT_MS / 1000} s after the kill`);
        }
        await sleep(1_000);
    }
}

/** A recorded driver that is no longer running (seen by a refresh): the next up resubmits it. */
function driverEnded(recorded: Record<string, unknown>): boolean {
    return typeof recorded.driverState === "string" && !LIVE_DRIVER_STATES.includes(recorded.driverState);
}

function changed(olds: JobProps, news: JobProps, key: keyof JobProps): boolean {
    return changedKeys([key], olds, news).length > 0;
}

/** Spark streaming jobs through spark-submit beside the platform and the masters' JSON state. */
export function streamingJobHandler(): ResourceHandler {
    return {
        token: STREAMING_JOB_TYPE,
        schema: streamingJobSchema,

        async check(oldRaw, news): Promise<provider.CheckResult> {
            const job = jobProps(news);
            const failures: provider.CheckFailure[] = [];
            if (typeof job.appName !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(job.appName)) {
                failures.push({ property: "appName", reason: "must be letters, digits, '.', '_' or '-' (it names the checkpoint directory)" });
            }
            for (const key of ["jar", "mainClass", "masterUrl"] as const) {
                if (typeof job[key] !== "string" || job[key] === "") failures.push({ property: key, reason: "is required" });
            }
            if (job.masterUiUrls.length === 0) failures.push({ property: "masterUiUrls", reason: "needs every master's web UI" });
            if (!job.submitPlace || (job.submitPlace.target !== "docker" && job.submitPlace.target !== "kubernetes")) {
                failures.push({ property: "submitPlace", reason: "must say where spark-submit runs (SparkCluster.submitPlace)" });
            }
            if (typeof job.authSecret !== "string" || job.authSecret === "") failures.push({ property: "authSecret", reason: "is required (SparkCluster.authSecret)" });
            if (job.limits) failures.push(...jobFailures(job, job.limits));
            // Structured Streaming would restore the old query's state into the new one and mix
            // the two; refuse at preview, before the running driver is stopped.
            const olds = oldRaw?.appName === job.appName ? jobProps(oldRaw) : undefined;
            for (const name of olds ? job.checkpointBoundArgs : []) {
                const [was, now] = [argValue(olds!.args, name), argValue(job.args, name)];
                if (was !== now) {
                    failures.push({ property: "args", reason: `--${name} changes from ${JSON.stringify(was)} to ${JSON.stringify(now)}, but the checkpoint of "${job.appName}" holds the state of the old query; give the job a new name (a new checkpoint) to change it` });
                }
            }
            return { inputs: news, failures };
        },

        async diff(_id, oldRaw, newRaw): Promise<provider.DiffResult> {
            const olds = jobProps(oldRaw);
            const news = jobProps(newRaw);
            const diffs = (Object.keys(news) as (keyof JobProps)[]).filter((key) => changed(olds, news, key));
            const ended = driverEnded(oldRaw);
            return {
                changes: diffs.length > 0 || ended,
                replaces: diffs.includes("appName") ? ["appName"] : [],
                deleteBeforeReplace: true,
            };
        },

        async create(raw): Promise<provider.CreateResult> {
            const job = jobProps(raw);
            const outputs = await submitAndWait(job);
            return { id: job.appName, outs: { ...raw, ...outputs } };
        },

        async read(id, props): Promise<provider.ReadResult> {
            if (!props.driverId) throw new Error(`job "${id}": importing a streaming job is not supported; declare it and run pulumi up`);
            const job = jobProps(props);
            const master = await mastersOf(job).alive();
            const driver = findCurrentDriver(master.state, identity(job, props.driverId as string));
            // No record of any driver of the job: it is gone, and the next up submits it again.
            if (!driver) return {};
            return { id, props: { ...props, ...outputsOf(driver, master, job.appName) } };
        },

        async update(_id, oldRaw, newRaw): Promise<provider.UpdateResult> {
            const olds = jobProps(oldRaw);
            const news = jobProps(newRaw);
            if (!driverEnded(oldRaw) && !RESUBMIT_ON.some((key) => changed(olds, news, key))) {
                return { outs: { ...newRaw, ...pickOutputs(oldRaw) } };
            }
            // Same appName, same checkpoint: the new driver resumes where the old one committed.
            await stop(olds, oldRaw.driverId as string, news);
            return { outs: { ...newRaw, ...(await submitAndWait(news)) } };
        },

        async delete(_id, raw): Promise<void> {
            await stop(jobProps(raw), raw.driverId as string);
        },
    };
}

function pickOutputs(raw: Record<string, unknown>): JobOutputs {
    return { driverId: raw.driverId as string, driverState: raw.driverState as string, workerId: raw.workerId as string, uiUrl: raw.uiUrl as string };
}

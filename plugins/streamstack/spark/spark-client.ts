import { ClientPlace } from "../../../components/model/target";
import { runOneShotContainer } from "../../../live/docker-one-shot";
import { OneShotResult, OneShotRun } from "../../../live/one-shot";
import { kubeApi } from "../../../live/kube-api";
import { runOneShotJob } from "../../../live/kube-one-shot";
import { CLIENT_PROPERTIES, SparkClientRun } from "./submission";

const CLIENT_TIMEOUT_MS = 180_000;

/** The last lines of a client's log, without the JVM's stack frames: what an error message quotes. */
export function logTail(log: string, lines = 12): string {
    return log.split("\n").filter((line) => line.trim() !== "" && !/^\s+at |^\s+\.\.\. \d+ more/.test(line)).slice(-lines).join("\n");
}

/**
 * Runs a spark-submit beside the platform's members (a container on its Docker network, a Job
 * in its namespace), the properties file put in as a file: the secret is in no command line,
 * environment or container config. Throws with the log's tail when the client fails.
 */
export async function runSparkClient(place: ClientPlace, run: SparkClientRun, what: string): Promise<string> {
    const oneShot: OneShotRun = {
        namePrefix: "spark-submit", image: place.image, labels: place.labels, user: place.runAsUser, command: run.command,
        files: [{ path: CLIENT_PROPERTIES, content: run.properties }], timeoutMs: CLIENT_TIMEOUT_MS,
    };
    let result: OneShotResult;
    if (place.target === "docker") {
        // Container names are global to the engine: the platform's network name keeps them apart.
        result = await runOneShotContainer({ ...oneShot, namePrefix: `${place.network}-${oneShot.namePrefix}`, network: place.network });
    } else {
        const api = kubeApi(place.kubeconfig, place.context);
        if (typeof api === "string") throw new Error(`${what}: cannot reach the Kubernetes API to run spark-submit: ${api}`);
        result = await runOneShotJob(api, { ...oneShot, namespace: place.namespace });
    }
    if (result.exitCode !== 0) throw new SparkClientError(`${what}: spark-submit exited with ${result.exitCode}:\n${logTail(result.log)}`, result.log);
    return result.log;
}

/** A failed client run, with its whole log for the caller to read. */
export class SparkClientError extends Error {
    constructor(message: string, readonly log: string) {
        super(message);
    }
}

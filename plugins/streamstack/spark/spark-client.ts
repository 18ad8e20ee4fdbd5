import { ClientPlace } from "../../../components/model/target";
import { logTail, runBesidePlatform } from "../one-shot-client";
import { CLIENT_PROPERTIES, SparkClientRun } from "./submission";

const CLIENT_TIMEOUT_MS = 180_000;

/**
 * Runs a spark-submit beside the platform's members (a container on its Docker network, a Job
 * in its namespace), the properties file put in as a file: the secret is in no command line,
 * environment or container config. Throws with the log's tail when the client fails.
 */
export async function runSparkClient(place: ClientPlace, run: SparkClientRun, what: string): Promise<string> {
    const result = await runBesidePlatform(place, {
        namePrefix: "spark-submit", command: run.command, files: [{ path: CLIENT_PROPERTIES, content: run.properties }], timeoutMs: CLIENT_TIMEOUT_MS,
    }, what);
    if (result.exitCode !== 0) throw new SparkClientError(`${what}: spark-submit exited with ${result.exitCode}:\n${logTail(result.log)}`, result.log);
    return result.log;
}

/** A failed client run, with its whole log for the caller to read. */
export class SparkClientError extends Error {
    constructor(message: string, readonly log: string) {
        super(message);
    }
}

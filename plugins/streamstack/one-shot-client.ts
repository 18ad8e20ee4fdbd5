import { ClientPlace } from "../../components/model/target";
import { runOneShotContainer } from "../../live/docker-one-shot";
import { OneShotResult, OneShotRun } from "../../live/one-shot";
import { kubeApi } from "../../live/kube-api";
import { runOneShotJob } from "../../live/kube-one-shot";

/** The one-shot's settings but where it runs, which the place gives (its image, labels, user). */
export type OneShotWork = Omit<OneShotRun, "image" | "labels" | "user">;

/**
 * Runs a client once beside the platform's members (a container on its Docker network, a Job
 * in its namespace), its files put in before it starts, so that secrets are in no command line,
 * environment or container config. `what` names it in an error.
 */
export async function runBesidePlatform(place: ClientPlace, work: OneShotWork, what: string): Promise<OneShotResult> {
    const oneShot: OneShotRun = { ...work, image: place.image, labels: place.labels, user: place.runAsUser };
    if (place.target === "docker") {
        // Container names are global to the engine: the platform's network name keeps them apart.
        return runOneShotContainer({ ...oneShot, namePrefix: `${place.network}-${oneShot.namePrefix}`, network: place.network });
    }
    const api = kubeApi(place.kubeconfig, place.context);
    if (typeof api === "string") throw new Error(`${what}: cannot reach the Kubernetes API to run ${work.namePrefix}: ${api}`);
    return runOneShotJob(api, { ...oneShot, namespace: place.namespace });
}

/** The last lines of a client's log, without the JVM's stack frames: what an error message quotes. */
export function logTail(log: string, lines = 12): string {
    return log.split("\n").filter((line) => line.trim() !== "" && !/^\s+at |^\s+\.\.\. \d+ more/.test(line)).slice(-lines).join("\n");
}

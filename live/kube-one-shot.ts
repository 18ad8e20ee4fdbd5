import { KubeApi } from "./kube-api";
import { OneShotResult, OneShotRun } from "./one-shot";

/** A command run once as a Kubernetes Job in the platform's namespace; its files come from a Secret made for the run and deleted after. */
export interface OneShotJob extends OneShotRun {
    namespace: string;
}

interface Named { metadata: { name: string } }
interface JobStatus { status?: { succeeded?: number; failed?: number } }
interface PodList { items: { metadata: { name: string }; status?: { containerStatuses?: { state?: { terminated?: { exitCode: number } } }[] } }[] }

async function sendJson<T>(api: KubeApi, method: "GET" | "POST" | "DELETE", path: string, body?: object): Promise<T> {
    const answer = await api.send(method, path, body);
    if (answer.status >= 400) throw new Error(`Kubernetes API: ${method} ${path} answered ${answer.status}: ${answer.body.toString("utf8").slice(0, 300)}`);
    return JSON.parse(answer.body.toString("utf8")) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function directoryOf(path: string): string {
    return path.slice(0, path.lastIndexOf("/")) || "/";
}

/**
 * Runs the command as a Job (no retries) and returns its exit code and log; the Job, its pod
 * and the Secret are deleted however that goes. The pod meets the namespace's `restricted`
 * Pod Security level and carries the platform's labels, which its NetworkPolicy lets in.
 */
export async function runOneShotJob(api: KubeApi, run: OneShotJob): Promise<OneShotResult> {
    const dirs = [...new Set(run.files.map((file) => directoryOf(file.path)))];
    if (dirs.length > 1) throw new Error(`a one-shot Job mounts its files from one directory, not ${dirs.join(", ")}`);
    const base = `/api/v1/namespaces/${run.namespace}`;
    const secret = await sendJson<Named>(api, "POST", `${base}/secrets`, {
        metadata: { generateName: `${run.namePrefix}-`, labels: run.labels },
        stringData: Object.fromEntries(run.files.map((file) => [file.path.slice(file.path.lastIndexOf("/") + 1), file.content])),
    });
    const jobs = `/apis/batch/v1/namespaces/${run.namespace}/jobs`;
    let job: Named | undefined;
    try {
        job = await sendJson<Named>(api, "POST", jobs, {
            metadata: { generateName: `${run.namePrefix}-`, labels: run.labels },
            spec: {
                backoffLimit: 0,
                ttlSecondsAfterFinished: 600,
                template: {
                    metadata: { labels: run.labels },
                    spec: {
                        restartPolicy: "Never",
                        enableServiceLinks: false,
                        automountServiceAccountToken: false,
                        securityContext: { runAsNonRoot: true, runAsUser: run.user, runAsGroup: run.user, fsGroup: run.user, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [{
                            name: "client",
                            image: run.image,
                            imagePullPolicy: "IfNotPresent",
                            command: run.command,
                            securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
                            resources: { requests: { memory: "1Gi", cpu: "100m" }, limits: { memory: "1Gi", cpu: "1" } },
                            volumeMounts: dirs.map((dir) => ({ name: "files", mountPath: dir, readOnly: true })),
                        }],
                        volumes: dirs.length === 0 ? [] : [{ name: "files", secret: { secretName: secret.metadata.name, defaultMode: 0o440 } }],
                    },
                },
            },
        });
        const path = `${jobs}/${job.metadata.name}`;
        const deadline = Date.now() + run.timeoutMs;
        for (;;) {
            const status = (await sendJson<JobStatus>(api, "GET", path)).status ?? {};
            if ((status.succeeded ?? 0) + (status.failed ?? 0) > 0) break;
            if (Date.now() > deadline) throw new Error(`Job ${job.metadata.name} did not finish within ${run.timeoutMs / 1000} s`);
            await sleep(1_000);
        }
        const pods = await sendJson<PodList>(api, "GET", `${base}/pods?labelSelector=${encodeURIComponent(`job-name=${job.metadata.name}`)}`);
        const pod = pods.items[0];
        if (!pod) throw new Error(`Job ${job.metadata.name} finished with no pod left to read`);
        const log = (await api.send("GET", `${base}/pods/${pod.metadata.name}/log`)).body.toString("utf8");
        const exitCode = pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? -1;
        return { exitCode, log };
    } finally {
        if (job) await api.send("DELETE", `${jobs}/${job.metadata.name}?propagationPolicy=Background`).catch(() => undefined);
        await api.send("DELETE", `${base}/secrets/${secret.metadata.name}`).catch(() => undefined);
    }
}

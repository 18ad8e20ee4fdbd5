import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";
import { isStorageQuantity, MEMORY_SIZE_HINT, parseJvmMemoryMb } from "../config/memory";
import { clusterLimits, jobFailures } from "./job-rules";
import { CONFIG_DIR } from "../model/workload";
import { SAMPLE_JOB } from "./sample-job";

/** Directories of the Spark image and the rendered config a mounted volume must not cover. */
const IMAGE_DIRECTORIES = ["/opt/spark", CONFIG_DIR, "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/proc", "/sys", "/dev", "/tmp"];

function isWithin(path: string, dir: string): boolean {
    const trimmed = path.replace(/\/+$/, "");
    return trimmed === dir || trimmed.startsWith(`${dir}/`);
}

/**
 * The scheduler's cap against what the workers offer, on the numbers alone: the stack config's
 * check and the policy pack (which reads them from a preview's rendered files) both ask it.
 */
export function coresMaxProblem(coresMax: number, workers: number, workerCores: number): string | undefined {
    const totalCores = Math.max(workers, 0) * Math.max(workerCores, 0);
    if (coresMax >= 1 && coresMax <= totalCores) return undefined;
    return `must be between 1 and the workers' total cores (${workers} workers x ${workerCores} cores = ${totalCores}), or an application waits forever for cores; ` +
        "lower spark.coresMax or raise spark.workers/spark.workerCores";
}

/** An executor must fit in one worker; undefined when it does (or either size is unreadable: reported on its own). */
export function executorMemoryProblem(executorMemory: string, workerMemory: string): string | undefined {
    const workerMb = parseJvmMemoryMb(workerMemory);
    const executorMb = parseJvmMemoryMb(executorMemory);
    if (workerMb === undefined || executorMb === undefined || executorMb <= workerMb) return undefined;
    return `larger than spark.workerMemory (${workerMemory}), so no worker could ever launch an executor; lower executorMemory or raise workerMemory`;
}

/** What the masters and workers need of their settings. */
export function checkSpark({ spark }: PlatformSettings, report: Report): void {
    if (spark.masters < 1) report("spark.masters", spark.masters, "at least 1 master is needed (2 or more for standby recovery)");
    if (spark.workers < 1) report("spark.workers", spark.workers, "at least 1 worker is needed to run executors");
    if (spark.workerCores < 1) report("spark.workerCores", spark.workerCores, "each worker needs at least 1 core");

    const workerMb = parseJvmMemoryMb(spark.workerMemory);
    const executorMb = parseJvmMemoryMb(spark.executorMemory);
    if (workerMb === undefined) report("spark.workerMemory", spark.workerMemory, `not a memory size Spark accepts; ${MEMORY_SIZE_HINT}`);
    if (executorMb === undefined) report("spark.executorMemory", spark.executorMemory, `not a memory size Spark accepts; ${MEMORY_SIZE_HINT}`);
    const memoryProblem = executorMemoryProblem(spark.executorMemory, spark.workerMemory);
    if (memoryProblem) report("spark.executorMemory", spark.executorMemory, memoryProblem);

    const coresProblem = coresMaxProblem(spark.coresMax, spark.workers, spark.workerCores);
    if (coresProblem) report("spark.coresMax", spark.coresMax, coresProblem);
    if (spark.defaultCores < 1 || spark.defaultCores > spark.coresMax) {
        report("spark.defaultCores", spark.defaultCores, `must be between 1 and spark.coresMax (${spark.coresMax})`);
    }
    if (!/^\/[a-zA-Z0-9._/-]*[a-zA-Z0-9._-]$/.test(spark.recoveryDir)) {
        report("spark.recoveryDir", spark.recoveryDir, 'must be an absolute znode path such as "/spark"');
    }
    if (spark.workerCleanupAppDataTtl < 1) {
        report("spark.workerCleanupAppDataTtl", spark.workerCleanupAppDataTtl, "must be a positive number of seconds (604800 = 7 days)");
    }
    if (!/^\/[^\s:]*$/.test(spark.checkpoint.path) || spark.checkpoint.path === "/") {
        report("spark.checkpoint.path", spark.checkpoint.path, 'must be an absolute directory other than "/", e.g. "/checkpoints"');
    } else {
        const hidden = IMAGE_DIRECTORIES.find((dir) => isWithin(spark.checkpoint.path, dir) || isWithin(dir, spark.checkpoint.path));
        if (hidden) {
            report("spark.checkpoint.path", spark.checkpoint.path, `the volume mounted there would hide or shadow the image's ${hidden}; use a directory of its own, e.g. "/checkpoints"`);
        }
    }
    if (spark.daemonHeapMb < 128) report("spark.daemonHeapMb", spark.daemonHeapMb, "a master or worker daemon needs at least 128 MiB of heap");
    if (!isStorageQuantity(spark.checkpoint.size)) {
        report("spark.checkpoint.size", spark.checkpoint.size, 'must be a Kubernetes quantity such as "5Gi"');
    }
}

export function checkJobs(settings: PlatformSettings, report: Report): void {
    const limits = clusterLimits(settings.spark);
    const topicNames = new Set(settings.topics.map((topic) => topic.name));
    const seen = new Map<string, number>();
    const driverShapes = new Map<string, number>();
    settings.jobs.forEach((job, i) => {
        // After a supervised relaunch the masters know a driver only by its main class, cores
        // and memory (the job provider finds the job's new driver by them).
        const shape = `${job.mainClass} ${job.driverCores} ${parseJvmMemoryMb(job.driverMemory)}`;
        const sameShape = driverShapes.get(shape);
        if (sameShape !== undefined) {
            report(`jobs[${i}].driverMemory`, job.driverMemory, `jobs[${sameShape}] has the same mainClass, driverCores and driverMemory, so the masters could not tell their drivers apart after a relaunch; give one a different driverMemory (e.g. "640m")`);
        } else {
            driverShapes.set(shape, i);
        }
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(job.name)) {
            report(`jobs[${i}].name`, job.name, "must be lower-case letters, digits and '-' (it names the checkpoint directory and the resource)");
        }
        const first = seen.get(job.name);
        if (first !== undefined) report(`jobs[${i}].name`, job.name, `duplicate of jobs[${first}]: two jobs would share a checkpoint; rename one`);
        else seen.set(job.name, i);
        for (const failure of jobFailures(job, limits)) report(`jobs[${i}].${failure.property}`, job[failure.property], failure.reason);
        if (job.mainClass !== SAMPLE_JOB.mainClass) return;
        // The sample job reads one topic and writes another: both must be declared, or the job
        // fails at start (Kafka auto-creation is off).
        for (const arg of ["input-topic", "output-topic"]) {
            const topic = job.args[arg];
            if (topic === undefined) report(`jobs[${i}].args`, job.args, `the sample job needs "${arg}" (a topic from streamstack:topics)`);
            else if (!topicNames.has(topic)) report(`jobs[${i}].args.${arg}`, topic, `not a topic of this stack; declare it in streamstack:topics`);
        }
    });
}

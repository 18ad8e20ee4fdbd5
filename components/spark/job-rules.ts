import { MEMORY_SIZE_HINT, parseJvmMemoryMb } from "../config/memory";
import { SparkSettings } from "../config/defaults";

/** What a single application can get from the cluster: the scheduler's cap and one worker's size. */
export interface ClusterLimits {
    /** spark.cores.max of the cluster: the most cores one application may hold. */
    coresMax: number;
    workerCores: number;
    /** A worker's memory for executors and drivers, in Spark's notation ("2g"). */
    workerMemory: string;
    workers: number;
}

export function clusterLimits(spark: SparkSettings): ClusterLimits {
    return { coresMax: spark.coresMax, workerCores: spark.workerCores, workerMemory: spark.workerMemory, workers: spark.workers };
}

/** The resources a job asks for, as declared. */
export interface JobResources {
    /** spark.cores.max of the job: the cores its executors may hold in total. */
    cores: number;
    executorMemory: string;
    driverMemory: string;
    driverCores: number;
}

export interface JobFailure {
    property: keyof JobResources;
    reason: string;
}

export { DRIVER_DEFAULTS } from "../config/defaults";

/**
 * Everything the masters would never schedule. In cluster deploy mode the driver runs on a
 * worker too, so it must fit on one, and a job's executors cannot exceed the cluster's cap.
 * Used by the stack-config rules and by the provider's check, so both say the same thing.
 */
export function jobFailures(job: JobResources, limits: ClusterLimits): JobFailure[] {
    const failures: JobFailure[] = [];
    if (!Number.isInteger(job.cores) || job.cores < 1 || job.cores > limits.coresMax) {
        failures.push({ property: "cores", reason: `must be between 1 and the cluster's spark.cores.max (${limits.coresMax}); lower the job's cores or raise spark.coresMax` });
    }
    if (!Number.isInteger(job.driverCores) || job.driverCores < 1 || job.driverCores > limits.workerCores) {
        failures.push({ property: "driverCores", reason: `the driver runs on one worker: must be between 1 and spark.workerCores (${limits.workerCores})` });
    } else if (job.driverCores >= limits.workers * limits.workerCores) {
        // The master would start the driver and then wait forever for a core to give an executor:
        // the job would be RUNNING and never process a batch.
        failures.push({
            property: "driverCores",
            reason: `the driver would hold every core of the cluster (spark.workers × spark.workerCores = ${limits.workers * limits.workerCores}), leaving none for an executor; raise spark.workerCores or spark.workers`,
        });
    }
    const workerMb = parseJvmMemoryMb(limits.workerMemory) ?? 0;
    for (const property of ["executorMemory", "driverMemory"] as const) {
        const mb = parseJvmMemoryMb(job[property]);
        if (mb === undefined) {
            failures.push({ property, reason: `not a memory size Spark accepts; ${MEMORY_SIZE_HINT}` });
        } else if (mb > workerMb) {
            failures.push({ property, reason: `more than a worker has (spark.workerMemory = ${limits.workerMemory}), so no worker could ever run it; lower the job's ${property} or raise spark.workerMemory` });
        }
    }
    return failures;
}

import { ClusterLimits, DRIVER_DEFAULTS, JobResources } from "../../../components/spark/job-rules";

/** A job's inputs as the provider receives them (the StreamingJob component fills defaults). */
export interface JobProps extends JobResources {
    appName: string;
    jar: string;
    mainClass: string;
    args: string[];
    sparkConf: Record<string, string>;
    masterUrl: string;
    masterRestUrls: string[];
    masterUiUrls: string[];
    limits: ClusterLimits;
    /** Arguments (names without `--`) whose change the job's checkpoint cannot follow. */
    checkpointBoundArgs: string[];
}

/** What the provider records about the running job. */
export interface JobOutputs {
    driverId: string;
    driverState: string;
    workerId: string;
    uiUrl: string;
}

export function jobProps(raw: Record<string, unknown>): JobProps {
    return {
        appName: raw.appName as string,
        jar: raw.jar as string,
        mainClass: raw.mainClass as string,
        args: (raw.args as string[] | undefined) ?? [],
        cores: raw.cores as number,
        executorMemory: raw.executorMemory as string,
        driverMemory: (raw.driverMemory as string | undefined) ?? DRIVER_DEFAULTS.driverMemory,
        driverCores: (raw.driverCores as number | undefined) ?? DRIVER_DEFAULTS.driverCores,
        sparkConf: (raw.sparkConf as Record<string, string> | undefined) ?? {},
        masterUrl: raw.masterUrl as string,
        masterRestUrls: (raw.masterRestUrls as string[] | undefined) ?? [],
        masterUiUrls: (raw.masterUiUrls as string[] | undefined) ?? [],
        limits: raw.limits as ClusterLimits,
        checkpointBoundArgs: (raw.checkpointBoundArgs as string[] | undefined) ?? [],
    };
}

/** The value of `--name` in a job's arguments. */
export function argValue(args: string[], name: string): string | undefined {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
}

/** The inputs whose change means a new driver (stop gracefully, resubmit from the checkpoint). */
export const RESUBMIT_ON = ["jar", "mainClass", "args", "cores", "executorMemory", "driverMemory", "driverCores", "sparkConf", "masterUrl"] as const;

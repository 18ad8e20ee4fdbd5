import { ClientPlace } from "../../../components/model/target";
import { ClusterLimits, DRIVER_DEFAULTS, JobResources } from "../../../components/spark/job-rules";

/** A job's inputs as the provider receives them (the StreamingJob component fills defaults). */
export interface JobProps extends JobResources {
    appName: string;
    jar: string;
    mainClass: string;
    args: string[];
    sparkConf: Record<string, string>;
    masterUrl: string;
    masterUiUrls: string[];
    /** Where the one-shot spark-submit runs (inside the platform). */
    submitPlace: ClientPlace;
    /** spark.authenticate.secret of the cluster. */
    authSecret: string;
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
        masterUiUrls: (raw.masterUiUrls as string[] | undefined) ?? [],
        submitPlace: raw.submitPlace as ClientPlace,
        authSecret: raw.authSecret as string,
        limits: raw.limits as ClusterLimits,
        checkpointBoundArgs: (raw.checkpointBoundArgs as string[] | undefined) ?? [],
    };
}

/** The value of `--name` in a job's arguments. */
export function argValue(args: string[], name: string): string | undefined {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
}

/**
 * The inputs whose change means a new driver (stop gracefully, resubmit from the checkpoint). A
 * new secret (or the first one, on a platform made before Spark authenticated) is one: the
 * running driver could no longer reach the masters.
 */
export const RESUBMIT_ON = ["jar", "mainClass", "args", "cores", "executorMemory", "driverMemory", "driverCores", "sparkConf", "masterUrl", "authSecret"] as const;

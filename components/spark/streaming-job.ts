import * as pulumi from "@pulumi/pulumi";
import { ClusterLimits, DRIVER_DEFAULTS } from "./job-rules";
import { PROVIDER_VERSION, STREAMING_JOB_TYPE } from "../model/resource-tokens";
import { ClientPlace } from "../model/target";

export interface StreamingJobArgs {
    /** spark.app.name; also names the job's checkpoint directory. */
    appName: pulumi.Input<string>;
    /** Jar URL every worker can read (`file:/opt/spark/jobs/...` for jobs in the image). */
    jar: pulumi.Input<string>;
    mainClass: pulumi.Input<string>;
    args?: pulumi.Input<pulumi.Input<string>[]>;
    /** spark.cores.max of this job: the cores its executors may hold in total. */
    cores: pulumi.Input<number>;
    executorMemory: pulumi.Input<string>;
    driverMemory?: pulumi.Input<string>;
    driverCores?: pulumi.Input<number>;
    /** More Spark properties for the driver (spark.executor.cores, spark.sql.*, ...). */
    sparkConf?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** `spark://m0:7077,m1:7077` (SparkCluster.masterUrl): the driver follows the alive master. */
    masterUrl: pulumi.Input<string>;
    /** The masters' web UIs, reachable from where pulumi runs (SparkCluster): their /json/ state. */
    masterUiUrls: pulumi.Input<pulumi.Input<string>[]>;
    /** Where spark-submit runs to reach the masters (SparkCluster.submitPlace). */
    submitPlace: pulumi.Input<ClientPlace>;
    /** The cluster's spark.authenticate.secret (SparkCluster.authSecret). */
    authSecret: pulumi.Input<string>;
    /**
     * Argument names (without `--`) the checkpoint's state depends on (the query's shape):
     * changing one under the same appName is refused at preview; a new appName starts over.
     */
    checkpointBoundArgs?: pulumi.Input<pulumi.Input<string>[]>;
    /** The cluster's limits (SparkCluster.limits); a job beyond them is refused at preview. */
    limits: pulumi.Input<ClusterLimits>;
}

/**
 * A Spark streaming job (`streamstack:spark:StreamingJob`): submitted in cluster deploy mode
 * with supervision by a one-shot spark-submit inside the platform (authenticated with the
 * cluster's secret), so a lost driver is restarted on another worker. read reports the driver's state; an update stops it gracefully and resubmits (the
 * job resumes from its checkpoint); delete kills the driver.
 */
export class StreamingJob extends pulumi.CustomResource {
    /** The current driver's submission id (a supervised relaunch gets a new one). */
    declare readonly driverId: pulumi.Output<string>;
    /** SUBMITTED, RUNNING, RELAUNCHING, FINISHED, FAILED, KILLED, ERROR or UNKNOWN. */
    declare readonly driverState: pulumi.Output<string>;
    /** The worker the driver runs on. */
    declare readonly workerId: pulumi.Output<string>;
    /** The application's page on the alive master's web UI. */
    declare readonly uiUrl: pulumi.Output<string>;

    constructor(name: string, args: StreamingJobArgs, opts?: pulumi.CustomResourceOptions) {
        super(STREAMING_JOB_TYPE, name, {
            appName: args.appName,
            jar: args.jar,
            mainClass: args.mainClass,
            args: args.args ?? [],
            cores: args.cores,
            executorMemory: args.executorMemory,
            driverMemory: args.driverMemory ?? DRIVER_DEFAULTS.driverMemory,
            driverCores: args.driverCores ?? DRIVER_DEFAULTS.driverCores,
            sparkConf: args.sparkConf ?? {},
            masterUrl: args.masterUrl,
            masterUiUrls: args.masterUiUrls,
            submitPlace: args.submitPlace,
            authSecret: pulumi.secret(args.authSecret),
            limits: args.limits,
            checkpointBoundArgs: args.checkpointBoundArgs ?? [],
            driverId: undefined,
            driverState: undefined,
            workerId: undefined,
            uiUrl: undefined,
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["authSecret"] });
    }
}

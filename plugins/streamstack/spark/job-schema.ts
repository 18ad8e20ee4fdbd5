import { PropertySchema, ResourceSchema } from "../resource-handler";

const inputs: Record<string, PropertySchema> = {
    appName: { type: "string", description: "spark.app.name; also the job's checkpoint directory name. A change replaces the job." },
    jar: { type: "string", description: "Jar URL every worker can read, e.g. file:/opt/spark/jobs/windowed-counts.jar." },
    mainClass: { type: "string", description: "The job's main class." },
    args: { type: "array", items: { type: "string" }, description: "The job's arguments." },
    cores: { type: "integer", description: "spark.cores.max of the job; at most the cluster's spark.cores.max." },
    executorMemory: { type: "string", description: "spark.executor.memory of the job; at most a worker's memory." },
    driverMemory: { type: "string", description: "spark.driver.memory; the driver runs on a worker (cluster deploy mode)." },
    driverCores: { type: "integer", description: "spark.driver.cores; at most a worker's cores." },
    sparkConf: { type: "object", additionalProperties: { type: "string" }, description: "More Spark properties for the job." },
    masterUrl: { type: "string", description: "spark://m0:7077,m1:7077: every master, so the driver follows the ALIVE one." },
    masterUiUrls: { type: "array", items: { type: "string" }, description: "The masters' web UIs, reachable from where pulumi runs, for their /json/ state." },
    submitPlace: { $ref: "pulumi.json#/Any", description: "Where the one-shot spark-submit runs beside the masters (SparkCluster.submitPlace): a Docker network or a Kubernetes namespace." },
    authSecret: { type: "string", secret: true, description: "The cluster's spark.authenticate.secret (SparkCluster.authSecret)." },
    checkpointBoundArgs: { type: "array", items: { type: "string" }, description: "Argument names (without --) the checkpoint's state depends on; changing one under the same appName is refused at preview." },
    limits: { $ref: "#/types/streamstack:spark:ClusterLimits", description: "The cluster's limits; a job beyond them is refused at preview." },
};

const outputs: Record<string, PropertySchema> = {
    ...inputs,
    driverId: { type: "string", description: "The current driver's id (a supervised relaunch gets a new one)." },
    driverState: { type: "string", description: "SUBMITTED, RUNNING, RELAUNCHING, FINISHED, FAILED, KILLED or ERROR." },
    workerId: { type: "string", description: "The worker the driver runs on." },
    uiUrl: { type: "string", description: "The application's page on the ALIVE master's web UI." },
};

export const streamingJobSchema: ResourceSchema = {
    description: "A Spark streaming job, submitted in cluster deploy mode with supervision by an authenticated spark-submit inside the platform.",
    inputProperties: inputs,
    requiredInputs: ["appName", "jar", "mainClass", "cores", "executorMemory", "masterUrl", "masterUiUrls", "submitPlace", "authSecret", "limits"],
    properties: outputs,
    required: [...Object.keys(inputs), "driverId", "driverState", "workerId", "uiUrl"],
};

export const clusterLimitsType = {
    type: "object",
    description: "What one application may ask of a Spark standalone cluster.",
    properties: {
        coresMax: { type: "integer", description: "The cluster's spark.cores.max." },
        workerCores: { type: "integer", description: "Cores of one worker." },
        workerMemory: { type: "string", description: "Memory of one worker (\"2g\")." },
        workers: { type: "integer", description: "Number of workers." },
    },
    required: ["coresMax", "workerCores", "workerMemory", "workers"],
};

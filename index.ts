import * as pulumi from "@pulumi/pulumi";
import { ConfigError, resolveSettings } from "./components/config";
import { readStackConfig } from "./components/config/stack-config";
import { StreamingPlatform } from "./components/platform";

// Validate everything before registering anything: bad input fails preview, nothing is created.
// RunError: Pulumi prints the message alone, without a stack trace.
const settings = (() => {
    try {
        return resolveSettings(readStackConfig());
    } catch (error) {
        throw error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
    }
})();
const stack = pulumi.getStack();
const platform = new StreamingPlatform("streamstack", { settings, stack });

export const target = settings.target;
export const zookeeperConnect = platform.zookeeper.connectString;
export const zookeeperHostConnect = platform.zookeeper.hostConnectString;
export const kafkaBootstrapServers = platform.kafka.bootstrapServers;
export const kafkaInternalBootstrapServers = platform.kafka.internalBootstrapServers;
export const kafkaZookeeperChroot = platform.kafka.zookeeperChroot;
export const sparkMasterUrl = platform.spark.masterUrl;
export const sparkMasterUiUrls = platform.spark.masterUiUrls;
export const sparkWorkerUiUrls = platform.spark.workerUiUrls;
export const sparkCheckpointPath = platform.spark.checkpointPath;
export const sparkMasterRestUrls = platform.spark.masterRestUrls;
/** Per `streamstack:jobs` entry: its current driver, the driver's state and the app's UI page. */
export const streamingJobs = pulumi.output(Object.fromEntries(platform.jobs.map((job, i) => [settings.jobs[i].name, {
    driverId: job.driverId,
    driverState: job.driverState,
    workerId: job.workerId,
    uiUrl: job.uiUrl,
}])));

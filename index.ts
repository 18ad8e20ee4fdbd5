import * as pulumi from "@pulumi/pulumi";
import { ConfigError, PlatformSettings } from "./components/config";
import { readStackConfig } from "./components/config/stack-config";
import { stackPrefix } from "./components/model/labels";
import { StreamingPlatform } from "./components/platform";
import { resolveSettings } from "./components/platform/settings";
import { localAddresses } from "./program/local-addresses";
import { Preflight, preflightFor, targetFor } from "./program/select-target";
import { warnOfVolumeRemoval } from "./program/volume-removal";
import { warmUpProviders } from "./program/warm-up";
import { DockerTarget } from "./targets/docker";

/** RunError: Pulumi prints the message alone, without a stack trace. */
function refuse(error: unknown): never {
    throw error instanceof ConfigError ? new pulumi.RunError(error.message) : error;
}

/**
 * Everything is validated before anything is registered, so bad input fails preview and
 * nothing is created: the config alone first, then what only the machine can tell (ports in
 * use, brokers that would leave with data).
 */
async function validatedSettings(stack: string): Promise<{ settings: PlatformSettings; preflight: Preflight }> {
    let settings: PlatformSettings;
    try {
        settings = resolveSettings(readStackConfig(), { localAddresses: localAddresses() });
    } catch (error) {
        refuse(error);
    }
    warmUpProviders(settings);
    const preflight = await preflightFor(settings, stack);
    if (preflight.problems.length > 0) refuse(new ConfigError(preflight.problems));
    return { settings, preflight };
}

async function main() {
    const stack = pulumi.getStack();
    const { settings, preflight } = await validatedSettings(stack);
    const platform = new StreamingPlatform("streamstack", { settings, target: targetFor(settings, stack, preflight) });
    if (platform.target instanceof DockerTarget) await warnOfVolumeRemoval(stackPrefix(stack), platform.target.declaredVolumes);
    return {
        target: settings.target,
        zookeeperConnect: platform.zookeeper.connectString,
        zookeeperHostConnect: platform.zookeeper.hostConnectString,
        kafkaBootstrapServers: platform.kafka.bootstrapServers,
        kafkaInternalBootstrapServers: platform.kafka.internalBootstrapServers,
        kafkaZookeeperChroot: platform.kafka.zookeeperChroot,
        sparkMasterUrl: platform.spark.masterUrl,
        sparkMasterUiUrls: platform.spark.masterUiUrls,
        sparkWorkerUiUrls: platform.spark.workerUiUrls,
        sparkCheckpointPath: platform.spark.checkpointPath,
        sparkMasterRestUrls: platform.spark.masterRestUrls,
        /** Per `streamstack:jobs` entry: its current driver, the driver's state and the app's UI page. */
        streamingJobs: pulumi.output(Object.fromEntries(platform.jobs.map((job, i) => [settings.jobs[i].name, {
            driverId: job.driverId,
            driverState: job.driverState,
            workerId: job.workerId,
            uiUrl: job.uiUrl,
        }]))),
    };
}

// Pulumi runs an exported function and makes the object it resolves to the stack's outputs.
export = main;

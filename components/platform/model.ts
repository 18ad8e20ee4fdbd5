import { PlatformSettings } from "../config";
import { kafkaWorkload } from "../kafka/render";
import { Addressing } from "../model/addressing";
import { WorkloadGroup } from "../model/workload";
import { sparkWorkloads } from "../spark/render";
import { renderConnectString, zookeeperWorkload } from "../zookeeper/render";

/**
 * Every workload group of the platform from settings, without Pulumi: the same calls the
 * components make, for tools that need the whole model at once (the Compose baseline).
 */
export function platformModel(settings: PlatformSettings, addressing: Addressing): WorkloadGroup[] {
    const zookeeperConnect = renderConnectString(settings.zookeeper.replicas, addressing);
    return [
        zookeeperWorkload(settings.zookeeper, settings.images.zookeeper, settings.ports.zookeeperClient, addressing),
        kafkaWorkload({
            kafka: settings.kafka,
            zookeeperConnect,
            addressing,
            externalHost: settings.ports.bindAddress,
            externalPortBase: settings.ports.kafkaExternal,
        }, settings.images.kafka),
        ...sparkWorkloads({ spark: settings.spark, zookeeperConnect, addressing }, settings.images.spark,
            { masterUi: settings.ports.sparkMasterUi, workerUi: settings.ports.sparkWorkerUi }),
    ];
}

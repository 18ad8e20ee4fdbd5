import { PlatformSettings, PortSettings } from "./defaults";

/** A group's host ports: member i publishes on start + i. */
export interface PublishedPortRange {
    key: Exclude<keyof PortSettings, "bindAddress">;
    start: number;
    count: number;
}

/** Every host port range the platform publishes (on ports.bindAddress), by its config key. */
export function publishedPortRanges({ ports, zookeeper, kafka, spark }: PlatformSettings): PublishedPortRange[] {
    return [
        { key: "zookeeperClient", start: ports.zookeeperClient, count: zookeeper.replicas },
        { key: "kafkaExternal", start: ports.kafkaExternal, count: kafka.brokers },
        { key: "sparkMasterUi", start: ports.sparkMasterUi, count: spark.masters },
        { key: "sparkWorkerUi", start: ports.sparkWorkerUi, count: spark.workers },
        { key: "sparkMasterRest", start: ports.sparkMasterRest, count: spark.masters },
    ];
}

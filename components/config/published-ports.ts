import { PlatformSettings, PortSettings } from "./defaults";

/** A group's host ports: member i publishes on start + i. */
export interface PublishedPortRange {
    key: Exclude<keyof PortSettings, "bindAddress">;
    start: number;
    count: number;
    /** Published on Kubernetes too, as one NodePort per member (ZooKeeper's client port stays inside the cluster). */
    nodePort: boolean;
}

/** Every port range the platform publishes (Docker: on ports.bindAddress; Kubernetes: NodePorts), by its config key. */
export function publishedPortRanges({ ports, zookeeper, kafka, spark }: PlatformSettings): PublishedPortRange[] {
    return [
        { key: "zookeeperClient", start: ports.zookeeperClient, count: zookeeper.replicas, nodePort: false },
        { key: "kafkaExternal", start: ports.kafkaExternal, count: kafka.brokers, nodePort: true },
        { key: "sparkMasterUi", start: ports.sparkMasterUi, count: spark.masters, nodePort: true },
        { key: "sparkWorkerUi", start: ports.sparkWorkerUi, count: spark.workers, nodePort: true },
    ];
}

/**
 * streamstack: ZooKeeper, Kafka and Spark standalone HA as Pulumi components, on Docker or
 * Kubernetes. This is the package's entry; everything a program uses is exported here.
 *
 *     import { StreamingPlatform } from "streamstack";
 *     const platform = new StreamingPlatform("orders", { topics: [{ name: "orders", partitions: 6 }] });
 *     export const bootstrap = platform.kafka.bootstrapServers;
 */
export { docker, FromConfigOptions, JobArgs, kubernetes, StreamingPlatform, StreamingPlatformArgs, Target, TopicArgs, UserArgs } from "./streaming-platform";
export { ZooKeeperEnsemble, ZooKeeperEnsembleArgs } from "../components/zookeeper";
export { KafkaCluster, KafkaClusterArgs } from "../components/kafka";
export { KafkaTopic, KafkaTopicArgs } from "../components/kafka/topic";
export { KafkaUser, KafkaUserArgs } from "../components/kafka/user";
export { KafkaAuth } from "../components/model/state-access";
export { SparkCluster, SparkClusterArgs, StreamingJob, StreamingJobArgs } from "../components/spark";
export {
    CheckpointSettings, ConfigError, ConfigProblem, DEFAULTS, ImageSettings, JobSettings, KafkaSettings, KubernetesSettings,
    PlatformSettings, PortSettings, SparkSettings, TopicSettings, ZooKeeperSettings,
} from "../components/config";

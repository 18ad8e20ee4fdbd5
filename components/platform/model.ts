import { PlatformSettings } from "../config";
import { KAFKA_GROUP, kafkaWorkload } from "../kafka/render";
import { externalListenerAuthentication, externalListenerSecurity } from "../kafka/listener-security";
import { Addressing } from "../model/addressing";
import { WorkloadGroup } from "../model/workload";
import { MASTER_GROUP, SPARK_AUTH_SECRET_FILE, sparkWorkloads, WORKER_GROUP } from "../spark/render";
import { renderConnectString, ZOOKEEPER_GROUP, zookeeperWorkload } from "../zookeeper/render";
import { clientsProtectZnodes, renderClientJaas, renderServerJaas, ZOOKEEPER_CLIENT_JAAS, ZOOKEEPER_SERVER_JAAS } from "../zookeeper/sasl";

/**
 * Every workload group of the platform from settings, without Pulumi: the same calls the
 * components make, for tools that need the whole model at once (the Compose baseline).
 */
export function platformModel(settings: PlatformSettings, addressing: Addressing): WorkloadGroup[] {
    const zookeeperConnect = renderConnectString(settings.zookeeper.replicas, addressing);
    const protectZnodes = clientsProtectZnodes(settings.zookeeper.authentication);
    return [
        zookeeperWorkload(settings.zookeeper, settings.images.zookeeper, settings.ports.zookeeperClient, addressing, settings.jvmProfile),
        kafkaWorkload({
            kafka: settings.kafka,
            zookeeperConnect,
            addressing,
            externalHost: settings.ports.bindAddress,
            externalPortBase: settings.ports.kafkaExternal,
            protectZnodes,
            externalSecurity: externalListenerSecurity(settings),
            externalAuthentication: externalListenerAuthentication(settings),
            jvmProfile: settings.jvmProfile,
        }, settings.images.kafka),
        ...sparkWorkloads({ spark: settings.spark, zookeeperConnect, addressing, protectZnodes, jvmProfile: settings.jvmProfile }, settings.images.spark,
            { masterUi: settings.ports.sparkMasterUi, workerUi: settings.ports.sparkWorkerUi }),
    ];
}

/** Every group's secret files (group → file → text). */
export type PlainSecretFiles = Record<string, Record<string, string>>;

/**
 * The secret files the components mount, in plain text from passwords the caller makes, for a
 * baseline that runs the same model outside Pulumi (bench-up's Compose file).
 */
export function baselineSecretFiles(newPassword: () => string): PlainSecretFiles {
    const sparkSecret = newPassword();
    const clients = { kafka: newPassword(), spark: newPassword() };
    return {
        [ZOOKEEPER_GROUP]: { [ZOOKEEPER_SERVER_JAAS]: renderServerJaas(newPassword(), clients) },
        [KAFKA_GROUP]: { [ZOOKEEPER_CLIENT_JAAS]: renderClientJaas("kafka", clients.kafka) },
        [MASTER_GROUP]: { [SPARK_AUTH_SECRET_FILE]: sparkSecret, [ZOOKEEPER_CLIENT_JAAS]: renderClientJaas("spark", clients.spark) },
        [WORKER_GROUP]: { [SPARK_AUTH_SECRET_FILE]: sparkSecret },
    };
}

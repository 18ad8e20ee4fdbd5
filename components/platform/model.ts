import { PlatformSettings } from "../config";
import { KAFKA_GROUP, KafkaRenderInput, kafkaWorkload } from "../kafka/render";
import { controllerWorkload } from "../kafka/controllers";
import { hasDedicatedControllers, usesKraft } from "../kafka/kraft";
import { REPLICATION_TRUST_FILE } from "../kafka/replication";
import { externalListenerAuthentication, externalListenerSecurity } from "../kafka/listener-security";
import { internalAuthentication } from "../kafka/internal-authentication";
import { Addressing, flatAddressing } from "../model/addressing";
import { WorkloadGroup } from "../model/workload";
import { MASTER_GROUP, SPARK_AUTH_SECRET_FILE, sparkWorkloads, WORKER_GROUP } from "../spark/render";
import { renderConnectString, ZOOKEEPER_GROUP, zookeeperWorkload } from "../zookeeper/render";
import { clientsProtectZnodes, renderClientJaas, renderServerJaas, ZOOKEEPER_CLIENT_JAAS, ZOOKEEPER_SERVER_JAAS } from "../zookeeper/sasl";

function kafkaInput(settings: PlatformSettings, addressing: Addressing): KafkaRenderInput {
    return {
        kafka: settings.kafka,
        zookeeperConnect: renderConnectString(settings.zookeeper.replicas, addressing),
        addressing,
        externalHost: settings.ports.bindAddress,
        externalPortBase: settings.ports.kafkaExternal,
        protectZnodes: clientsProtectZnodes(settings.zookeeper.authentication),
        externalSecurity: externalListenerSecurity(settings),
        externalAuthentication: externalListenerAuthentication(settings),
        internalAuthentication: internalAuthentication(settings),
        jvmProfile: settings.jvmProfile,
    };
}

/**
 * Every workload group of the platform from settings, without Pulumi: the same calls the
 * components make, for tools that need the whole model at once (the Compose baseline).
 */
export function platformModel(settings: PlatformSettings, addressing: Addressing): WorkloadGroup[] {
    const zookeeperConnect = renderConnectString(settings.zookeeper.replicas, addressing);
    const protectZnodes = clientsProtectZnodes(settings.zookeeper.authentication);
    const brokers = kafkaWorkload(kafkaInput(settings, addressing), settings.images.kafka);
    return [
        zookeeperWorkload(settings.zookeeper, settings.images.zookeeper, settings.ports.zookeeperClient, addressing, settings.jvmProfile),
        ...(hasDedicatedControllers(settings.kafka)
            ? [controllerWorkload({ kafka: settings.kafka, addressing, brokers, logins: externalListenerAuthentication(settings) === "scram-sha-512", jvmProfile: settings.jvmProfile,
                zookeeper: { connect: zookeeperConnect, protectZnodes } }, settings.images.kafka)]
            : []),
        brokers,
        ...sparkWorkloads({ spark: settings.spark, zookeeperConnect, addressing, protectZnodes, jvmProfile: settings.jvmProfile }, settings.images.spark,
            { masterUi: settings.ports.sparkMasterUi, workerUi: settings.ports.sparkWorkerUi }),
    ];
}

/** Every group's secret files (group → file → text). */
export type PlainSecretFiles = Record<string, Record<string, string>>;

/** What a baseline's brokers need for their certificates: broker i's key store and the CAs they trust (PEM). */
export interface BaselineBrokerTls {
    keyStore(ordinal: number): string;
    trust: string;
}

/**
 * The secret files the components mount, in plain text from passwords the caller makes, for a
 * baseline that runs the same model outside Pulumi (bench-up's Compose file). The brokers'
 * certificates come from the caller too (`brokerTls`), made with the provider's own code.
 */
export function baselineSecretFiles(newPassword: () => string, settings: PlatformSettings, brokerTls?: BaselineBrokerTls): PlainSecretFiles {
    if (usesKraft(settings.kafka)) throw new Error("the baseline runs Kafka in ZooKeeper mode only (kafka.metadata \"zookeeper\")");
    const sparkSecret = newPassword();
    const clients = { kafka: newPassword(), spark: newPassword() };
    const kafka = kafkaWorkload(kafkaInput(settings, flatAddressing), settings.images.kafka);
    const certificateFiles = Object.fromEntries(kafka.secretFiles.flatMap(({ name }) => {
        const ordinal = /^kafka-tls-(\d+)\.pem$/.exec(name)?.[1];
        if (ordinal !== undefined) return [[name, brokerTls?.keyStore(Number(ordinal)) ?? missing(name)]];
        return name === REPLICATION_TRUST_FILE ? [[name, brokerTls?.trust ?? missing(name)]] : [];
    }));
    return {
        [ZOOKEEPER_GROUP]: { [ZOOKEEPER_SERVER_JAAS]: renderServerJaas(newPassword(), clients) },
        [KAFKA_GROUP]: { [ZOOKEEPER_CLIENT_JAAS]: renderClientJaas("kafka", clients.kafka), ...certificateFiles },
        [MASTER_GROUP]: { [SPARK_AUTH_SECRET_FILE]: sparkSecret, [ZOOKEEPER_CLIENT_JAAS]: renderClientJaas("spark", clients.spark) },
        [WORKER_GROUP]: { [SPARK_AUTH_SECRET_FILE]: sparkSecret },
    };
}

function missing(file: string): never {
    throw new Error(`the baseline's brokers need certificates (${file}): pass brokerTls`);
}

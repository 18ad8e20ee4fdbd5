import * as pulumi from "@pulumi/pulumi";
import { StreamingPlatform } from "./api";

/**
 * This project's program, a consumer of the package like any other: the platform its stack's
 * `streamstack:` config describes, and that platform's outputs as the stack's. Stacks made
 * before resource names carried the platform's name keep theirs (keepUnscopedNames).
 */
function main() {
    const platform = StreamingPlatform.fromConfig("streamstack", { keepUnscopedNames: true });
    const { settings } = platform;
    return {
        target: settings.target,
        zookeeperConnect: platform.zookeeper.connectString,
        zookeeperHostConnect: platform.zookeeper.hostConnectString,
        kafkaBootstrapServers: platform.kafka.bootstrapServers,
        kafkaInternalBootstrapServers: platform.kafka.internalBootstrapServers,
        /** The CA (PEM) host clients verify Kafka's external listener against; absent in plaintext (kafka.security). */
        kafkaCaCertificate: platform.kafka.caCertificate,
        /** The admin login when Kafka's external listener requires one (kafka.authentication); the password a secret. */
        kafkaAdminUsername: platform.kafka.adminUsername,
        kafkaAdminPassword: platform.kafka.adminPassword,
        /** Per `streamstack:users` entry: its login (the password a secret, so the whole map shows as one). */
        kafkaUsers: pulumi.output(Object.fromEntries(platform.users.map((user, i) => [settings.users[i].name, {
            username: user.name,
            password: user.password,
        }]))),
        kafkaZookeeperChroot: platform.kafka.zookeeperChroot,
        sparkMasterUrl: platform.spark.masterUrl,
        sparkMasterUiUrls: platform.spark.masterUiUrls,
        sparkWorkerUiUrls: platform.spark.workerUiUrls,
        sparkCheckpointPath: platform.spark.checkpointPath,
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

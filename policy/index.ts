import { PolicyPack } from "@pulumi/policy";
import { noDataLossWithoutOptIn } from "./rules/data-loss";
import { oddZooKeeperEnsemble } from "./rules/ensemble";
import { kafkaNodePortsSecured, localPortsOnLoopback } from "./rules/exposure";
import { containerResources, statefulSetDisruptionBudget } from "./rules/kubernetes";
import { coresMaxWithinWorkers, executorMemoryWithinWorker } from "./rules/spark-limits";
import { minInsyncBelowReplication, minInsyncNotAboveReplication, replicationWithinBrokers } from "./rules/topics";

/** The pack `pulumi preview --policy-pack policy` runs; each policy's message names the setting to change. */
new PolicyPack("streamstack", {
    policies: [
        oddZooKeeperEnsemble,
        replicationWithinBrokers,
        minInsyncNotAboveReplication,
        minInsyncBelowReplication,
        coresMaxWithinWorkers,
        executorMemoryWithinWorker,
        localPortsOnLoopback,
        kafkaNodePortsSecured,
        containerResources,
        statefulSetDisruptionBudget,
        noDataLossWithoutOptIn,
    ],
});

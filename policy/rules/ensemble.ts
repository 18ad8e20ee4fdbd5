import { StackValidationPolicy } from "@pulumi/policy";
import { ensembleSizeProblem } from "../../components/zookeeper/rules";
import { memberCount } from "../platform-view";

/** An even ensemble tolerates no more failures than the odd one below it, and splits evenly. */
export const oddZooKeeperEnsemble: StackValidationPolicy = {
    name: "zookeeper-odd-ensemble",
    description: "The ZooKeeper ensemble has an odd number of servers (3 or 5 to survive failures).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        // The ensemble's own rule (components/zookeeper/rules.ts), on the servers this preview declares.
        const servers = memberCount(args.resources, "zookeeper");
        const problem = servers === undefined ? undefined : ensembleSizeProblem(servers);
        if (problem) reportViolation(`ZooKeeper has ${servers} servers: ${problem} (streamstack:zookeeper.replicas)`);
    },
};

import { StackValidationPolicy } from "@pulumi/policy";
import { memberCount } from "../platform-view";

/** An even ensemble tolerates no more failures than the odd one below it, and splits evenly. */
export const oddZooKeeperEnsemble: StackValidationPolicy = {
    name: "zookeeper-odd-ensemble",
    description: "The ZooKeeper ensemble has an odd number of servers (3 or 5 to survive failures).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const servers = memberCount(args.resources, "zookeeper");
        if (servers !== undefined && servers % 2 === 0) {
            reportViolation(`ZooKeeper has ${servers} servers: an even ensemble tolerates no more failures than ${servers - 1}; set streamstack:zookeeper.replicas to ${servers - 1} or ${servers + 1}`);
        }
    },
};

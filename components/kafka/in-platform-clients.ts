import { createHash } from "node:crypto";
import { KafkaReplication } from "../config/defaults";
import { AclOperation } from "./user-acls";

/**
 * What an application inside the platform may do on INTERNAL, where it does not log in yet and
 * is the principal ANONYMOUS (Spark jobs, pods of kubernetes.clientNamespaces, tools run in a
 * broker): everything with topics, consumer groups and transactional ids, as before — but not
 * administer the cluster (ACLs, users' credentials, broker configs, partition reassignments,
 * cluster actions), so code a job runs cannot mint itself a login for the external listener.
 * Pure: the brokers' start script writes these ACLs into ZooKeeper before the broker starts.
 */

export const IN_PLATFORM_PRINCIPAL = "User:ANONYMOUS";

/** In the users' ACL syntax (user-acls.ts): every name of each resource type, every operation on it. */
export const IN_PLATFORM_ACLS: Readonly<Record<string, readonly AclOperation[]>> = {
    "topic:*": ["all"],
    "group:*": ["all"],
    "transactional-id:*": ["all"],
};

/**
 * ANONYMOUS stays a super user while some broker may still be an ANONYMOUS client of INTERNAL:
 * at kafka.replication "internal" and "migrating-1" they replicate over it, and in the roll to
 * "migrating-2" the brokers not restarted yet still do.
 */
export function anonymousIsSuperUser(replication: KafkaReplication): boolean {
    return replication !== "tls";
}

/** kafka-acls.sh's flag for each resource type of IN_PLATFORM_ACLS. */
const RESOURCE_FLAGS: Record<string, string> = { "topic:*": "--topic '*'", "group:*": "--group '*'", "transactional-id:*": "--transactional-id '*'" };

/**
 * Start-script lines that write IN_PLATFORM_ACLS into ZooKeeper through Kafka's own authorizer
 * (kafka-acls.sh with --authorizer-properties, as the broker logged in as `kafka`), before the
 * broker starts, so that a broker that no longer makes ANONYMOUS a super user never answers an
 * in-platform client without them. Once per data volume and ACL set (a marker holding the set's
 * digest): a restart costs no JVM.
 */
export function renderInPlatformAcls(zookeeperWithChroot: string, protectZnodes: boolean, dataDir: string): string[] {
    const digest = createHash("sha256").update(JSON.stringify(IN_PLATFORM_ACLS)).digest("hex").slice(0, 16);
    const marker = `${dataDir}/streamstack-in-platform-acls`;
    return [
        `if [ "$(cat ${marker} 2>/dev/null)" != "${digest}" ]; then`,
        `  KAFKA_HEAP_OPTS=-Xmx128m kafka-acls.sh --authorizer-properties "zookeeper.connect=${zookeeperWithChroot}" \\`,
        `    --authorizer-properties zookeeper.set.acl=${protectZnodes} --add --allow-principal ${IN_PLATFORM_PRINCIPAL} --operation All \\`,
        `    ${Object.keys(IN_PLATFORM_ACLS).map((key) => RESOURCE_FLAGS[key]).join(" ")} >/dev/null || exit 1`,
        `  echo ${digest} > ${marker}`,
        "fi",
    ];
}

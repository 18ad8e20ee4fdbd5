import { createHash } from "node:crypto";
import { KafkaInternalAuthentication, KafkaReplication } from "../config/defaults";
import { hasOpenInternalListener } from "./internal-authentication";
import { AclOperation } from "./user-acls";

/**
 * What an application inside the platform may do on INTERNAL, where it does not log in and
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
 * ANONYMOUS once Kafka asks for logins inside the platform (kafka.internalAuthentication
 * "scram-sha-512"): it then comes only from the brokers' own PROBE listener (loopback), where
 * the readiness check reads which partitions are in sync, so it may see the topics, no more.
 */
export const PROBE_ONLY_ACLS: Readonly<Record<string, readonly AclOperation[]>> = {
    "topic:*": ["describe"],
};

/**
 * ANONYMOUS stays a super user while some broker may still be an ANONYMOUS client of INTERNAL:
 * at kafka.replication "internal" and "migrating-1" they replicate over it, and in the roll to
 * "migrating-2" the brokers not restarted yet still do.
 */
export function anonymousIsSuperUser(replication: KafkaReplication): boolean {
    return replication !== "tls";
}

/** What ANONYMOUS may do when it is not a super user: everything with topics while INTERNAL lets anyone in, reading metadata once only PROBE does. */
export function anonymousAcls(internalAuthentication: KafkaInternalAuthentication): Readonly<Record<string, readonly AclOperation[]>> {
    return hasOpenInternalListener(internalAuthentication) ? IN_PLATFORM_ACLS : PROBE_ONLY_ACLS;
}

/** kafka-acls.sh's flag for a resource type of these ACL sets. */
const RESOURCE_FLAGS: Record<string, string> = { "topic:*": "--topic '*'", "group:*": "--group '*'", "transactional-id:*": "--transactional-id '*'" };

/** kafka-acls.sh's name of an operation of these ACL sets. */
const OPERATION_NAMES: Partial<Record<AclOperation, string>> = { all: "All", describe: "Describe" };

/**
 * Start-script lines that make ANONYMOUS's ACLs `acls` in ZooKeeper through Kafka's own
 * authorizer (kafka-acls.sh with --authorizer-properties, as the broker logged in as `kafka`),
 * before the broker starts, so that a broker that no longer makes ANONYMOUS a super user never
 * answers an in-platform client without them: first every binding any set here gives it goes,
 * then this set's are added. Once per data volume and ACL set (a marker holding the set's
 * digest): a restart costs no JVM.
 */
export function renderInPlatformAcls(zookeeperWithChroot: string, protectZnodes: boolean, dataDir: string, acls: Readonly<Record<string, readonly AclOperation[]>>): string[] {
    const digest = createHash("sha256").update(JSON.stringify(acls)).digest("hex").slice(0, 16);
    const marker = `${dataDir}/streamstack-in-platform-acls`;
    const tool = `KAFKA_HEAP_OPTS=-Xmx128m kafka-acls.sh --authorizer-properties "zookeeper.connect=${zookeeperWithChroot}" --authorizer-properties zookeeper.set.acl=${protectZnodes}`;
    const everyResource = Object.values(RESOURCE_FLAGS).join(" ");
    const everyOperation = Object.values(OPERATION_NAMES).map((name) => `--operation ${name}`).join(" ");
    // One --add per operation list: kafka-acls.sh grants every operation it is given on every resource it is given.
    const byOperations = new Map<string, string[]>();
    for (const [resource, operations] of Object.entries(acls)) {
        const flags = operations.map((operation) => `--operation ${OPERATION_NAMES[operation]}`).join(" ");
        byOperations.set(flags, [...(byOperations.get(flags) ?? []), RESOURCE_FLAGS[resource]!]);
    }
    return [
        `if [ "$(cat ${marker} 2>/dev/null)" != "${digest}" ]; then`,
        `  ${tool} \\`,
        `    --remove --force --allow-principal ${IN_PLATFORM_PRINCIPAL} ${everyOperation} ${everyResource} >/dev/null || exit 1`,
        ...[...byOperations].flatMap(([operations, resources]) => [
            `  ${tool} \\`,
            `    --add --allow-principal ${IN_PLATFORM_PRINCIPAL} ${operations} ${resources.join(" ")} >/dev/null || exit 1`,
        ]),
        `  echo ${digest} > ${marker}`,
        "fi",
    ];
}

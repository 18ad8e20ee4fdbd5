/**
 * Labels and name prefixes every target puts on what it creates: how a stack finds its own
 * containers, networks, volumes and Kubernetes objects (and never touches anything else)
 * without the Pulumi state. The model owns them; targets, the program and tools call these.
 */
import { memberName, parseMemberName } from "./workload";
import { pemBundle } from "./state-access";

/** Docker objects: the platform's prefix (`<platform>-<stack>`, platformPrefix). */
export const STACK_LABEL = "streamstack.stack";
/** Docker objects: the member name (`kafka-2`). */
export const MEMBER_LABEL = "streamstack.member";
/**
 * ZooKeeper's members (a container's label, a pod's annotation): the zookeeper.authentication
 * step the member runs. Absent on a member made before ZooKeeper's authentication.
 */
export const ZOOKEEPER_AUTHENTICATION_ANNOTATION = "streamstack.zookeeper-authentication";
/**
 * Kafka's brokers (a container's label, a pod's annotation): the kafka.replication step the
 * broker runs. Absent on a broker made before the REPLICATION listener (or kept at "internal").
 */
export const KAFKA_REPLICATION_ANNOTATION = "streamstack.kafka-replication";

/**
 * Kafka's brokers (a container's label, a pod's annotation): the kafka.internalAuthentication
 * step the broker runs. Absent on a broker without logins inside the platform ("none").
 */
export const KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION = "streamstack.kafka-internal-authentication";
/**
 * Kafka's brokers (a container's label, a pod's annotation): "kraft" on a KRaft member (kafka.metadata).
 * Absent on a broker in ZooKeeper mode.
 */
export const KAFKA_METADATA_ANNOTATION = "streamstack.kafka-metadata";
/**
 * A KRaft member (a container's label, a pod's annotation): the Kafka version it runs
 * (kafka.version), which a preview compares with the one asked for. Absent in ZooKeeper mode.
 */
export const KAFKA_VERSION_ANNOTATION = "streamstack.kafka-version";
/**
 * Members whose state port speaks TLS (a container's label, a pod's annotation): the CA
 * certificate (PEM, public) their certificates are signed by, which the platform's own tools
 * verify them against when a preview reads the running platform (roll order, scale-down check).
 */
export const STATE_CA_ANNOTATION = "streamstack.state-ca";
/**
 * Members of a group with secret files read only at start (SecretFileSpec.restartsMembers): a
 * digest of their values, so that a new value replaces the member (a container's label, a pod's
 * annotation).
 */
export const RESTART_DIGEST_ANNOTATION = "streamstack.restart-digest";
/**
 * Members whose state port requires a login (a container's label, a pod's annotation): the SASL
 * mechanism. A preview that reads the running platform then logs in with the login they mount
 * (STATE_LOGIN_FILE). Absent: the state port lets anyone in.
 */
export const STATE_LOGIN_ANNOTATION = "streamstack.state-login";

/**
 * Prefix of every container, network and volume name of a platform, and its STACK_LABEL value:
 * `<platform>-<stack>` (`streamstack-local` for this project's own program).
 */
export function platformPrefix(platform: string, stack: string): string {
    return `${platform}-${stack}`;
}

/** The stack name back from the STACK_LABEL value of a platform named `streamstack`; undefined for any other. */
export function stackOfPrefix(prefix: string): string | undefined {
    return prefix.startsWith("streamstack-") ? prefix.slice("streamstack-".length) : undefined;
}

/** A Docker `label=` filter selecting every object of the stack. */
export function stackFilter(prefix: string): string {
    return `${STACK_LABEL}=${prefix}`;
}

/** A Docker container's name: the stack's prefix and the member. */
export function containerName(prefix: string, group: string, ordinal: number): string {
    return `${prefix}-${memberName(group, ordinal)}`;
}

/** A Docker volume's name: the stack's prefix and the volume's key (`kafka-0-data`, `checkpoints`). */
export function volumeName(prefix: string, key: string): string {
    return `${prefix}-${key}`;
}

/** Labels every target puts on everything it creates (the Kubernetes recommended labels). */
export function platformLabels(stack: string, component: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": component,
        "app.kubernetes.io/instance": stack,
        "app.kubernetes.io/part-of": "streamstack",
        "app.kubernetes.io/managed-by": "pulumi",
    };
}

/** The stack's containers of one group, with each member's ordinal (their labels say both). */
export function groupMembers<C extends { labels: Record<string, string> }>(containers: C[], stackPrefix: string, group: string): { ordinal: number; container: C }[] {
    return containers
        .filter((c) => c.labels[STACK_LABEL] === stackPrefix)
        .flatMap((c) => {
            const member = parseMemberName(c.labels[MEMBER_LABEL] ?? "");
            return member?.group === group ? [{ ordinal: member.ordinal, container: c }] : [];
        });
}

/**
 * What every member of a group carries for a later preview to read back (a container's labels,
 * a pod's annotations): the group's annotations and, when its state port speaks TLS, the CA,
 * and the digest of secret files that restart it (values known at deployment only, hence any
 * type the target passes).
 */
export function memberAnnotations<Value>(annotations: Record<string, string>, stateCa: Value | undefined, restartDigest?: Value): Record<string, string | Value> {
    return {
        ...annotations,
        ...(stateCa === undefined ? {} : { [STATE_CA_ANNOTATION]: stateCa }),
        ...(restartDigest === undefined ? {} : { [RESTART_DIGEST_ANNOTATION]: restartDigest }),
    };
}

/**
 * The CAs the running members say their state port's certificates are signed by
 * (STATE_CA_ANNOTATION of each member's labels or annotations), each once: undefined when none
 * says one, i.e. they speak plaintext. Members caught mid-rotation by a failed roll name two;
 * a preview trusts both, so it reads every member.
 */
export function recordedStateCa(members: (Record<string, string> | undefined)[]): string | undefined {
    const cas = [...new Set(members.map((annotations) => annotations?.[STATE_CA_ANNOTATION]?.trim()).filter((ca): ca is string => ca !== undefined && ca !== ""))];
    return cas.length === 0 ? undefined : pemBundle(cas);
}

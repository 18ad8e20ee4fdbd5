/**
 * The one target-neutral description of what runs. Renderers produce it; the Docker and
 * Kubernetes adapters only translate it. Nothing here knows about either target.
 */

export type ComponentKind = "zookeeper" | "kafka" | "kafka-controller" | "spark-master" | "spark-worker";

/** Every kind, which is also every group's name on this platform. */
export const COMPONENT_KINDS: readonly ComponentKind[] = ["zookeeper", "kafka", "kafka-controller", "spark-master", "spark-worker"];

/** A rendered file, identical for every member of a group (per-member values come from the ordinal). */
export interface FileSpec {
    /** File name inside the group's config directory (CONFIG_DIR). */
    name: string;
    content: string;
    executable: boolean;
}

/**
 * Who may connect to a port from outside its group:
 * - `members`: the platform's own members only (quorum, election, Spark RPC);
 * - `in-cluster-clients`: also applications next to the platform (Kafka's internal listener;
 *   on Kubernetes, pods of the declared client namespaces);
 * - `operators`: published on Docker's bind address for the status tools; on Kubernetes it
 *   stays inside the cluster (kubectl port-forward) — nothing outside reaches ZooKeeper;
 * - `external-clients`: clients outside the platform (Docker: the bind address; Kubernetes:
 *   one NodePort per member).
 */
export type PortExposure = "members" | "in-cluster-clients" | "operators" | "external-clients";

export interface PortSpec {
    name: string;
    containerPort: number;
    exposure: PortExposure;
    /** Member i is published on hostPortBase + i (Docker host port, Kubernetes NodePort); required unless exposure is members/in-cluster-clients. */
    hostPortBase?: number;
}

export interface VolumeSpec {
    name: string;
    mountPath: string;
    /** `member`: one volume per member (its data); `shared`: one volume every member of every group mounting it shares. */
    scope: "member" | "shared";
    size: string;
    /** The setting that sizes it (`kafka.storageSize`): what a refusal tells the user to change. */
    sizeSetting: string;
    storageClass?: string;
}

/** A health check run inside the container; exit code 0 = healthy. */
export interface ProbeSpec {
    command: string[];
    initialDelaySeconds: number;
    periodSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
}

/**
 * A file whose content is one of the platform's secrets (a Pulumi secret made by the program,
 * GeneratedSecret): the model names it, the target mounts the value at SECRETS_DIR/<name>, read
 * by the start script. Never a rendered file, so reviews and golden files show no secret.
 */
export interface SecretFileSpec {
    /** File name inside SECRETS_DIR, and the key of its value in what deployGroup is given. */
    name: string;
    /**
     * The members read it once, at start (Kafka's trust store): a new value restarts them, one
     * at a time as any change (the target records a digest of such files on each member).
     * Otherwise a new value reaches the file and is read where it is next needed.
     */
    restartsMembers?: boolean;
}

export interface WorkloadGroup {
    kind: ComponentKind;
    /** Group name; member i is `${name}-${i}`, which is also its host name. */
    name: string;
    image: string;
    replicas: number;
    /** Same for every member; the start script derives per-member ids from the ordinal. */
    command: string[];
    env: Record<string, string>;
    files: FileSpec[];
    /** Secrets the members read from files (none for most groups). */
    secretFiles: SecretFileSpec[];
    ports: PortSpec[];
    volumes: VolumeSpec[];
    readiness: ProbeSpec;
    liveness: ProbeSpec;
    /**
     * Name of the port (in `ports`) whose answers tell a member's role and state: ZooKeeper's
     * client port (mode), Kafka's external listener (metadata), Spark's web UI (/json/). A
     * target that rolls members itself reads it to order a change and to wait between members.
     */
    statePort: string;
    /**
     * Where the group's state is read when its own members answer nothing a target can ask (no
     * published port): another group's members and state port, which answer for it. KRaft's
     * controllers listen on CONTROLLER only, with mutual TLS; the brokers' external listener
     * forwards DescribeQuorum to the active controller.
     */
    stateFrom?: Pick<WorkloadGroup, "ports" | "statePort" | "replicas">;
    /** Container memory limit in MiB (heap plus JVM overhead). */
    memoryMb: number;
    /** CPU limit in cores. */
    cpus: number;
    /** Numeric user the process runs as (the image's service user; never root). */
    runAsUser: number;
    /** Groups that must be ready before this one starts. */
    dependsOn: string[];
    /** Members that must stay up during voluntary disruption (Kubernetes PDB; none when < 1 or a single replica). */
    minAvailable: number;
    /** Peers must resolve each other before they are ready (ZooKeeper quorum forming). */
    publishNotReadyAddresses: boolean;
    /**
     * Peers and clients reach each member at an address that survives its restarts
     * (Addressing.stableDomainSuffix; Kubernetes: a ClusterIP Service per member, which routes
     * to the member before it is ready, like publishNotReadyAddresses). A pod's own DNS record
     * changes address with every restart, and the cluster's DNS cache (CoreDNS's `cache 30`)
     * keeps handing out the old one for up to 30 s. Only for members that listen on every
     * address (a Service's IP is no address of the pod).
     */
    stableMemberAddresses: boolean;
    /**
     * Facts about how each member was made that a later preview reads back from the live
     * platform (Docker: labels on the container; Kubernetes: annotations on the pod), e.g.
     * ZooKeeper's authentication step. Part of the member's definition: a change rolls it.
     */
    annotations: Record<string, string>;
}

/** Where rendered files are mounted in every container. */
export const CONFIG_DIR = "/etc/streamstack";

/** Where secret files are mounted: apart from CONFIG_DIR (on Kubernetes a Secret, not the ConfigMap). */
export const SECRETS_DIR = "/etc/streamstack-secrets";

/** Environment variable carrying the member ordinal; adapters set it or the start script derives it from the host name. */
export const ORDINAL_ENV = "STREAMSTACK_ORDINAL";

export function memberName(group: string, ordinal: number): string {
    return `${group}-${ordinal}`;
}

/** The group and ordinal a member name was built from (memberName's inverse); undefined for any other name. */
export function parseMemberName(name: string): { group: string; ordinal: number } | undefined {
    const at = name.lastIndexOf("-");
    const ordinal = Number(name.slice(at + 1));
    // Group names are DNS labels: never empty, never ending in '-'.
    if (at <= 0 || name[at - 1] === "-" || !/^\d+$/.test(name.slice(at + 1)) || !Number.isInteger(ordinal)) return undefined;
    return { group: name.slice(0, at), ordinal };
}

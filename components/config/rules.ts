import { PlatformSettings } from "./defaults";
import { Report } from "./problem";
import { publishedPortRanges } from "./published-ports";
import { JVM_PROFILE_CHOICES, JVM_PROFILES } from "./jvm-profile";

/**
 * Rules that span concepts or belong to none (target, ports, images, ZooKeeper paths shared
 * by Kafka and Spark); each concept's own rules live beside it (components/<concept>/rules.ts),
 * and components/platform/settings.ts runs them all.
 */

/** `[registry[:port]/]name[/name...][:tag][@sha256:digest]`, as Docker parses a reference. */
const IMAGE_REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DOTTED_QUAD = /^(\d{1,3})(\.\d{1,3}){3}$/;

/** A dotted-quad IPv4 address with every part 0-255. */
function isIPv4(address: string): boolean {
    return DOTTED_QUAD.test(address) && address.split(".").every((part) => Number(part) <= 255);
}
const HOST_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;
/** kube-apiserver's default --service-node-port-range. */
const NODE_PORTS = { min: 30000, max: 32767 };

/**
 * Kubernetes: clients outside the cluster reach brokers and Spark on NodePorts of a node
 * address that brokers advertise, so both must be right before anything is applied.
 */
function checkKubernetes(settings: PlatformSettings, report: Report): void {
    if (settings.target !== "kubernetes") return;
    const { externalHost, clientNamespaces } = settings.kubernetes;
    if (externalHost === "") {
        report("kubernetes.externalHost", externalHost, "must be set on the kubernetes target: the address of a node that clients " +
            "outside the cluster reach NodePorts on (brokers advertise it); the local cluster of scripts/k8s-local.sh is 10.87.0.1");
    } else if (DOTTED_QUAD.test(externalHost) ? !isIPv4(externalHost) : !HOST_NAME.test(externalHost)) {
        report("kubernetes.externalHost", externalHost, 'must be an IPv4 address or a DNS name, e.g. "10.87.0.1"');
    }
    const { cpuRequestPercent } = settings.kubernetes;
    if (cpuRequestPercent < 1 || cpuRequestPercent > 100) {
        report("kubernetes.cpuRequestPercent", cpuRequestPercent, "must be 1-100 (the share of each CPU limit a container requests)");
    }
    clientNamespaces.forEach((ns, i) => {
        if (!DNS_LABEL.test(ns)) report(`kubernetes.clientNamespaces[${i}]`, ns, "must be a namespace name (a DNS label: lower-case letters, digits, '-')");
    });
    for (const { key, start, count, nodePort } of publishedPortRanges(settings)) {
        if (nodePort && (start < NODE_PORTS.min || start + count - 1 > NODE_PORTS.max)) {
            report(`ports.${key}`, start, `on the kubernetes target member i is served on NodePort ${key === "kafkaExternal" ? "(and advertised as) " : ""}` +
                `ports.${key} + i, which must lie in ${NODE_PORTS.min}-${NODE_PORTS.max}; e.g. ${NODE_PORTS.min + (start % 1000)}`);
        }
    }
}

function checkGeneral(settings: PlatformSettings, report: Report): void {
    if (settings.target !== "docker" && settings.target !== "kubernetes") {
        report("target", settings.target, 'must be "docker" or "kubernetes"');
    }
    for (const [key, port] of Object.entries(settings.ports)) {
        if (typeof port === "number" && (port < 1 || port > 65535)) report(`ports.${key}`, port, "must be a TCP port (1-65535)");
    }
    if (!DNS_LABEL.test(settings.kubernetes.namespace)) {
        report("kubernetes.namespace", settings.kubernetes.namespace, "must be a DNS label (lower-case letters, digits, '-')");
    }
    if (!(JVM_PROFILES as readonly string[]).includes(settings.jvmProfile)) report("jvmProfile", settings.jvmProfile, `must be ${JVM_PROFILE_CHOICES}`);
    for (const [key, image] of Object.entries(settings.images)) {
        if (!IMAGE_REFERENCE.test(image)) {
            report(`images.${key}`, image, 'not an image reference Docker accepts, e.g. "streamstack/kafka:local" or "apache/kafka:3.9.1"');
        }
    }
}

/**
 * Docker publishes on the bind address: it must be one this machine has (or 0.0.0.0, every
 * address), or every container with a port fails to start. Brokers advertise it to clients.
 */
function checkBindAddress({ target, ports }: PlatformSettings, report: Report, localAddresses: string[] | undefined): void {
    if (!isIPv4(ports.bindAddress)) {
        report("ports.bindAddress", ports.bindAddress, 'must be an IPv4 address, e.g. "127.0.0.1" (the default: nothing leaves this machine)');
    } else if (target === "docker" && localAddresses !== undefined && ports.bindAddress !== "0.0.0.0" && !localAddresses.includes(ports.bindAddress)) {
        report("ports.bindAddress", ports.bindAddress, `is not an address of this machine (it has ${localAddresses.join(", ")}); Docker could not publish on it`);
    }
}

/**
 * Kafka's chroot and Spark's recovery directory share one ensemble: nested, one cluster would
 * read or delete the other's znodes. /zookeeper is ZooKeeper's own.
 */
function checkZooKeeperPaths({ kafka, spark }: PlatformSettings, report: Report): void {
    const nested = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
    if (nested(spark.recoveryDir, kafka.zookeeperChroot)) {
        report("spark.recoveryDir", spark.recoveryDir, `shares ZooKeeper's tree with kafka.zookeeperChroot (${kafka.zookeeperChroot}); give Spark its own path, e.g. "/spark"`);
    }
    for (const [key, path] of [["kafka.zookeeperChroot", kafka.zookeeperChroot], ["spark.recoveryDir", spark.recoveryDir]]) {
        if (nested(path, "/zookeeper") || path === "/") report(key, path, "is ZooKeeper's own tree; choose a path of your own");
    }
}

/**
 * Member i of a group publishes on base + i: two groups whose ranges overlap would fight over
 * a host port, and the second container would fail to start halfway through an up.
 */
function checkPortRanges(settings: PlatformSettings, report: Report): void {
    const ranges = publishedPortRanges(settings);
    ranges.forEach(({ key, start, count }, i) => {
        if (start >= 1 && start + count - 1 > 65535) {
            report(`ports.${key}`, start, `its ${count} members would publish up to ${start + count - 1}, beyond 65535; lower it`);
        }
        for (const other of ranges.slice(0, i)) {
            if (start < other.start + other.count && other.start < start + count) {
                report(`ports.${key}`, start, `its ports ${start}-${start + count - 1} overlap ports.${other.key} (${other.start}-${other.start + other.count - 1}); move one of them`);
            }
        }
    });
}

/**
 * Rules over merged settings that belong to no concept. `localAddresses`: this machine's IPv4
 * addresses, when the settings are for a platform on it (the program passes them; a review of
 * a pull request, run elsewhere, does not).
 */
export function checkGeneralRules(settings: PlatformSettings, report: Report, localAddresses?: string[]): void {
    checkGeneral(settings, report);
    checkPortRanges(settings, report);
    checkKubernetes(settings, report);
    checkBindAddress(settings, report, localAddresses);
    checkZooKeeperPaths(settings, report);
}

/** The rules that keep mid-`up` failures out: each bad input fails preview, naming key, value and fix. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem, problemsOf } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";

describe("ports", () => {
    it("refuses ranges that overlap between groups (member i publishes on base + i)", () => {
        assertProblem({ ports: { zookeeperClient: 14181, sparkWorkerUi: 14180 } }, "ports.sparkWorkerUi", "14180-14181 overlap ports.zookeeperClient (14181-14183)");
    });

    it("refuses a range that runs past 65535", () => {
        assertProblem({ ports: { kafkaExternal: 65534 } }, "ports.kafkaExternal", "up to 65536");
    });

    it("refuses a bind address this machine does not have, and one that is not an address", () => {
        assertProblem({ ports: { bindAddress: "203.0.113.7" } }, "ports.bindAddress", "not an address of this machine", "127.0.0.1");
        assertProblem({ ports: { bindAddress: "localhost" } }, "ports.bindAddress", "IPv4 address");
        assert.deepEqual(problemsOf({ ports: { bindAddress: "0.0.0.0" } }), []);
        assert.deepEqual(problemsOf(kubernetesConfig({ ports: { bindAddress: "203.0.113.7" } })), [], "NodePorts on the node, not Docker, serve Kubernetes clients");
        assert.deepEqual(problemsOf({ ports: { bindAddress: "203.0.113.7" } }, {}), [], "settings read off this machine (a pull request's review) are not held to its addresses");
    });
});

describe("kubernetes target", () => {
    it("needs the node address that brokers advertise and NodePorts answer on", () => {
        assertProblem(kubernetesConfig({ kubernetes: { externalHost: "" } }), "kubernetes.externalHost", "10.87.0.1");
        assertProblem(kubernetesConfig({ kubernetes: { externalHost: "not an address!" } }), "kubernetes.externalHost", "IPv4 address or a DNS name");
        assert.deepEqual(problemsOf(kubernetesConfig({ kubernetes: { externalHost: "node-1.example.com" } })), []);
    });

    it("refuses published port bases outside the NodePort range, with a base inside it", () => {
        assertProblem(kubernetesConfig({ ports: { kafkaExternal: 19092 } }), "ports.kafkaExternal", "30000-32767; e.g. 30092");
        assertProblem(kubernetesConfig({ ports: { sparkWorkerUi: 32767 } }), "ports.sparkWorkerUi", "NodePort");
        assert.deepEqual(problemsOf(kubernetesConfig({ ports: { zookeeperClient: 2181 } })), [], "ZooKeeper's client port is not published on Kubernetes");
    });

    it("checks client namespaces and the CPU request share", () => {
        assertProblem(kubernetesConfig({ kubernetes: { clientNamespaces: ["Apps"] } }), "kubernetes.clientNamespaces[0]", "DNS label");
        assertProblem(kubernetesConfig({ kubernetes: { clientNamespaces: "apps" } }), "kubernetes.clientNamespaces", "list of strings");
        assertProblem(kubernetesConfig({ kubernetes: { cpuRequestPercent: 0 } }), "kubernetes.cpuRequestPercent", "1-100");
    });
});

describe("images", () => {
    it("refuses an empty or malformed reference", () => {
        assertProblem({ images: { kafka: "" } }, "images.kafka", "not an image reference");
        assertProblem({ images: { spark: "Apache/Spark:3.5" } }, "images.spark", "not an image reference");
        assert.deepEqual(problemsOf({ images: { spark: "registry.example.com:5000/team/spark:3.5.7-java17" } }), []);
    });
});

describe("ZooKeeper", () => {
    it("refuses a tick under 100 ms, an unsized volume and a session cap under two ticks", () => {
        assertProblem({ zookeeper: { tickTimeMs: 10 } }, "zookeeper.tickTimeMs", "at least 100");
        assertProblem({ zookeeper: { storageSize: "1GB" } }, "zookeeper.storageSize", "quantity");
        assertProblem({ zookeeper: { tickTimeMs: 2000, maxSessionTimeoutMs: 3000 } }, "zookeeper.maxSessionTimeoutMs", "2 x tickTimeMs (4000)");
    });

    it("refuses Spark's recovery directory inside Kafka's chroot (or the reverse), and ZooKeeper's own tree", () => {
        assertProblem({ spark: { recoveryDir: "/kafka/spark" } }, "spark.recoveryDir", "kafka.zookeeperChroot (/kafka)");
        assertProblem({ kafka: { zookeeperChroot: "/spark" } }, "spark.recoveryDir", "shares");
        assertProblem({ kafka: { zookeeperChroot: "/zookeeper/kafka" } }, "kafka.zookeeperChroot", "ZooKeeper's own");
    });
});

describe("Kafka", () => {
    it("refuses zero default partitions and an unsized volume", () => {
        assertProblem({ kafka: { numPartitions: 0 } }, "kafka.numPartitions", "at least 1");
        assertProblem({ kafka: { storageSize: "ten" } }, "kafka.storageSize", "quantity");
    });

    it("refuses topic names that collide in Kafka's metric names ('.' vs '_')", () => {
        assertProblem({ topics: [{ name: "orders.eu" }, { name: "orders_eu" }] }, "topics[1].name", 'collides with topics[0] ("orders.eu")', "rename one");
    });
});

describe("Spark", () => {
    it("refuses a checkpoint volume that would hide the image's directories", () => {
        assertProblem({ spark: { checkpoint: { path: "/opt" } } }, "spark.checkpoint.path", "/opt/spark");
        assertProblem({ spark: { checkpoint: { path: "/opt/spark/work" } } }, "spark.checkpoint.path", "/opt/spark");
        assertProblem({ spark: { checkpoint: { path: "/etc/streamstack/cp" } } }, "spark.checkpoint.path", "/etc");
        assert.deepEqual(problemsOf({ spark: { checkpoint: { path: "/data/checkpoints" } } }), []);
    });

    it("refuses a daemon heap under 128 MiB", () => {
        assertProblem({ spark: { daemonHeapMb: 64 } }, "spark.daemonHeapMb", "128");
    });
});

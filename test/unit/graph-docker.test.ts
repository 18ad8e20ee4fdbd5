import * as assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { resolveSettings } from "../../components/config";
import { mockGraph, RegisteredResource } from "../../scripts/lib/mock-graph";

interface ContainerInputs {
    name: string;
    hostname: string;
    env: Record<string, string>;
    labels: Record<string, string>;
    files: { name: string; content: string }[];
    ports: { containerPort: number; hostPort: number; hostIp: string }[];
    mounts: { volume: string; target: string }[];
    healthcheck: { command: string[] };
    memoryMb: number;
    user: number;
}

const CONTAINER = "pulumi-nodejs:dynamic/streamstack:DockerContainer";
const VOLUME = "pulumi-nodejs:dynamic/streamstack:DockerVolume";
const NETWORK = "pulumi-nodejs:dynamic/streamstack:DockerNetwork";

describe("Docker target resource graph (default local stack)", () => {
    let graph: RegisteredResource[];
    const containers = () => graph.filter((r) => r.type === CONTAINER).map((r) => r.inputs as unknown as ContainerInputs);
    const byPrefix = (prefix: string) => containers().filter((c) => c.hostname.startsWith(prefix));
    const file = (c: ContainerInputs, name: string) => c.files.find((f) => f.name === name)?.content ?? "";

    before(async () => {
        graph = await mockGraph(resolveSettings({}), "local");
    });

    it("registers the four components under one StreamingPlatform", () => {
        const components = graph.filter((r) => r.type.startsWith("streamstack:")).map((r) => r.type).sort();
        assert.deepEqual(components, [
            "streamstack:kafka:KafkaCluster",
            "streamstack:platform:StreamingPlatform",
            "streamstack:spark:SparkCluster",
            "streamstack:zookeeper:ZooKeeperEnsemble",
        ]);
    });

    it("creates 3 ZooKeeper, 3 Kafka, 2 master and 2 worker containers with stack-prefixed names", () => {
        assert.equal(byPrefix("zookeeper-").length, 3);
        assert.equal(byPrefix("kafka-").length, 3);
        assert.equal(byPrefix("spark-master-").length, 2);
        assert.equal(byPrefix("spark-worker-").length, 2);
        for (const c of containers()) assert.equal(c.name, `streamstack-local-${c.hostname}`);
    });

    it("gives members distinct ordinals 0..n-1", () => {
        assert.deepEqual(byPrefix("kafka-").map((c) => c.env.STREAMSTACK_ORDINAL).sort(), ["0", "1", "2"]);
    });

    it("creates one network and a data volume per ZooKeeper server and broker plus one checkpoint volume", () => {
        assert.equal(graph.filter((r) => r.type === NETWORK).length, 1);
        const volumes = graph.filter((r) => r.type === VOLUME).map((r) => r.inputs.name as string).sort();
        assert.equal(volumes.length, 7);
        assert.ok(volumes.includes("streamstack-local-checkpoints"));
        assert.ok(volumes.includes("streamstack-local-zookeeper-0-data"));
    });

    it("publishes ports on 127.0.0.1 only, without clashes", () => {
        const published = containers().flatMap((c) => c.ports);
        assert.ok(published.length >= 10);
        for (const p of published) assert.equal(p.hostIp, "127.0.0.1");
        const hostPorts = published.map((p) => p.hostPort);
        assert.equal(new Set(hostPorts).size, hostPorts.length, "two containers publish the same host port");
    });

    it("publishes each broker's external listener on its own host port", () => {
        assert.deepEqual(byPrefix("kafka-").map((c) => c.ports[0].hostPort).sort(), [19092, 19093, 19094]);
    });

    it("configures ZooKeeper recovery on every master", () => {
        for (const master of byPrefix("spark-master-")) {
            const defaults = file(master, "spark-defaults.conf");
            assert.match(defaults, /spark\.deploy\.recoveryMode\s+ZOOKEEPER/);
            assert.match(defaults, /spark\.deploy\.zookeeper\.url\s+zookeeper-0:2181,zookeeper-1:2181,zookeeper-2:2181/);
            assert.match(defaults, /spark\.deploy\.zookeeper\.dir\s+\/spark/);
        }
    });

    it("mounts the same checkpoint volume at the same path in every Spark container", () => {
        const spark = containers().filter((c) => c.hostname.startsWith("spark-"));
        assert.equal(spark.length, 4);
        for (const c of spark) assert.deepEqual(c.mounts, [{ volume: "streamstack-local-checkpoints", target: "/checkpoints" }]);
    });

    it("gives every container a health check and a non-root user", () => {
        for (const c of containers()) {
            assert.ok(c.healthcheck.command.length > 0, `${c.name} has no health check`);
            assert.notEqual(c.user, 0);
        }
    });

    it("labels every container with stack and component", () => {
        for (const c of containers()) {
            assert.equal(c.labels["app.kubernetes.io/instance"], "local");
            assert.equal(c.labels["app.kubernetes.io/part-of"], "streamstack");
            assert.equal(c.labels["streamstack.stack"], "streamstack-local");
            assert.ok(c.labels["app.kubernetes.io/name"]);
        }
    });

    it("sizes the worker container for its executors and the daemon", () => {
        for (const worker of byPrefix("spark-worker-")) assert.equal(worker.memoryMb, 2048 + 512 + 256);
    });
});

import * as assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { mockGraph, RegisteredResource } from "../../operations/mock-graph";

interface ContainerInputs {
    name: string;
    image: string;
    hostname: string;
    envs: string[];
    command: string[];
    labels: { label: string; value: string }[];
    uploads: { file: string; content: string; executable: boolean }[];
    ports: { internal: number; external: number; ip: string }[];
    mounts: { type: string; source: string; target: string }[];
    networksAdvanced: { name: string; aliases: string[] }[];
    healthcheck: { tests: string[] };
    wait: boolean;
    memory: number;
    user: string;
}

const CONTAINER = "docker:index/container:Container";
const VOLUME = "docker:index/volume:Volume";
const NETWORK = "docker:index/network:Network";
const GATE = "streamstack:platform:ReadinessGate";
const VOLUME_GUARD = "streamstack:docker:VolumeGuard";
const SECRET_FILES = "streamstack:docker:SecretFiles";
const CUSTOM_TYPES = ["streamstack:kafka:Topic", GATE, VOLUME_GUARD, SECRET_FILES, "streamstack:security:GeneratedSecret"];

interface GateInputs {
    group: string;
    kind: string;
    members: { member: string; ordinal: number; container: string; endpoint: string }[];
    groupEndpoints: string[];
    waitOnCreate: boolean;
    timeoutSeconds: number;
}

const env = (c: ContainerInputs) => Object.fromEntries(c.envs.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
const labels = (c: ContainerInputs) => Object.fromEntries(c.labels.map((l) => [l.label, l.value]));

describe("Docker target resource graph (default local stack)", () => {
    let graph: RegisteredResource[];
    const containers = () => graph.filter((r) => r.type === CONTAINER).map((r) => r.inputs as unknown as ContainerInputs);
    const byPrefix = (prefix: string) => containers().filter((c) => c.hostname.startsWith(prefix));
    const file = (c: ContainerInputs, name: string) => c.uploads.find((f) => f.file === `/etc/streamstack/${name}`)?.content ?? "";

    before(async () => {
        graph = await mockGraph(resolveSettings({}), "local");
    });

    it("registers the four components under one StreamingPlatform", () => {
        const components = graph.filter((r) => r.type.startsWith("streamstack:") && !CUSTOM_TYPES.includes(r.type)).map((r) => r.type).sort();
        // The brokers' CA and certificates, for REPLICATION's mutual TLS.
        assert.deepEqual(components, [
            "streamstack:kafka:KafkaCluster",
            "streamstack:platform:StreamingPlatform",
            "streamstack:security:CaRotationGuard",
            ...Array.from({ length: 3 }, () => "streamstack:security:Certificate"),
            "streamstack:security:CertificateAuthority",
            "streamstack:spark:SparkCluster",
            "streamstack:zookeeper:ZooKeeperEnsemble",
        ]);
    });

    it("guards every data volume: one VolumeGuard per volume, naming it", () => {
        const volumes = graph.filter((r) => r.type === VOLUME).map((r) => (r.inputs as { name: string }).name).sort();
        const guarded = graph.filter((r) => r.type === VOLUME_GUARD).map((r) => (r.inputs as { volume: string }).volume).sort();
        assert.ok(volumes.length > 0);
        assert.deepEqual(guarded, volumes);
        assert.ok(graph.filter((r) => r.type === VOLUME_GUARD).every((r) => (r.inputs as { stack: string }).stack === "streamstack-local"));
    });

    it("creates 3 ZooKeeper, 3 Kafka, 2 master and 2 worker containers with stack-prefixed names", () => {
        assert.equal(byPrefix("zookeeper-").length, 3);
        assert.equal(byPrefix("kafka-").length, 3);
        assert.equal(byPrefix("spark-master-").length, 2);
        assert.equal(byPrefix("spark-worker-").length, 2);
        for (const c of containers()) assert.equal(c.name, `streamstack-local-${c.hostname}`);
    });

    it("gives members distinct ordinals 0..n-1", () => {
        assert.deepEqual(byPrefix("kafka-").map((c) => env(c).STREAMSTACK_ORDINAL).sort(), ["0", "1", "2"]);
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
        for (const p of published) assert.equal(p.ip, "127.0.0.1");
        const hostPorts = published.map((p) => p.external);
        assert.equal(new Set(hostPorts).size, hostPorts.length, "two containers publish the same host port");
    });

    it("publishes each broker's external listener on its own host port", () => {
        assert.deepEqual(byPrefix("kafka-").map((c) => c.ports[0].external).sort(), [19092, 19093, 19094]);
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
        for (const c of spark) assert.deepEqual(c.mounts[0], { type: "volume", source: "streamstack-local-checkpoints", target: "/checkpoints" });
    });

    it("gives each group its secret files (Spark's secret, the ZooKeeper logins) in a read-only volume, not in the container's env, command or uploads", () => {
        for (const c of containers()) {
            const group = c.hostname.replace(/-\d+$/, "");
            assert.deepEqual(c.mounts.find((m) => m.target === "/etc/streamstack-secrets"),
                { type: "volume", source: `streamstack-local-${group}-secret-files`, target: "/etc/streamstack-secrets", readOnly: true });
            assert.ok(!JSON.stringify([c.envs, c.uploads, c.command]).includes("mock-secret"));
        }
        const files = graph.filter((r) => r.type === SECRET_FILES);
        assert.deepEqual(files.map((r) => r.inputs.volume).sort(), ["streamstack-local-kafka-secret-files", "streamstack-local-spark-master-secret-files",
            "streamstack-local-spark-worker-secret-files", "streamstack-local-zookeeper-secret-files"]);
        // The whole map is a secret input: encrypted in the state, [secret] in a preview.
        const secretMarker = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
        type SecretInput = { value: Record<string, string> };
        const filesOf = (group: string) => files.find((r) => r.inputs.volume === `streamstack-local-${group}-secret-files`)!.inputs.files as SecretInput;
        for (const r of files) assert.deepEqual(Object.keys(r.inputs.files as object).sort(), [...Object.keys(secretMarker), "value"].sort());
        assert.deepEqual(filesOf("spark-worker").value, { "spark-auth": "mock-secret" });
        assert.deepEqual(Object.keys(filesOf("spark-master").value).sort(), ["spark-auth", "zookeeper-client.jaas"]);
        assert.match(filesOf("kafka").value["zookeeper-client.jaas"], /username="kafka"\n {4}password="mock-secret";/);
        assert.match(filesOf("spark-master").value["zookeeper-client.jaas"], /username="spark"/);
        const server = filesOf("zookeeper").value["zookeeper-server.jaas"];
        for (const line of ['user_kafka="mock-secret"', 'user_spark="mock-secret"', 'user_quorum="mock-secret"', 'username="quorum"']) assert.ok(server.includes(line), line);
    });

    it("points each JVM at its JAAS file by path only: the passwords are in no env", () => {
        const env = (prefix: string) => containers().find((c) => c.hostname === `${prefix}-0`)!.envs as string[];
        assert.ok(env("zookeeper").includes("SERVER_JVMFLAGS=-Djava.security.auth.login.config=/etc/streamstack-secrets/zookeeper-server.jaas"));
        assert.ok(env("kafka").includes("KAFKA_OPTS=-Djava.security.auth.login.config=/etc/streamstack-secrets/zookeeper-client.jaas"));
        assert.match(file(containers().find((c) => c.hostname === "spark-master-0")!, "spark-env.sh"),
            /SPARK_MASTER_OPTS="-Djava.security.auth.login.config=\/etc\/streamstack-secrets\/zookeeper-client.jaas"/);
        assert.doesNotMatch(file(containers().find((c) => c.hostname === "spark-worker-0")!, "spark-env.sh"), /login\.config/);
    });

    it("gives every container a health check and a non-root user", () => {
        for (const c of containers()) {
            assert.equal(c.healthcheck.tests[0], "CMD");
            assert.ok(c.healthcheck.tests.length > 1, `${c.name} has no health check`);
            // Readiness is the gates' job (below): a container's create must not wait for it.
            assert.equal(c.wait, false, `${c.name} waits for healthy at create`);
            assert.doesNotMatch(c.user, /^0(:|$)/);
        }
    });

    it("gates every member (not waiting on a cold up) and every group (waiting), on the members' published state ports", () => {
        const gates = graph.filter((r) => r.type === GATE).map((r) => ({ name: r.name, ...(r.inputs as unknown as GateInputs) }));
        const memberGates = gates.filter((g) => !g.waitOnCreate);
        const groupGates = gates.filter((g) => g.waitOnCreate);
        assert.deepEqual(memberGates.map((g) => g.name).sort(), containers().map((c) => `streamstack-${c.hostname}-ready`).sort());
        for (const gate of memberGates) assert.equal(gate.members.length, 1);
        assert.deepEqual(groupGates.map((g) => [g.name, g.members.length]).sort(), [["streamstack-kafka-ready", 3], ["streamstack-spark-master-ready", 2], ["streamstack-spark-worker-ready", 2], ["streamstack-zookeeper-ready", 3]]);
        const kafka = groupGates.find((g) => g.group === "kafka")!;
        assert.deepEqual(kafka.groupEndpoints, ["127.0.0.1:19092", "127.0.0.1:19093", "127.0.0.1:19094"]);
        assert.deepEqual(kafka.members.map((m) => [m.member, m.ordinal, m.container, m.endpoint]), [
            ["kafka-0", 0, "streamstack-local-kafka-0", "127.0.0.1:19092"],
            ["kafka-1", 1, "streamstack-local-kafka-1", "127.0.0.1:19093"],
            ["kafka-2", 2, "streamstack-local-kafka-2", "127.0.0.1:19094"],
        ]);
        assert.deepEqual(groupGates.find((g) => g.group === "zookeeper")!.groupEndpoints, ["127.0.0.1:2181", "127.0.0.1:2182", "127.0.0.1:2183"]);
        for (const gate of gates) assert.equal(gate.timeoutSeconds, 240);
    });

    it("labels every container with stack and component", () => {
        for (const c of containers()) {
            const l = labels(c);
            assert.equal(l["app.kubernetes.io/instance"], "local");
            assert.equal(l["app.kubernetes.io/part-of"], "streamstack");
            assert.equal(l["streamstack.stack"], "streamstack-local");
            assert.ok(l["app.kubernetes.io/name"]);
        }
    });

    it("runs each group's image by its local image ID and joins members to the stack network under their member name", () => {
        for (const c of byPrefix("kafka-")) assert.equal(c.image, "sha256:mock-streamstack/kafka:local");
        for (const c of containers()) assert.deepEqual(c.networksAdvanced, [{ name: "streamstack-local", aliases: [c.hostname] }]);
    });

    it("declares each configured topic as a streamstack:kafka:Topic named by its key, in the platform's scope", () => {
        const topics = graph.filter((r) => r.type === "streamstack:kafka:Topic");
        assert.deepEqual(topics.map((t) => [t.name, t.inputs.name, t.inputs.partitions]), [["streamstack-events", "events", 6]]);
        assert.equal(topics[0].inputs.recreateOnRename, false);
    });

    it("sizes the worker container for its executors and the daemon", () => {
        for (const worker of byPrefix("spark-worker-")) assert.equal(worker.memory, 2048 + 512 + 256);
    });
});

describe("Docker target with kafka.security \"tls\"", () => {
    let graph: RegisteredResource[];

    before(async () => {
        graph = await mockGraph(resolveSettings({ kafka: { security: "tls" } }), "local");
    });

    it("gives each broker a key store, labels it with the CA, and has its readiness gates verify it against that CA", () => {
        const ca = "mock-certificate-streamstack-kafka-ca";
        const secretFiles = graph.find((r) => r.type === SECRET_FILES && (r.inputs as { volume: string }).volume === "streamstack-local-kafka-secret-files")!;
        assert.deepEqual(Object.keys((secretFiles.inputs.files as { value: object }).value).sort(), ["kafka-replication-trust.pem", "kafka-tls-0.pem", "kafka-tls-1.pem", "kafka-tls-2.pem", "zookeeper-client.jaas"]);
        const brokers = graph.filter((r) => r.type === CONTAINER).map((r) => r.inputs as unknown as ContainerInputs).filter((c) => c.hostname.startsWith("kafka-"));
        for (const broker of brokers) {
            assert.equal(labels(broker)["streamstack.state-ca"], ca);
            assert.ok(!JSON.stringify(broker).includes("mock-key"), "no private key in a container's configuration");
        }
        const kafkaGates = graph.filter((r) => r.type === GATE && (r.inputs as unknown as GateInputs).group === "kafka");
        assert.ok(kafkaGates.length === 4 && kafkaGates.every((gate) => gate.inputs.stateCa === ca));
        assert.ok(graph.filter((r) => r.type === GATE && (r.inputs as unknown as GateInputs).group !== "kafka").every((gate) => gate.inputs.stateCa === undefined));
    });

    it("records on each broker a digest of the CAs it trusts on REPLICATION (read at start), so one more CA replaces the brokers; nothing else carries one", async () => {
        const digests = (resources: RegisteredResource[]) => resources.filter((r) => r.type === CONTAINER).map((r) => r.inputs as unknown as ContainerInputs)
            .map((c) => [c.hostname, labels(c)["streamstack.restart-digest"]] as const);
        const trusting = await mockGraph(resolveSettings({ kafka: { security: "tls", certificateAuthorities: ["ca", "ca-next"] } }), "local");
        const [one, two] = [new Map(digests(graph)), new Map(digests(trusting))];
        for (const broker of ["kafka-0", "kafka-1", "kafka-2"]) {
            assert.match(one.get(broker) ?? "", /^[0-9a-f]{16}$/, broker);
            assert.notEqual(one.get(broker), two.get(broker), `${broker}: a new trusted CA replaces it`);
        }
        assert.deepEqual([...one].filter(([member, digest]) => !member.startsWith("kafka-") && digest !== undefined), []);
        assert.ok(!JSON.stringify(digests(graph)).includes("mock-certificate"), "a digest, not the CAs");
    });
});

import * as assert from "node:assert/strict";
import * as net from "node:net";
import { describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { ListedContainer } from "../../live/docker-engine";
import { listeningInodes, parseProcAddress, portHolder } from "../../live/ports";
import { declaredVolumes, volumesToRemove } from "../../program/volume-removal";
import { replicasPerTopic } from "../../components/kafka/replica-placement";
import { brokerScaleDownProblems, hostPortProblems, missingImageProblems } from "../../program/docker-preflight";
import { localImageId } from "../../live/docker-engine";

const PREFIX = "streamstack-unit";

function container(name: string, stack: string | undefined, ports: number[], member?: string): ListedContainer {
    const labels: Record<string, string> = {};
    if (stack) labels["streamstack.stack"] = stack;
    if (member) labels["streamstack.member"] = member;
    return { name, labels, state: "running", status: "Up 1 minute", healthy: true, published: ports.map((port) => ({ ip: "127.0.0.1", port })) };
}

/** Ports far from any default, below the ephemeral range. */
const settingsOn = (base: number, brokers = 3) => resolveSettings({
    ports: { zookeeperClient: base, kafkaExternal: base + 10, sparkMasterUi: base + 20, sparkWorkerUi: base + 30 },
    kafka: { brokers, defaultReplicationFactor: Math.min(brokers, 3), minInsyncReplicas: Math.min(brokers, 2) },
});

describe("Docker preflight: host ports", () => {
    it("accepts ports this stack's own containers publish, and free ones", async () => {
        const settings = settingsOn(28100);
        const ours = [0, 1, 2].map((i) => container(`${PREFIX}-kafka-${i}`, PREFIX, [28110 + i]));
        assert.deepEqual(await hostPortProblems(settings, PREFIX, ours), []);
    });

    it("names the container of another stack, or another container, holding a port, with the key to move", async () => {
        const settings = settingsOn(28200);
        const problems = await hostPortProblems(settings, PREFIX, [
            container("streamstack-other-kafka-1", "streamstack-other", [28211]),
            container("my-nginx", undefined, [28220]),
        ]);
        assert.deepEqual(problems.map((p) => p.key), ["streamstack:ports.kafkaExternal", "streamstack:ports.sparkMasterUi"]);
        assert.match(problems[0]!.message, /28211 by container streamstack-other-kafka-1 \(stack other\); stop what holds them or move ports\.kafkaExternal to a free range of 3/);
        assert.match(problems[1]!.message, /28220 by container my-nginx;/);
        assert.equal(problems[0]!.value, 28210);
    });

    it("names a host process listening on a port", async () => {
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(28331, "127.0.0.1", resolve));
        try {
            const problems = await hostPortProblems(settingsOn(28300), PREFIX, []);
            assert.equal(problems.length, 1);
            assert.equal(problems[0]!.key, "streamstack:ports.sparkWorkerUi");
            assert.match(problems[0]!.message, new RegExp(`28331 by node \\(pid ${process.pid}\\)`));
            assert.equal(portHolder(28331), `node (pid ${process.pid})`);
        } finally {
            server.close();
        }
    });

    it("reads /proc/net/tcp: little-endian addresses, listening sockets only", () => {
        assert.deepEqual(parseProcAddress("0100007F:0885"), { address: "127.0.0.1", port: 2181 });
        const table = [
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:0885 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0",
            "   1: 0100007F:0885 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0 100 0 0 10 0",
        ].join("\n");
        assert.deepEqual(listeningInodes(table, 2181), ["4242"]);
        assert.deepEqual(listeningInodes(table, 2182), []);
    });
});

describe("Docker preflight: broker scale-down", () => {
    const brokers = (count: number) => Array.from({ length: count }, (_, i) => container(`${PREFIX}-kafka-${i}`, PREFIX, [28410 + i], `kafka-${i}`));

    it("refuses to remove a broker that holds partition replicas, naming them and the reassignment to run", async () => {
        const asked: string[][] = [];
        const problems = await brokerScaleDownProblems(settingsOn(28400, 3), PREFIX, brokers(4), async (bootstrap) => {
            asked.push(bootstrap);
            return new Map([[0, ["events-0"]], [3, ["events-1", "__consumer_offsets-7"]]]);
        });
        assert.deepEqual(asked, [["127.0.0.1:28410", "127.0.0.1:28411", "127.0.0.1:28412", "127.0.0.1:28413"]]);
        assert.equal(problems.length, 1);
        assert.equal(problems[0]!.key, "streamstack:kafka.brokers");
        assert.equal(problems[0]!.value, 3);
        assert.match(problems[0]!.message, /would remove broker 3, which still holds partition replicas \(events: 1, __consumer_offsets: 1\) whose data would go with its volume/);
        assert.match(problems[0]!.message, /kafka-reassign-partitions\.sh --bootstrap-server kafka-0:9092 --topics-to-move-json-file <topics\.json> --broker-list 0,1,2 --generate/);
    });

    it("lets an empty broker go, and does not ask Kafka when no broker is removed", async () => {
        assert.deepEqual(await brokerScaleDownProblems(settingsOn(28400, 3), PREFIX, brokers(4), async () => new Map([[3, []]])), []);
        assert.deepEqual(await brokerScaleDownProblems(settingsOn(28400, 3), PREFIX, brokers(3), async () => { throw new Error("not asked"); }), []);
    });

    it("counts replicas per topic, the platform's topics before Kafka's internal ones", () => {
        assert.equal(replicasPerTopic(["__consumer_offsets-1", "events-0", "my-topic-2", "events-3", "__consumer_offsets-9"]),
            "events: 2, my-topic: 1, __consumer_offsets: 2");
    });

    it("refuses when the replicas cannot be read, saying why", async () => {
        const problems = await brokerScaleDownProblems(settingsOn(28400, 3), PREFIX, brokers(5), async () => { throw new Error("connect ECONNREFUSED"); });
        assert.match(problems[0]!.message, /would remove broker 3, 4, and whether it holds partition replicas could not be read \(connect ECONNREFUSED\)/);
    });
});

describe("Docker preflight: images", () => {
    it("names each image the engine does not have, with its key and the set-up that builds it", async () => {
        const settings = resolveSettings({ images: { kafka: "streamstack/kafka:missing" } });
        const known = new Set([settings.images.zookeeper, settings.images.spark]);
        const problems = await missingImageProblems(settings, async (image) => (known.has(image) ? `sha256:${image}` : undefined));
        assert.deepEqual(problems.map((p) => [p.key, p.value]), [["streamstack:images.kafka", "streamstack/kafka:missing"]]);
        assert.match(problems[0]!.message, /nothing is pulled from a registry.*bash scripts\/setup\/images\.sh/);
        assert.deepEqual(await missingImageProblems(resolveSettings({}), async (image) => `sha256:${image}`), []);
    });

    it("reads an image's ID from the real engine (set-up built the images), and undefined for a tag it does not have", async () => {
        const settings = resolveSettings({});
        const id = await localImageId(settings.images.zookeeper);
        assert.match(id ?? "", /^sha256:[0-9a-f]{64}$/);
        assert.equal(await localImageId("streamstack/no-such-image:never-built"), undefined);
    });
});

describe("Docker preflight: data volumes", () => {
    it("lists the stack's volumes the program no longer declares", () => {
        const existing = ["s-checkpoints", "s-kafka-0-data", "s-zookeeper-0-data", "s-zookeeper-3-data", "s-zookeeper-4-data"];
        assert.deepEqual(volumesToRemove(existing, ["s-checkpoints", "s-kafka-0-data", "s-zookeeper-0-data"]), ["s-zookeeper-3-data", "s-zookeeper-4-data"]);
        assert.deepEqual(volumesToRemove(existing, existing), []);
    });

    it("declares every data volume and each group's volume of secret files, so a scale-down names only what it removes", () => {
        const declared = declaredVolumes(resolveSettings({ zookeeper: { replicas: 1 }, kafka: { brokers: 1, defaultReplicationFactor: 1, minInsyncReplicas: 1 } }), "s");
        assert.deepEqual(declared.sort(), ["s-checkpoints", "s-kafka-0-data", "s-kafka-secret-files", "s-spark-master-secret-files", "s-spark-worker-secret-files",
            "s-zookeeper-0-data", "s-zookeeper-secret-files"]);
        assert.deepEqual(volumesToRemove([...declared, "s-zookeeper-1-data"], declared), ["s-zookeeper-1-data"]);
    });
});

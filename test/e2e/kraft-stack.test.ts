/**
 * A platform on Kafka 4.4 in KRaft mode (kafka.metadata "kraft"), on Docker: three dedicated
 * controllers hold the metadata quorum over mutual TLS, three brokers observe it, ZooKeeper
 * serves Spark alone. Its topic resource keeps acks=all writes on two replicas; a SIGKILLed
 * active controller is replaced by an election within seconds under an acks=all producer, and
 * a change rolls the controllers, then the brokers, one at a time, with 0 acknowledged messages
 * lost; moving the running cluster back to ZooKeeper is refused at preview.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createStack, E2eStack, outputValues, progress, QUICK_START_JVMS, removeStack, setConfig } from "../../harness/e2e-stack";
import { NumberedProducer } from "../../harness/numbered-producer";
import { dockerCrash } from "../../harness/member-crash";
import { docker, dockerExec, eventually } from "../../harness/platform-probe";

// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 25181, kafkaExternal: 25092, sparkMasterUi: 25080, sparkWorkerUi: 25280 };
const TOPIC = { name: "kraft-events", partitions: 6, replicationFactor: 3 };
const KAFKA = { metadata: "kraft", version: "4.4.0", heapMb: 384 };
const CONFIG = {
    target: "docker",
    ports: PORTS,
    zookeeper: { replicas: 1, heapMb: 128 },
    kafka: KAFKA,
    spark: { masters: 1, workers: 1, workerCores: 1, workerMemory: "1g", coresMax: 1, defaultCores: 1, executorMemory: "512m", daemonHeapMb: 256 },
    topics: [TOPIC],
    ...QUICK_START_JVMS,
};
const CONTROLLERS = ["kafka-controller-0", "kafka-controller-1", "kafka-controller-2"];

const report = (line: string) => process.stderr.write(`[kraft] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface QuorumStatus { leaderId: number; voters: number[]; observers: number[]; maxFollowerLag: number }

describe("KRaft: Kafka 4.4 with three dedicated controllers (Docker)", { timeout: 30 * 60_000 }, () => {
    let e2e: E2eStack;
    let bootstrap: string;
    const container = (member: string) => `${e2e.prefix}-${member}`;

    /** The quorum as the brokers know it (kafka-metadata-quorum.sh through a broker's INTERNAL listener). */
    async function quorum(): Promise<QuorumStatus> {
        const out = await dockerExec(container("kafka-0"), ["kafka-metadata-quorum.sh", "--bootstrap-server", "kafka-0:9092", "describe", "--status"]);
        const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(out)?.[1] ?? "";
        const ids = (json: string) => (JSON.parse(json || "[]") as { id: number }[]).map((node) => node.id).sort((a, b) => a - b);
        return { leaderId: Number(field("LeaderId")), voters: ids(field("CurrentVoters")), observers: ids(field("CurrentObservers")), maxFollowerLag: Number(field("MaxFollowerLag")) };
    }

    before(async () => {
        e2e = await createStack(`e2e-kraft-${process.pid}`, CONFIG);
        const startedAt = Date.now();
        const outputs = outputValues((await e2e.stack.up({ onOutput: progress(e2e.name) })).outputs);
        report(`cold up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        bootstrap = outputs.kafkaBootstrapServers as string;
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("keeps the metadata in a quorum of the three controllers (ids 1000-1002), the brokers its observers, on Kafka 4.4.0", async () => {
        const status = await quorum();
        assert.deepEqual(status.voters, [1000, 1001, 1002]);
        assert.deepEqual(status.observers, [0, 1, 2]);
        assert.ok(status.voters.includes(status.leaderId), `leader ${status.leaderId} is a voter`);
        assert.match(await dockerExec(container("kafka-1"), ["kafka-topics.sh", "--version"]), /^4\.4\.0/m);
        // The controllers answer only on CONTROLLER, and only to a client with a certificate the platform's CA signed.
        const noCertificate = await dockerExec(container("kafka-0"), ["bash", "-c",
            "printf 'security.protocol=SSL\\nssl.truststore.type=PEM\\nssl.truststore.location=/etc/streamstack-secrets/kafka-replication-trust.pem\\n' > /tmp/no-certificate.properties && " +
            "KAFKA_HEAP_OPTS=-Xmx64m timeout 60 kafka-metadata-quorum.sh --bootstrap-controller kafka-controller-0:9095 --command-config /tmp/no-certificate.properties describe --status 2>&1 || true"]);
        assert.match(noCertificate, /SslAuthenticationException|certificate_required/, noCertificate);
        assert.doesNotMatch(noCertificate, /LeaderId/, "no answer without a certificate");
    });

    it("creates the declared topic with the platform's min.insync.replicas, and serves acks=all traffic from the host", async () => {
        const described = await dockerExec(container("kafka-0"), ["kafka-topics.sh", "--bootstrap-server", "kafka-0:9092", "--describe", "--topic", TOPIC.name]);
        assert.match(described, /PartitionCount: 6\s+ReplicationFactor: 3/);
        // KRaft's controller writes a new topic's min.insync.replicas from its own config (a
        // cluster-wide default set when the quorum first formed); Kafka's default is 1.
        assert.match(described, /min\.insync\.replicas=2/, described);
        const producer = new NumberedProducer(bootstrap, TOPIC.name);
        producer.start();
        await eventually("100 acknowledged messages", async () => (producer.acked.size >= 100 ? true : undefined), 60_000, 500);
        await producer.stop();
        assert.deepEqual((await producer.audit()).lost, []);
    });

    it("drill: SIGKILL of the active controller under an acks=all producer — a new leader within seconds, writes go on, 0 lost", async () => {
        const before = await quorum();
        const leader = `kafka-controller-${before.leaderId - 1000}`;
        const crash = dockerCrash(e2e.prefix);
        const producer = new NumberedProducer(bootstrap, TOPIC.name);
        producer.start();
        let electedAfterMs = Infinity;
        try {
            await sleep(3_000);
            const killedAt = Date.now();
            await crash.kill(leader);
            const after = await eventually("another controller elected", async () => {
                const status = await quorum().catch(() => undefined);
                return status && status.leaderId !== before.leaderId && status.voters.includes(status.leaderId) ? status : undefined;
            }, 60_000, 250);
            electedAfterMs = Date.now() - killedAt;
            const ackedAtElection = producer.acked.size;
            await eventually("writes acknowledged after the election", async () => (producer.acked.size > ackedAtElection + 50 ? true : undefined), 60_000, 250);
            report(`killed ${leader} (leader ${before.leaderId}); controller ${after.leaderId} led ${(electedAfterMs / 1000).toFixed(1)} s later (as the brokers saw it)`);
        } finally {
            await producer.stop();
            await crash.revive(leader);
        }
        const audit = await producer.audit();
        report(`producer: ${producer.acked.size} acknowledged, ${audit.lost.length} lost, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s, ` +
            `longest gap between acknowledgements ${(producer.longestAckGapMs / 1000).toFixed(1)} s`);
        assert.ok(electedAfterMs < 15_000, `a new controller led within 15 s (${electedAfterMs} ms)`);
        assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");
        await eventually("the killed controller back in the quorum, caught up", async () => {
            const health = await docker(["inspect", "--format", "{{.State.Health.Status}}", container(leader)]);
            const status = await quorum().catch(() => undefined);
            return health.trim() === "healthy" && status?.maxFollowerLag === 0 ? true : undefined;
        }, 120_000, 1000);
    });

    it("rolls the controllers, then the brokers, one member at a time under an acks=all producer, 0 lost; refuses going back to ZooKeeper at preview", async () => {
        const oldIds = new Map(await Promise.all([...CONTROLLERS, "kafka-0", "kafka-1", "kafka-2"].map(async (member) =>
            [member, (await docker(["inspect", "--format", "{{.Id}}", container(member)])).trim()] as [string, string])));
        const producer = new NumberedProducer(bootstrap, TOPIC.name);
        producer.start();
        const startedAt = Date.now();
        try {
            await sleep(2_000);
            await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, heapMb: 416, controllerHeapMb: 288 } });
            await e2e.stack.up({ onOutput: progress(e2e.name) });
            await sleep(2_000);
        } finally {
            await producer.stop();
        }
        const audit = await producer.audit();
        report(`roll of 3 controllers and 3 brokers in ${((Date.now() - startedAt - 4_000) / 1000).toFixed(1)} s; producer: ${producer.acked.size} acknowledged, ` +
            `${audit.lost.length} lost, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s`);
        assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");
        // Each member replaced; the controllers all started before any broker (brokers wait on the controllers' group).
        const started = new Map(await Promise.all([...oldIds.keys()].map(async (member) => {
            const [id, at] = (await docker(["inspect", "--format", "{{.Id}} {{.State.StartedAt}}", container(member)])).trim().split(" ") as [string, string];
            assert.notEqual(id, oldIds.get(member), `${member} was replaced`);
            return [member, Date.parse(at)] as [string, number];
        })));
        const lastController = Math.max(...CONTROLLERS.map((member) => started.get(member)!));
        for (const broker of ["kafka-0", "kafka-1", "kafka-2"]) assert.ok(started.get(broker)! > lastController, `${broker} restarted after the controllers`);
        const status = await quorum();
        assert.deepEqual([status.voters, status.observers], [[1000, 1001, 1002], [0, 1, 2]], "the same quorum after the roll");

        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, metadata: "zookeeper", version: "3.9.1" } });
        const refused = await e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
        assert.match(refused, /streamstack:kafka\.metadata = "zookeeper": the running brokers are KRaft members; a KRaft cluster cannot go back to ZooKeeper mode/);
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, heapMb: 416, controllerHeapMb: 288 } });
    });
});

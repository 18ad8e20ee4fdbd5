/**
 * A larger shape than the defaults (5 ZooKeeper, 4 brokers, 3 masters, 3 workers): the same
 * program must size everything from config alone, and spark.cores.max must bind when the
 * workers offer more cores than it allows.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createStack, E2eStack, outputValues, progress, QUICK_START_JVMS, removeStack } from "../../harness/e2e-stack";
import { produceAndConsume } from "../../harness/kafka-client";
import { dockerExec, eventually, fourLetterWord, labelled, masterStatus, zookeeperMode } from "../../harness/platform-probe";
import { withoutWatcherNotices } from "../../harness/zookeeper-shell";

// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 31181, kafkaExternal: 31092, sparkMasterUi: 31080, sparkWorkerUi: 31280 };
const SPARK = { masters: 3, workers: 3, workerCores: 2, workerMemory: "1g", coresMax: 4, defaultCores: 2, executorMemory: "512m" };

describe("held-out shape: 5 ZooKeeper, 4 brokers, 3 masters, 3 workers", { timeout: 30 * 60_000 }, () => {
    let e2e: E2eStack;
    let outputs: Record<string, unknown>;
    const container = (member: string) => `${e2e.prefix}-${member}`;

    before(async () => {
        e2e = await createStack(`e2e-held-out-${process.pid}`, {
            target: "docker",
            ports: PORTS,
            zookeeper: { replicas: 5, heapMb: 128 },
            kafka: { brokers: 4, defaultReplicationFactor: 3, minInsyncReplicas: 2, heapMb: 384 },
            spark: { ...SPARK, daemonHeapMb: 384 },
            topics: [],
            ...QUICK_START_JVMS,
        });
        outputs = outputValues((await e2e.stack.up({ onOutput: progress(e2e.name) })).outputs);
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("elects one leader among 5 ZooKeeper servers", async () => {
        const modes = await Promise.all([0, 1, 2, 3, 4].map(async (i) => zookeeperMode(await fourLetterWord("127.0.0.1", PORTS.zookeeperClient + i, "srvr"))));
        assert.deepEqual(modes.sort(), ["follower", "follower", "follower", "follower", "leader"]);
    });

    it("registers 4 brokers and serves acks=all traffic from the host", async () => {
        const ids = withoutWatcherNotices(await dockerExec(container("kafka-3"), ["zookeeper-shell.sh", "zookeeper-4:2181", "ls", "/kafka/brokers/ids"]));
        assert.match(ids, /^\[0, 1, 2, 3\]$/m);
        assert.equal(outputs.kafkaBootstrapServers, "127.0.0.1:31092,127.0.0.1:31093,127.0.0.1:31094,127.0.0.1:31095");
        await dockerExec(container("kafka-0"), ["kafka-topics.sh", "--bootstrap-server", "kafka-0:9092", "--create", "--topic", "held-out",
            "--partitions", "4", "--replication-factor", "3"]);
        assert.equal((await produceAndConsume(outputs.kafkaBootstrapServers as string, "held-out", 12)).length, 12);
    });

    it("has one ALIVE master, two STANDBY, and three workers", async () => {
        const statuses = await eventually("three workers registering", async () => {
            const all = await Promise.all((outputs.sparkMasterUiUrls as string[]).map((url) => masterStatus(url)));
            const alive = all.find((s) => s.status === "ALIVE");
            return alive && alive.workers.filter((w) => w.state === "ALIVE").length === 3 ? all : undefined;
        });
        assert.deepEqual(statuses.map((s) => s.status).sort(), ["ALIVE", "STANDBY", "STANDBY"]);
    });

    it("grants an application exactly spark.cores.max (4) of the 6 cores on offer", async () => {
        const out = await dockerExec(container("spark-worker-2"), ["bash", "/etc/streamstack/spark-submit.sh", "--driver-memory", "512m",
            "--class", "streamstack.examples.SparkPi", "/opt/spark/examples/jars/streamstack-examples.jar", "6"]);
        assert.match(out, /Granted executor cores: 4$/m);
    });

    it("runs 15 containers, all labelled with the stack", async () => {
        assert.equal((await labelled("container", e2e.prefix)).length, 15);
    });
});

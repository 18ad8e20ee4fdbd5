/**
 * Kafka topics as Pulumi resources against real brokers: created in the same `up` as the
 * cluster, then changed, refused, refreshed, deleted and imported, each checked with Kafka's
 * own kafka-topics.sh / kafka-configs.sh inside a broker container.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createStack, E2eStack, progress, removeStack, setConfig } from "../support/e2e-stack";
import { dockerExec } from "../support/platform-probe";

const PORTS = { zookeeperClient: 52181, kafkaExternal: 59092, sparkMasterUi: 58080, sparkWorkerUi: 58180 };
const SMALL_SPARK = { masters: 1, workers: 1, workerCores: 1, workerMemory: "1g", coresMax: 1, defaultCores: 1, executorMemory: "512m" };

interface TopicEntry { name: string; partitions: number; replicationFactor: number; config?: Record<string, string>; import?: boolean }

describe("Kafka topics as resources", { timeout: 30 * 60_000 }, () => {
    let e2e: E2eStack;
    let topics: TopicEntry[] = [
        { name: "alpha", partitions: 3, replicationFactor: 3, config: { "retention.ms": "86400000", "segment.ms": "3600000" } },
        { name: "beta", partitions: 2, replicationFactor: 1, config: { "cleanup.policy": "compact" } },
        { name: "gamma", partitions: 1, replicationFactor: 2, config: { "segment.ms": "600000" } },
    ];
    const broker = () => `${e2e.prefix}-kafka-0`;
    const kafkaTool = (tool: string, ...args: string[]) => dockerExec(broker(), [`${tool}.sh`, "--bootstrap-server", "kafka-0:9092", ...args]);

    async function describeTopic(name: string): Promise<{ partitions: number; rf: number; isr: number[]; configs: Record<string, string> }> {
        const out = await kafkaTool("kafka-topics", "--describe", "--topic", name);
        const header = /PartitionCount: (\d+)\s+ReplicationFactor: (\d+)/.exec(out)!;
        const isr = [...out.matchAll(/Isr: ([0-9,]+)/g)].map((m) => m[1].split(",").length);
        const configsOut = await kafkaTool("kafka-configs", "--describe", "--entity-type", "topics", "--entity-name", name);
        const configs = Object.fromEntries([...configsOut.matchAll(/^\s+([a-z.]+)=(\S+) sensitive=/gm)].map((m) => [m[1], m[2]]));
        return { partitions: Number(header[1]), rf: Number(header[2]), isr, configs };
    }

    async function changedResources(): Promise<string[]> {
        const changed: string[] = [];
        await e2e.stack.preview({
            onEvent: (event) => {
                const pre = event.resourcePreEvent?.metadata;
                if (pre && pre.op !== "same" && !pre.type.startsWith("pulumi:providers:")) changed.push(`${pre.op} ${pre.urn.split("::").pop()}`);
            },
        });
        return changed;
    }

    async function upWithTopics(next: TopicEntry[]) {
        topics = next;
        await setConfig(e2e.stack, { topics });
        return e2e.stack.up({ onOutput: progress(e2e.name) });
    }

    before(async () => {
        e2e = await createStack(`e2e-topics-${process.pid}`, { target: "docker", ports: PORTS, spark: SMALL_SPARK, topics });
        await e2e.stack.up({ onOutput: progress(e2e.name) });
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("creates three topics with their configs in the same up as the cluster", async () => {
        for (const topic of topics) {
            const live = await describeTopic(topic.name);
            assert.equal(live.partitions, topic.partitions, topic.name);
            assert.equal(live.rf, topic.replicationFactor, topic.name);
            assert.deepEqual(live.configs, topic.config, topic.name);
        }
    });

    it("increases partitions in place", async () => {
        const next = topics.map((t) => (t.name === "alpha" ? { ...t, partitions: 5 } : t));
        await setConfig(e2e.stack, { topics: next });
        assert.deepEqual(await changedResources(), ["update alpha"]);
        await upWithTopics(next);
        assert.equal((await describeTopic("alpha")).partitions, 5);
    });

    it("changes one config in place and leaves the others alone", async () => {
        const result = await upWithTopics(topics.map((t) => (t.name === "alpha" ? { ...t, config: { ...t.config, "retention.ms": "172800000" } } : t)));
        assert.equal(result.summary.resourceChanges?.update, 1);
        assert.deepEqual((await describeTopic("alpha")).configs, { "retention.ms": "172800000", "segment.ms": "3600000" });
    });

    it("refuses a partition decrease at preview and changes nothing", async () => {
        await setConfig(e2e.stack, { topics: topics.map((t) => (t.name === "alpha" ? { ...t, partitions: 2 } : t)) });
        await assert.rejects(e2e.stack.preview(), /partitions cannot go from 5 to 2/);
        await setConfig(e2e.stack, { topics });
        assert.equal((await describeTopic("alpha")).partitions, 5);
    });

    it("raises the replication factor 1 -> 3 by reassignment, with every replica in sync", async () => {
        await upWithTopics(topics.map((t) => (t.name === "beta" ? { ...t, replicationFactor: 3 } : t)));
        const beta = await describeTopic("beta");
        assert.equal(beta.rf, 3);
        assert.deepEqual(beta.isr, [3, 3]);
    });

    it("shows an out-of-band change as drift on refresh and repairs it on up", async () => {
        await kafkaTool("kafka-configs", "--alter", "--entity-type", "topics", "--entity-name", "gamma", "--add-config", "segment.ms=1234");
        const refresh = await e2e.stack.refresh({ onOutput: progress(e2e.name) });
        assert.equal(refresh.summary.resourceChanges?.update, 1);
        const repair = await e2e.stack.up({ onOutput: progress(e2e.name) });
        assert.equal(repair.summary.resourceChanges?.update, 1);
        assert.deepEqual((await describeTopic("gamma")).configs, { "segment.ms": "600000" });
    });

    it("deletes a topic removed from the config", async () => {
        await upWithTopics(topics.filter((t) => t.name !== "gamma"));
        const list = await kafkaTool("kafka-topics", "--list");
        assert.doesNotMatch(list, /^gamma$/m);
        assert.match(list, /^alpha$/m);
    });

    it("refuses to create over an existing topic and says to import it", async () => {
        await kafkaTool("kafka-topics", "--create", "--topic", "delta", "--partitions", "2", "--replication-factor", "2", "--config", "retention.ms=3600000");
        await setConfig(e2e.stack, { topics: [...topics, { name: "delta", partitions: 2, replicationFactor: 2, config: { "retention.ms": "3600000" } }] });
        await assert.rejects(e2e.stack.up({ onOutput: progress(e2e.name) }), /already exists on the cluster.*import/s);
    });

    it("imports (adopts) an existing topic, after which nothing differs", async () => {
        await upWithTopics([...topics, { name: "delta", partitions: 2, replicationFactor: 2, config: { "retention.ms": "3600000" }, import: true }]);
        assert.deepEqual(await changedResources(), []);
        assert.equal((await describeTopic("delta")).partitions, 2);
    });
});

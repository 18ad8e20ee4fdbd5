import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, DEFAULTS } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { parseJvmMemoryMb } from "../../components/config/memory";
import { readStackConfig } from "../../components/config/stack-config";
import { nearestKey } from "../../components/config/suggest";
import { topicNameError } from "../../components/config/topic-name";
import { assertProblem, problemsOf } from "../support/config-problems";

describe("defaults and merging", () => {
    it("an empty stack config is valid and equals the documented defaults", () => {
        assert.deepEqual(resolveSettings({}), DEFAULTS);
    });

    it("a partial object keeps the other defaults", () => {
        const settings = resolveSettings({ zookeeper: { replicas: 5 } });
        assert.equal(settings.zookeeper.replicas, 5);
        assert.equal(settings.zookeeper.heapMb, DEFAULTS.zookeeper.heapMb);
        assert.deepEqual(settings.kafka, DEFAULTS.kafka);
    });

    it("nested partial objects merge key by key (spark.checkpoint.path only)", () => {
        const settings = resolveSettings({ spark: { checkpoint: { path: "/ckpt" } } });
        assert.equal(settings.spark.checkpoint.path, "/ckpt");
        assert.equal(settings.spark.checkpoint.size, "5Gi");
        assert.equal(settings.spark.masters, 2);
    });

    it("numbers given as strings by `pulumi config set` are accepted", () => {
        assert.equal(resolveSettings({ kafka: { brokers: "3" } }).kafka.brokers, 3);
    });

    it("topic config values written as YAML numbers become Kafka's strings", () => {
        const settings = resolveSettings({ topics: [{ name: "t", partitions: 1, replicationFactor: 1, config: { "retention.ms": 1000 } }] });
        assert.deepEqual(settings.topics[0].config, { "retention.ms": "1000" });
    });

    it("a topic without replicationFactor takes kafka.defaultReplicationFactor", () => {
        const settings = resolveSettings({ kafka: { brokers: 2, defaultReplicationFactor: 2, minInsyncReplicas: 1 }, topics: [{ name: "t", partitions: 2 }] });
        assert.equal(settings.topics[0].replicationFactor, 2);
    });

    it("readStackConfig decodes JSON values and keeps plain strings", () => {
        const raw = readStackConfig({
            "streamstack:target": "docker",
            "streamstack:kafka": '{"brokers":3}',
            "other:key": "ignored",
        });
        assert.deepEqual(raw, { target: "docker", kafka: { brokers: 3 } });
    });
});

describe("validation rules", () => {
    it("rejects an even ZooKeeper ensemble and suggests odd sizes", () => {
        assertProblem({ zookeeper: { replicas: 4 } }, "zookeeper.replicas", "odd", "3 or 5");
    });

    it("rejects an ensemble of 0", () => {
        assertProblem({ zookeeper: { replicas: 0 } }, "zookeeper.replicas", "odd");
    });

    it("accepts a single ZooKeeper server for development", () => {
        assert.deepEqual(problemsOf({ zookeeper: { replicas: 1 } }), []);
    });

    it("rejects a replication factor larger than the broker count", () => {
        assertProblem({ kafka: { brokers: 2, defaultReplicationFactor: 3 } }, "kafka.defaultReplicationFactor", "kafka.brokers (2)");
    });

    it("rejects a replication factor below 1", () => {
        assertProblem({ kafka: { defaultReplicationFactor: 0 } }, "kafka.defaultReplicationFactor");
    });

    it("rejects min.insync.replicas above the replication factor", () => {
        assertProblem({ kafka: { minInsyncReplicas: 4 } }, "kafka.minInsyncReplicas", "defaultReplicationFactor (3)");
    });

    for (const bad of ["2gb", "-1g", "abc", "1.5g", "", "0"]) {
        it(`rejects the memory string ${JSON.stringify(bad)}`, () => {
            assertProblem({ spark: { executorMemory: bad } }, "spark.executorMemory", "not a memory size");
        });
    }

    it("rejects an invalid workerMemory too", () => {
        assertProblem({ spark: { workerMemory: "lots" } }, "spark.workerMemory", "e.g. \"2g\"");
    });

    it("rejects executorMemory larger than workerMemory", () => {
        assertProblem({ spark: { executorMemory: "3g", workerMemory: "2g" } }, "spark.executorMemory", "spark.workerMemory (2g)");
    });

    it("rejects coresMax above the workers' total cores, naming both numbers", () => {
        assertProblem({ spark: { coresMax: 8 } }, "spark.coresMax", "8", "2 workers x 2 cores = 4", "spark.workers");
    });

    it("rejects defaultCores above coresMax", () => {
        assertProblem({ spark: { defaultCores: 3, coresMax: 2 } }, "spark.defaultCores", "spark.coresMax (2)");
    });

    it("rejects fewer than one worker", () => {
        assertProblem({ spark: { workers: 0 } }, "spark.workers", "at least 1 worker");
    });

    it("rejects a relative checkpoint path", () => {
        assertProblem({ spark: { checkpoint: { path: "checkpoints" } } }, "spark.checkpoint.path", "absolute");
    });

    it("rejects an unknown target", () => {
        assertProblem({ target: "nomad" }, "target", '"docker" or "kubernetes"');
    });

    it("rejects a value of the wrong type and says what was given", () => {
        assertProblem({ kafka: { brokers: "three" } }, "kafka.brokers", "whole number", '"three"');
    });
});

describe("topics", () => {
    const topic = (fields: Record<string, unknown>) => ({ topics: [{ name: "ok", partitions: 1, replicationFactor: 1, ...fields }] });

    it("rejects characters Kafka does not allow", () => {
        assertProblem(topic({ name: "bad topic!" }), "topics[0].name", '" "', '"!"');
    });

    it("rejects names longer than 249 characters", () => {
        assertProblem(topic({ name: "a".repeat(250) }), "topics[0].name", "249");
    });

    it('rejects "." and ".."', () => {
        assertProblem(topic({ name: "." }), "topics[0].name");
        assertProblem(topic({ name: ".." }), "topics[0].name");
    });

    it("rejects duplicate names and points at the first", () => {
        assertProblem({ topics: [{ name: "a", partitions: 1 }, { name: "a", partitions: 1 }] }, "topics[1].name", "duplicate of topics[0]");
    });

    it("keys an entry by its name unless it names a key, and rejects a key used twice", () => {
        assert.equal(resolveSettings(topic({})).topics[0].key, "ok");
        assert.equal(resolveSettings(topic({ key: "orders" })).topics[0].key, "orders");
        assertProblem({ topics: [{ key: "k", name: "a", partitions: 1 }, { key: "k", name: "b", partitions: 1 }] }, "topics[1].key", "same key as topics[0]");
        assertProblem(topic({ key: 3 }), "topics[0].key", "non-empty string");
    });

    it("rejects partitions < 1", () => {
        assertProblem(topic({ partitions: 0 }), "topics[0].partitions", "at least 1 partition");
    });

    it("rejects a topic replication factor above the broker count", () => {
        assertProblem(topic({ replicationFactor: 4 }), "topics[0].replicationFactor", "kafka.brokers (3)");
    });

    it("rejects a topic without a name", () => {
        assertProblem({ topics: [{ partitions: 1 }] }, "topics[0].name", "needs a name");
    });

    it("accepts every legal character class and exactly 249 characters", () => {
        assert.equal(topicNameError("Orders.v2_eu-west"), undefined);
        assert.equal(topicNameError("a".repeat(249)), undefined);
    });
});

describe("unknown keys and reporting", () => {
    it("suggests the nearest top-level key", () => {
        assertProblem({ zookeper: { replicas: 3 } }, "zookeper", 'did you mean "zookeeper"');
    });

    it("suggests the nearest nested key", () => {
        assertProblem({ spark: { coreMax: 4 } }, "spark.coreMax", 'did you mean "coresMax"');
    });

    it("suggests the nearest topic key", () => {
        assertProblem({ topics: [{ name: "t", partitions: 1, replicationFactr: 1 }] }, "topics[0].replicationFactr", 'did you mean "replicationFactor"');
    });

    it("says why a retired key is gone and what to do, instead of calling it unknown", () => {
        assertProblem({ ports: { sparkMasterRest: 6066 } }, "ports.sparkMasterRest", "REST submission gateway is off");
    });

    it("lists valid keys when nothing is close", () => {
        assertProblem({ kafka: { xyzzyplugh: 1 } }, "kafka.xyzzyplugh", "valid keys are brokers");
    });

    it("reports every problem at once, not just the first", () => {
        const problems = problemsOf({
            target: "swarm",
            zookeeper: { replicas: 2 },
            kafka: { brokers: 1 },
            spark: { executorMemory: "2gb", coresMax: 99, workers: 0 },
            topics: [{ name: "a b", partitions: 0 }],
        });
        const keys = new Set(problems.map((p) => p.key));
        for (const key of ["target", "zookeeper.replicas", "kafka.defaultReplicationFactor", "spark.executorMemory", "spark.coresMax", "spark.workers", "topics[0].name", "topics[0].partitions"]) {
            assert.ok(keys.has(`streamstack:${key}`), `missing a problem for ${key}: ${[...keys].join(", ")}`);
        }
    });

    it("formats the error with one line per problem", () => {
        try {
            resolveSettings({ zookeeper: { replicas: 2 }, spark: { workers: 0 } });
            assert.fail("expected a ConfigError");
        } catch (error) {
            assert.ok(error instanceof ConfigError);
            const lines = error.message.split("\n").filter((l) => l.startsWith("  - streamstack:"));
            assert.equal(lines.length, error.problems.length);
            assert.ok(lines.includes("  - streamstack:spark.workers = 0: at least 1 worker is needed to run executors"), lines.join("\n"));
            assert.match(error.message, /^streamstack configuration has \d+ problems:/);
        }
    });
});

describe("helpers", () => {
    it("parses JVM memory strings to MiB", () => {
        assert.equal(parseJvmMemoryMb("512m"), 512);
        assert.equal(parseJvmMemoryMb("2g"), 2048);
        assert.equal(parseJvmMemoryMb("2G"), 2048);
        assert.equal(parseJvmMemoryMb("1t"), 1024 * 1024);
        assert.equal(parseJvmMemoryMb("2gb"), undefined);
    });

    it("suggests nothing for an unrelated word", () => {
        assert.equal(nearestKey("completelydifferent", ["brokers", "heapMb"]), undefined);
    });
});

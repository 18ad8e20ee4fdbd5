import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { topicFailures, TopicShape } from "../../components/kafka/topic-rules";
import { planIsEmpty, planTopicChange, reassignReplicas } from "../../plugins/streamstack/kafka/topic-diff";
import { answeredReplicas, answeredTopicNames, despiteLeaderlessPartitions, leaderlessAnswer } from "../../plugins/streamstack/kafka/leaderless-metadata";
import { kafka } from "../../plugins/streamstack/kafka/admin";

const base: TopicShape = { name: "orders", partitions: 6, replicationFactor: 3, config: { "retention.ms": "604800000" } };

describe("topic check", () => {
    it("accepts a valid topic", () => {
        assert.deepEqual(topicFailures(base, 3), []);
    });

    it("rejects a config key Kafka does not know and suggests the right one", () => {
        const [failure] = topicFailures({ ...base, config: { "retension.ms": "1" } });
        assert.equal(failure.property, "config.retension.ms");
        assert.match(failure.reason, /did you mean "retention\.ms"/);
    });

    it("rejects values of the wrong type", () => {
        const failures = topicFailures({ ...base, config: { "retention.ms": "7d", "cleanup.policy": "compacted", preallocate: "yes", "min.cleanable.dirty.ratio": "2" } });
        assert.deepEqual(failures.map((f) => f.property).sort(),
            ["config.cleanup.policy", "config.min.cleanable.dirty.ratio", "config.preallocate", "config.retention.ms"]);
    });

    it("rejects min.insync.replicas above the replication factor", () => {
        assert.match(topicFailures({ ...base, config: { "min.insync.replicas": "4" } })[0].reason, /acks=all/);
    });

    it("bounds the replication factor by the live broker count when known", () => {
        assert.equal(topicFailures({ ...base, replicationFactor: 4 }, 3)[0].property, "replicationFactor");
        assert.deepEqual(topicFailures({ ...base, replicationFactor: 4 }), []);
    });
});

describe("topic diff", () => {
    it("plans a partition increase in place", () => {
        const plan = planTopicChange(base, { ...base, partitions: 8 }, false);
        assert.equal(plan.addPartitions, 2);
        assert.equal(plan.recreate, false);
    });

    it("refuses a partition decrease at preview, saying why", () => {
        assert.throws(() => planTopicChange(base, { ...base, partitions: 3 }, false), /partitions cannot go from 6 to 3/);
    });

    it("refuses a rename unless recreateOnRename is set", () => {
        assert.throws(() => planTopicChange(base, { ...base, name: "orders-v2" }, false), /would delete "orders"/);
        assert.equal(planTopicChange(base, { ...base, name: "orders-v2" }, true).recreate, true);
    });

    it("changes only the config keys that differ and resets removed ones", () => {
        const plan = planTopicChange({ ...base, config: { "retention.ms": "1", "segment.ms": "2", "cleanup.policy": "delete" } },
            { ...base, config: { "retention.ms": "1", "segment.ms": "3" } }, false);
        assert.deepEqual(plan.setConfigs, { "segment.ms": "3" });
        assert.deepEqual(plan.deleteConfigs, ["cleanup.policy"]);
    });

    it("plans a replication factor change as an in-place reassignment", () => {
        assert.equal(planTopicChange({ ...base, replicationFactor: 1 }, base, false).replicationFactor, 3);
    });

    it("sees no change when nothing differs", () => {
        assert.ok(planIsEmpty(planTopicChange(base, structuredClone(base), false)));
    });
});

describe("replica reassignment", () => {
    it("grows RF 1 -> 3 keeping the current replica first and spreading the rest", () => {
        const target = reassignReplicas([[0], [1], [2]], 3, [0, 1, 2]);
        assert.deepEqual(target.map((r) => r[0]), [0, 1, 2]);
        for (const replicas of target) assert.deepEqual([...replicas].sort(), [0, 1, 2]);
    });

    it("balances added replicas across brokers", () => {
        const target = reassignReplicas([[0], [0], [0], [0]], 2, [0, 1, 2, 3]);
        const load = new Map<number, number>();
        for (const replicas of target) for (const b of replicas.slice(1)) load.set(b, (load.get(b) ?? 0) + 1);
        assert.ok(Math.max(...load.values()) - Math.min(...load.values()) <= 1, JSON.stringify(target));
    });

    it("shrinks RF by keeping the preferred leader", () => {
        assert.deepEqual(reassignReplicas([[2, 0, 1]], 1, [0, 1, 2]), [[2]]);
    });
});

describe("a topic read with a broker down (partitions without a leader)", () => {
    const { MultipleErrors, ResponseError } = kafka();
    const METADATA = 3;
    const answer = {
        topics: [
            { name: "orders", isInternal: false, partitions: [{ partitionIndex: 1, replicaNodes: [2] }, { partitionIndex: 0, replicaNodes: [0, 1] }] },
            { name: "__consumer_offsets", isInternal: true, partitions: [{ partitionIndex: 0, replicaNodes: [0, 1, 2] }] },
        ],
    };
    /** As the client throws it after its retries: the answer on the ResponseError, inside MultipleErrors. */
    const thrown = (errors: Record<string, [number, null]>) =>
        new MultipleErrors("Listing topics failed.", [new MultipleErrors("metadata failed 1 times.", [new ResponseError(METADATA, 12, errors, answer)])]);

    it("reads the topics and their replicas from the answer the error carries", async () => {
        const error = thrown({ "/topics/0/partitions/1": [5, null] });
        assert.equal(leaderlessAnswer(error), answer);
        const replicas = await despiteLeaderlessPartitions(async () => { throw error; }, (a) => answeredReplicas(a, "orders"));
        assert.deepEqual(replicas, [[0, 1], [2]]);
        assert.deepEqual(answeredTopicNames(answer), ["orders"], "internal topics left out, as listTopics does");
        assert.equal(answeredReplicas(answer, "absent"), undefined);
    });

    it("fails as before on any other error in the answer, or on an error with no answer", async () => {
        assert.equal(leaderlessAnswer(thrown({ "/topics/0/partitions/1": [5, null], "/topics/1": [3, null] })), undefined, "an unknown topic too");
        assert.equal(leaderlessAnswer(thrown({ "/topics/0/partitions/1": [6, null] })), undefined, "NOT_LEADER_OR_FOLLOWER is not a missing leader");
        assert.equal(leaderlessAnswer(new Error("Connection refused")), undefined);
        await assert.rejects(despiteLeaderlessPartitions(async () => { throw new Error("Connection refused"); }, () => "read"), /Connection refused/);
    });
});

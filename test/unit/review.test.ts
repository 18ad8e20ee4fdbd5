import { kubernetesConfig } from "../support/kubernetes-settings";
import * as assert from "node:assert/strict";
import { resolveSettings } from "../../components/platform/settings";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { dangers } from "../../review/dangers";
import { ReviewFixture } from "../../review/fixture";
import { fixtureMarkdown, reviewMarkdown } from "../../review/markdown";
import { platformChanges } from "../../review/platform-changes";
import { policyViolations } from "../../review/policy-events";
import { restarts } from "../../review/restarts";
import { effectiveSettings, settingChanges } from "../../review/settings";
import { unifiedDiff } from "../../review/unified-diff";
import { workloadRollouts } from "../../review/workload-rollout";
import { stackFileConfig } from "../../review/command";

// Captured from the real engine by `npm run capture:review-fixtures`; never edited by hand.
const FIXTURES = path.resolve(__dirname, "..", "..", "..", "review", "fixtures");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as ReviewFixture;

function review(name: string) {
    const f = fixture(name);
    return reviewOf(f);
}

function reviewOf(f: ReviewFixture) {
    const changes = platformChanges(f.preview);
    return {
        fixture: f,
        dangers: dangers(changes, effectiveSettings(f.baseConfig), effectiveSettings(f.headConfig)).map((d) => d.title),
        restarts: restarts(effectiveSettings(f.headConfig), changes),
        markdown: fixtureMarkdown(f),
        violations: (f.preview.policyViolations ?? []).map((v) => `${v.enforcementLevel} ${v.policyName}`),
    };
}

/** Danger first, then guardrails, then restarts, then the changes: the order a reviewer reads. */
function assertReadingOrder(markdown: string): void {
    const at = (heading: string) => markdown.indexOf(heading);
    // One comment per stack: the workflow finds its own by this first line.
    assert.ok(markdown.startsWith("<!-- streamstack-review stack=review-fixtures -->\n"), markdown.split("\n")[0]);
    assert.ok(at("### ⚠ Danger") < at("### Guardrails") && at("### Guardrails") < at("### Restart impact") && at("### Restart impact") < at("### Changes by component"), markdown);
}

describe("review summary of real previews", () => {
    it("has a fixture for every captured change", () => {
        assert.deepEqual(fs.readdirSync(FIXTURES).sort(), ["brokers-up.json", "exposed-ports.json", "image-bump.json", "kafka-heap.json", "kubernetes", "topic-partitions.json",
            "topic-removed.json", "topic-rf-lowered.json", "worker-cores.json", "zookeeper-shrink.json"]);
        assert.deepEqual(fs.readdirSync(path.join(FIXTURES, "kubernetes")).sort(), ["brokers-down.json", "kafka-heap.json", "worker-cores.json", "zookeeper-tick.json"]);
    });

    it("heap change: no danger; the brokers restart one at a time, the controller last; the setting as written, from its default", () => {
        const r = review("kafka-heap");
        assert.deepEqual(r.dangers, []);
        assert.deepEqual(r.restarts.map((g) => [g.group, g.order.length, g.safe]), [["kafka", 3, true]]);
        assert.equal(r.restarts[0]!.order.at(-1), r.fixture.leaders.kafka);
        assert.match(r.markdown, /\| `streamstack:kafka\.heapMb` \| `512 \(default\)` \| `640` \|/);
        assert.match(r.markdown, /why Kafka brokers restart: env KAFKA_HEAP_OPTS `-Xms512m -Xmx512m` → `-Xms640m -Xmx640m`/);
        assert.match(r.markdown, /acks=all writes continue: .*events 2\/3, audit 2\/3/);
        assert.deepEqual(r.violations, []);
        assertReadingOrder(r.markdown);
    });

    it("broker count up: a new broker and its volume, nothing restarts, no danger", () => {
        const r = review("brokers-up");
        assert.deepEqual(r.dangers, []);
        assert.deepEqual(r.restarts, []);
        assert.match(r.markdown, /- created: `volume-kafka-3-data-guard`, `volume-kafka-3-data`, `kafka-3`/);
        assert.match(r.markdown, /No member restarts\./);
    });

    it("topic partitions up: an in-place topic update, no restart, no danger", () => {
        const r = review("topic-partitions");
        assert.deepEqual(r.dangers, []);
        assert.deepEqual(r.restarts, []);
        assert.match(r.markdown, /\| `streamstack:topics\[0\]\.partitions` \| `6` \| `12` \|/);
        assert.match(r.markdown, /- updated: `events`/);
    });

    it("topic removed: data loss first, with the way to keep it; the guardrail blocks it", () => {
        const r = review("topic-removed");
        assert.deepEqual(r.dangers, ["Topic `audit` is deleted: its messages are lost"]);
        assert.deepEqual(r.violations, ["mandatory no-data-loss-without-opt-in"]);
        assert.match(r.markdown, /1\. \*\*Topic `audit` is deleted: its messages are lost\.\*\* Instead: keep it in `streamstack:topics`; .*retainOnDelete: true/);
        assert.match(r.markdown, /❌ \*\*no-data-loss-without-opt-in\*\* \(mandatory\): topic audit is deleted/);
        assert.match(r.markdown, /\| `streamstack:topics\[1\]` \| `\{name: audit, partitions: 3, replicationFactor: 3, config\["retention\.ms"\]: 604800000\}` \| — \|/);
        assert.match(r.markdown, /\*\*1 guardrail violation\*\*/);
    });

    it("replication factor lowered: two dangers (fewer copies; min.insync.replicas now equal to RF) and the advisory guardrail", () => {
        const r = review("topic-rf-lowered");
        assert.deepEqual(r.dangers, [
            "Topic `events`: replication factor lowered 3 → 2: fewer copies of every partition",
            "Topic `events`: min.insync.replicas 2 with replication factor 2: one broker down stops acks=all writes (and every rolling restart does)",
        ]);
        assert.deepEqual(r.violations, ["advisory topic-min-insync-below-replication"]);
        assert.match(r.markdown, /\*\*guardrails pass\*\*/);
    });

    it("worker cores: only the workers restart, in order, and spark-env.sh is shown as a diff", () => {
        const r = review("worker-cores");
        assert.deepEqual(r.dangers, []);
        assert.deepEqual(r.restarts.map((g) => [g.group, g.order]), [["spark-worker", ["spark-worker-0", "spark-worker-1"]]]);
        assert.match(r.markdown, /```diff\n--- spark-env\.sh\n\+\+\+ spark-env\.sh\n@@ .* @@\n[^`]*-SPARK_WORKER_CORES=2\n\+SPARK_WORKER_CORES=3\n/);
        assert.match(r.markdown, /why Spark workers restart: cpus `2\.0` → `3\.0`/);
    });

    it("image bump: the brokers restart, controller last, because the image id changes; the setting sits with Kafka", () => {
        const r = review("image-bump");
        assert.deepEqual(r.dangers, []);
        assert.deepEqual(r.restarts.map((g) => g.group), ["kafka"]);
        assert.equal(r.restarts[0]!.order.at(-1), r.fixture.leaders.kafka);
        assert.match(r.markdown, /why Kafka brokers restart: image `sha256:[0-9a-f]+` → `sha256:[0-9a-f]+`/);
        assert.match(r.markdown, /#### Kafka\n[\s\S]*\| `streamstack:images\.kafka` \| `streamstack\/kafka:local \(default\)` \| `streamstack\/kafka:review-bump` \|/);
    });

    it("ZooKeeper shrunk to 1: volumes deleted, quorum lost, every dependent group restarts with its leader last", () => {
        const r = review("zookeeper-shrink");
        assert.deepEqual(r.dangers, [
            "Data volume `volume-zookeeper-1-data` is deleted: its data is lost",
            "Data volume `volume-zookeeper-2-data` is deleted: its data is lost",
            "ZooKeeper ensemble shrinks 3 → 1: it survives 0 failures instead of 1",
            "ZooKeeper ensemble of 1: while its server restarts (this change's rolls included) Kafka's controller and Spark's recovery stop",
        ]);
        assert.deepEqual(r.restarts.map((g) => [g.group, g.safe]), [["zookeeper", false], ["kafka", true], ["spark-master", true], ["spark-worker", true]]);
        for (const group of r.restarts.filter((g) => g.group in r.fixture.leaders && g.group !== "zookeeper")) assert.equal(group.order.at(-1), r.fixture.leaders[group.group]);
        assert.match(r.markdown, /-server\.2=zookeeper-1:2888:3888;2181\n-server\.3=zookeeper-2:2888:3888;2181/);
        assert.deepEqual([...new Set(r.violations)], ["mandatory no-data-loss-without-opt-in"]);
    });

    it("ports beyond loopback: one danger naming every port; the guardrail blocks; every group rolls, leaders last", () => {
        const r = review("exposed-ports");
        assert.equal(r.dangers.length, 1);
        assert.match(r.dangers[0]!, /^Ports published beyond loopback, .*0\.0\.0\.0:25092 \(kafka-0\)/);
        assert.deepEqual(r.restarts.map((g) => g.group), ["zookeeper", "kafka", "spark-master", "spark-worker"]);
        for (const group of r.restarts.filter((g) => g.group in r.fixture.leaders)) assert.equal(group.order.at(-1), r.fixture.leaders[group.group], group.group);
        assert.equal(new Set(r.violations).size, 1);
        assert.match(r.markdown, /❌ \*\*local-ports-on-loopback\*\* \(mandatory, 10 resources\)/);
    });
});

// The same kind of changes previewed on the k8s stack against the local cluster (StatefulSets).
const k8sReview = (name: string) => reviewOf(fixture(path.join("kubernetes", name)));

describe("review summary of real previews on the k8s stack", () => {
    it("heap change: the StatefulSet rolls its brokers from the highest ordinal, each back in sync first; env and limits as why", () => {
        const r = k8sReview("kafka-heap");
        assert.deepEqual(r.dangers, []);
        assert.deepEqual(r.restarts.map((g) => [g.group, g.order, g.safe]), [["kafka", ["kafka-2", "kafka-1", "kafka-0"], true]]);
        assert.match(r.restarts[0]!.kept, /back in the ISR of every partition it holds/);
        assert.match(r.markdown, /each StatefulSet restarts its pods one at a time from the highest ordinal down/);
        assert.match(r.markdown, /why Kafka brokers restart: env KAFKA_HEAP_OPTS `-Xms512m -Xmx512m` → `-Xms640m -Xmx640m`; memory limit `896Mi` → `1Gi`/);
        assert.deepEqual(r.violations, []);
        assertReadingOrder(r.markdown);
    });

    it("zoo.cfg change: the ensemble rolls 2 → 1 → 0 with the ConfigMap's zoo.cfg as a diff, Kafka and Spark untouched", () => {
        const r = k8sReview("zookeeper-tick");
        assert.deepEqual(r.restarts.map((g) => [g.group, g.order, g.safe]), [["zookeeper", ["zookeeper-2", "zookeeper-1", "zookeeper-0"], true]]);
        assert.match(r.markdown, /<summary>zoo\.cfg \(ZooKeeper\)<\/summary>[\s\S]*-tickTime=1000\n\+tickTime=2000/);
    });

    it("worker cores: the workers roll, the masters do not", () => {
        const r = k8sReview("worker-cores");
        assert.deepEqual(r.restarts.map((g) => [g.group, g.order]), [["spark-worker", ["spark-worker-1", "spark-worker-0"]]]);
    });

    it("broker count down: preview refuses it while the broker holds replicas, naming the key and the reassignment", () => {
        const r = k8sReview("brokers-down");
        assert.match(r.markdown, /### ✖ Preview failed[\s\S]*streamstack:kafka\.brokers[\s\S]*would remove broker 2, which still holds partition replicas/);
        assert.match(r.markdown, /kubectl -n review-fixtures exec -it kafka-0 -- bash/);
        assert.deepEqual(r.restarts, []);
    });
});

describe("review building blocks", () => {
    it("reads a StatefulSet change as its pods see it: rolled by ordinal, scaled down from the top, or replaced all at once", () => {
        const urn = "urn:pulumi:s::streamstack::streamstack:kafka:KafkaCluster$kubernetes:apps/v1:StatefulSet::kafka";
        const state = (replicas: number, heap: string) => ({ urn, type: "kubernetes:apps/v1:StatefulSet", inputs: { spec: { replicas, template: { spec: { containers: [{ env: [{ name: "KAFKA_HEAP_OPTS", value: heap }] }] } } } } });
        const preview = (op: "update" | "replace", before: ReturnType<typeof state>, after: ReturnType<typeof state>) => platformChanges({ steps: [{ op, urn, oldState: before, newState: after }] });
        const scaledDown = preview("update", state(3, "-Xmx512m"), state(2, "-Xmx512m"));
        assert.deepEqual(workloadRollouts(scaledDown).map((r) => [r.restarted, r.removed, r.replaced]), [[[], ["kafka-2"], false]]);
        assert.deepEqual(dangers(scaledDown, undefined, undefined).map((d) => d.title), ["Broker kafka-2 removed, its claim kept for a later scale-up"]);
        const rolled = preview("update", state(3, "-Xmx512m"), state(4, "-Xmx640m"));
        assert.deepEqual(workloadRollouts(rolled).map((r) => [r.restarted, r.removed]), [[["kafka-2", "kafka-1", "kafka-0"], []]]);
        const replaced = preview("replace", state(3, "-Xmx512m"), state(3, "-Xmx512m"));
        assert.match(dangers(replaced, undefined, undefined)[0]!.title, /^StatefulSet `kafka` is replaced: every pod of it stops at once, and its claims \(data\) are deleted with it/);
        assert.deepEqual(restarts(undefined, replaced).map((g) => [g.order, g.safe]), [[["kafka-2", "kafka-1", "kafka-0"], false]]);
    });

    it("flags what breaks Kafka's outside clients: a switch of the external listener's protocol, a new CA", () => {
        const plaintext = resolveSettings({});
        const tls = resolveSettings({ kafka: { security: "tls" } });
        assert.deepEqual(dangers([], plaintext, tls).map((d) => d.title), ["Kafka's external listener switches to TLS: clients outside the platform that connect in plaintext stop working as the brokers roll"]);
        assert.match(dangers([], tls, plaintext)[0]!.title, /^Kafka's external listener switches to plaintext: its traffic is no longer encrypted/);
        assert.deepEqual(dangers([], tls, tls), []);
        const urn = "urn:pulumi:s::streamstack::streamstack:kafka:KafkaCluster$streamstack:security:CertificateAuthority::streamstack-kafka-ca";
        const ca = { urn, type: "streamstack:security:CertificateAuthority", inputs: { commonName: "streamstack-kafka CA", validityDays: 3650 } };
        const replaced = platformChanges({ steps: [{ op: "replace", urn, oldState: ca, newState: { ...ca, inputs: { ...ca.inputs, validityDays: 365 } } }] });
        assert.deepEqual(dangers(replaced, tls, tls).map((d) => d.title), ["Kafka's CA is replaced: every broker gets a certificate clients trusting the old CA reject"]);
        const retired = platformChanges({ steps: [{ op: "delete", urn, oldState: ca }] });
        assert.deepEqual(dangers(retired, tls, tls), [], "a CA retired once it signs nothing breaks no client");
        const trustingBoth = resolveSettings({ kafka: { security: "tls", certificateAuthorities: ["ca", "ca-2027"] } });
        const newSigner = resolveSettings({ kafka: { security: "tls", certificateAuthorities: ["ca", "ca-2027"], signingCa: "ca-2027" } });
        assert.deepEqual(dangers([], tls, trustingBoth), [], "trusting one more CA changes nothing a client sees");
        assert.deepEqual(dangers([], trustingBoth, newSigner).map((d) => d.title), ["Kafka's brokers roll onto certificates signed by CA \"ca-2027\": clients that do not trust it yet reject them"]);
        const scram = resolveSettings({ kafka: { authentication: "scram-sha-512" } });
        assert.deepEqual(dangers([], plaintext, scram).map((d) => d.title), ["Kafka's external listener starts requiring a login: clients outside the platform that do not log in stop working as the brokers roll"]);
        assert.match(dangers([], scram, plaintext)[0]!.title, /^Kafka's external listener stops requiring a login: anyone who reaches it reads, writes and deletes every topic/);
        const k8s = resolveSettings(kubernetesConfig());
        const k8sOpen = resolveSettings(kubernetesConfig({ kafka: { authentication: "none" }, kubernetes: { allowInsecureKafka: true } }));
        assert.deepEqual(dangers([], k8s, k8sOpen).map((d) => d.title).slice(-1),
            ["Kafka's NodePorts are accepted open to anyone (kubernetes.allowInsecureKafka): every node's address reaches them, beyond the cluster"]);
        assert.deepEqual(dangers([], k8sOpen, k8sOpen), [], "said once, when the stack opts out");
        const migrating = resolveSettings({ kafka: { replication: "migrating-2" } });
        assert.match(dangers([], plaintext, migrating)[0]!.title, /^Kafka's brokers stop replicating over mutual TLS \(kafka\.replication "migrating-2"\)/);
        assert.deepEqual(dangers([], migrating, plaintext), [], "onto mutual TLS: nothing to fear");
    });

    it("names a migration's step in a section of its own, and its finalization as the one danger", () => {
        const at = (metadata: string, more: Record<string, unknown> = {}) => ({ "streamstack:kafka": JSON.stringify({ metadata, ...more }) });
        const review = (base: Record<string, string>, head: Record<string, string>) => reviewMarkdown({ stack: "s", preview: { steps: [] }, baseConfig: base, headConfig: head, baseLabel: "main" });
        const forward = review(at("zookeeper"), at("migration-prepared"));
        assert.match(forward, /### Migration to KRaft\n\n`kafka\.metadata` `zookeeper` → `migration-prepared`, a step forward: the brokers roll in migration mode/);
        assert.match(forward, /After it: a migration from ZooKeeper to KRaft, at "migration-prepared" \(1 of 4\)\. Next: "migration": the KRaft controllers start/);
        assert.match(review(at("migration"), at("migration-prepared")), /a step back: the controllers go, then ZooKeeper is handed back to the brokers/);
        assert.match(review(at("kraft-brokers"), at("kraft-migrated", { finalizeMigration: true })), /After it the migration is finalized: nothing comes next, and nothing goes back\./);
        assert.doesNotMatch(review(at("zookeeper"), at("zookeeper", { heapMb: 640 })), /Migration to KRaft/);
        const settings = (metadata: string, more: Record<string, unknown> = {}) => resolveSettings({ kafka: { metadata, ...more } });
        assert.deepEqual(dangers([], settings("kraft-brokers"), settings("kraft-migrated", { finalizeMigration: true })).map((d) => d.title),
            ["The migration from ZooKeeper to KRaft is finalized (kafka.metadata \"kraft-migrated\"): the controllers stop writing to ZooKeeper, and the cluster can never go back to ZooKeeper mode"]);
        assert.deepEqual(dangers([], settings("migration"), settings("kraft-brokers")), [], "every step before it can be taken back");
    });

    it("diffs files as unified hunks with context", () => {
        assert.equal(unifiedDiff("a\nb\nc\nd\n", "a\nB\nc\nd\n", "f", 1), "--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert.equal(unifiedDiff("same\n", "same\n", "f"), "");
    });

    it("reads settings as written, masks secrets, and collapses a whole added list entry", () => {
        const changes = settingChanges(
            { "streamstack:kafka": JSON.stringify({ heapMb: 512, sasl: { password: "old" } }), "streamstack:topics": "[]" },
            { "streamstack:kafka": JSON.stringify({ heapMb: 640, sasl: { password: "new" } }), "streamstack:topics": JSON.stringify([{ name: "t", partitions: 1, replicationFactor: 1 }]) });
        assert.ok(changes.some((c) => c.key === "streamstack:kafka.heapMb" && c.before === "512" && c.after === "640"));
        assert.ok(changes.every((c) => !/old|new/.test(`${c.before}${c.after}`)), JSON.stringify(changes));
        assert.deepEqual(changes.find((c) => c.key === "streamstack:topics[0]"), { key: "streamstack:topics[0]", before: undefined, after: "{name: t, partitions: 1, replicationFactor: 1}" });
    });

    it("reads a stack file's config as the engine hands it to programs, secrets masked", () => {
        assert.deepEqual(stackFileConfig("config:\n  streamstack:target: docker\n  streamstack:kafka: {brokers: 3}\n  streamstack:token:\n    secure: AAAA\n"),
            { "streamstack:target": "docker", "streamstack:kafka": "{\"brokers\":3}", "streamstack:token": "[secret]" });
    });

    it("takes the guardrails' verdict from a streamed preview's policy events", () => {
        const stream = [
            JSON.stringify({ sequence: 1, preludeEvent: {} }),
            JSON.stringify({ policyEvent: { resourceUrn: "urn:pulumi:s::p::docker:index/container:Container::kafka-0", message: "description\nkafka-0 publishes 0.0.0.0:19092\n", policyName: "local-ports-on-loopback", enforcementLevel: "mandatory" } }),
        ].join("\n");
        assert.deepEqual(policyViolations(stream), [{ policyName: "local-ports-on-loopback", enforcementLevel: "mandatory", message: "kafka-0 publishes 0.0.0.0:19092", resource: "kafka-0" }]);
    });
});

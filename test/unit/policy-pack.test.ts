import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resolveSettings } from "../../components/platform/settings";
import { kubernetesConfig } from "../support/kubernetes-settings";
import { dataLosses, deployedResources, noDataLossWithoutOptIn } from "../../policy/rules/data-loss";
import { oddZooKeeperEnsemble } from "../../policy/rules/ensemble";
import { kafkaNodePortsSecured, localPortsOnLoopback } from "../../policy/rules/exposure";
import { containerResources, statefulSetDisruptionBudget } from "../../policy/rules/kubernetes";
import { coresMaxWithinWorkers, executorMemoryWithinWorker } from "../../policy/rules/spark-limits";
import { minInsyncBelowReplication, minInsyncNotAboveReplication, replicationWithinBrokers } from "../../policy/rules/topics";
import { mockGraph } from "../../operations/mock-graph";

/* eslint-disable @typescript-eslint/no-explicit-any -- resource properties are deep untyped JSON here. */

/** The program's resources as a policy sees them, from the mock engine. */
async function proposed(config: Record<string, unknown>, stack = "test"): Promise<PolicyResource[]> {
    const graph = await mockGraph(resolveSettings(config), stack);
    return graph.map((r) => ({
        type: r.type,
        name: r.name,
        urn: `urn:pulumi:${stack}::streamstack::${r.type}::${r.name}`,
        props: JSON.parse(JSON.stringify(r.inputs)) as Record<string, any>,
        opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
        isType: () => false,
        asType: () => undefined,
    } as unknown as PolicyResource));
}

async function stackViolations(policy: StackValidationPolicy, resources: PolicyResource[], config: Record<string, unknown> = {}): Promise<string[]> {
    const violations: string[] = [];
    await policy.validateStack({
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => { throw new Error(`not applicable: ${reason}`); },
    } as any, (message: string) => violations.push(message));
    return violations;
}

async function resourceViolations(policy: ResourceValidationPolicy, resources: PolicyResource[]): Promise<string[]> {
    const violations: string[] = [];
    for (const r of resources) {
        await (policy.validateResource as any)({ ...r, getConfig: () => ({}), notApplicable: () => undefined }, (message: string) => violations.push(message));
    }
    return violations;
}

const without = (resources: PolicyResource[], name: string) => resources.filter((r) => r.name !== name);

describe("policy pack, Docker target", () => {
    it("passes the default local platform", async () => {
        const resources = await proposed({});
        for (const policy of [oddZooKeeperEnsemble, replicationWithinBrokers, minInsyncNotAboveReplication, minInsyncBelowReplication, coresMaxWithinWorkers, executorMemoryWithinWorker, statefulSetDisruptionBudget]) {
            assert.deepEqual(await stackViolations(policy, resources), [], policy.name);
        }
        assert.deepEqual(await resourceViolations(localPortsOnLoopback, resources), []);
    });

    it("flags an even ZooKeeper ensemble and a topic with more replicas than brokers", async () => {
        const resources = without(await proposed({}), "streamstack-zookeeper-2");
        assert.match((await stackViolations(oddZooKeeperEnsemble, resources))[0]!, /ZooKeeper has 2 servers: a ZooKeeper ensemble needs an odd number of servers .*; use 1 or 3 \(streamstack:zookeeper.replicas\)/);
        const twoBrokers = without(await proposed({}), "streamstack-kafka-2");
        assert.match((await stackViolations(replicationWithinBrokers, twoBrokers))[0]!, /topic events: replicationFactor 3 is more than the 2 live brokers; lower it to 2/);
    });

    it("blocks min.insync.replicas above the replication factor and advises against it being equal", async () => {
        const equal = await proposed({ topics: [{ name: "t", partitions: 1, replicationFactor: 2, config: { "min.insync.replicas": "2" } }] });
        assert.deepEqual(await stackViolations(minInsyncNotAboveReplication, equal), []);
        assert.match((await stackViolations(minInsyncBelowReplication, equal))[0]!, /topic t: min.insync.replicas equals the replication factor \(2\).* set it to 1/);
        assert.equal(minInsyncBelowReplication.enforcementLevel, "advisory");
        const above = equal.map((r) => (r.type === "streamstack:kafka:Topic" ? { ...r, props: { ...r.props, replicationFactor: 1 } } : r));
        assert.match((await stackViolations(minInsyncNotAboveReplication, above))[0]!, /topic t: min.insync.replicas 2 is more than the replication factor 1, so acks=all writes could never succeed/);
    });

    it("reads Spark's limits from the rendered files: cores.max and executor memory within the workers", async () => {
        const resources = await proposed({});
        const masters = resources.filter((r) => r.type === "docker:index/container:Container" && r.name.startsWith("streamstack-spark-master-"));
        for (const master of masters) {
            for (const upload of master.props.uploads as { file: string; content: string }[]) {
                upload.content = upload.content.replace(/spark\.cores\.max\s+\d+/, "spark.cores.max 9").replace(/spark\.executor\.memory\s+\S+/, "spark.executor.memory 3g");
            }
        }
        assert.match((await stackViolations(coresMaxWithinWorkers, resources))[0]!, /spark.cores.max 9 must be between 1 and the workers' total cores \(2 workers x 2 cores = 4\)/);
        assert.match((await stackViolations(executorMemoryWithinWorker, resources))[0]!, /spark.executor.memory 3g is larger than spark.workerMemory \(2g\)/);
    });

    it("blocks a port published beyond loopback", async () => {
        const violations = await resourceViolations(localPortsOnLoopback, await proposed({ ports: { bindAddress: "0.0.0.0" } }));
        assert.ok(violations.length >= 10);
        assert.match(violations[0]!, /publishes 0\.0\.0\.0:\d+: beyond loopback/);
    });
});

describe("policy pack, Kubernetes target", () => {
    const k8s = kubernetesConfig({ kubernetes: { namespace: "data" } });

    it("passes the k8s platform: requests and limits everywhere, a PDB per StatefulSet", async () => {
        const resources = await proposed(k8s);
        assert.deepEqual(await resourceViolations(containerResources, resources), []);
        assert.deepEqual(await stackViolations(statefulSetDisruptionBudget, resources), []);
        assert.deepEqual(await stackViolations(oddZooKeeperEnsemble, resources), []);
    });

    it("flags Kafka's NodePorts in plaintext or without logins, once a stack has opted out of the preview's refusal", async () => {
        assert.deepEqual(await stackViolations(kafkaNodePortsSecured, await proposed(k8s)), []);
        const open = await proposed(kubernetesConfig({ kubernetes: { namespace: "data", allowInsecureKafka: true }, kafka: { authentication: "none" } }));
        assert.deepEqual(await stackViolations(kafkaNodePortsSecured, open), [
            "Kafka's external listener is SSL: NodePorts reachable beyond the cluster, without logins (kafka.authentication); " +
            'set kafka.security to "tls" and kafka.authentication to "scram-sha-512" (the Kubernetes defaults) and drop kubernetes.allowInsecureKafka',
        ]);
        const plaintext = await proposed(kubernetesConfig({ kubernetes: { namespace: "data", allowInsecureKafka: true }, kafka: { security: "plaintext", authentication: "none" } }));
        assert.match((await stackViolations(kafkaNodePortsSecured, plaintext))[0]!, /is PLAINTEXT: .*plaintext \(kafka\.security\) and without logins/);
        assert.deepEqual(await stackViolations(kafkaNodePortsSecured, await proposed({})), [], "Docker's ports are the loopback rule's");
    });

    it("flags a StatefulSet without a PDB and a container without limits", async () => {
        const resources = (await proposed(k8s)).filter((r) => !(r.type === "kubernetes:policy/v1:PodDisruptionBudget" && r.name === "streamstack-kafka"));
        assert.deepEqual(await stackViolations(statefulSetDisruptionBudget, resources), ["StatefulSet kafka (3 replicas) has no PodDisruptionBudget: a node drain may evict every member at once"]);
        const set = resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet" && r.name === "streamstack-zookeeper")!;
        delete set.props.spec.template.spec.containers[0].resources.limits;
        assert.match((await resourceViolations(containerResources, resources))[0]!, /zookeeper\/zookeeper has no limits\.cpu, limits\.memory/);
    });
});

describe("policy pack, data loss", () => {
    const topic = (key: string, name: string) => ({ urn: `urn:pulumi:s::streamstack::streamstack:kafka:Topic::${key}`, type: "streamstack:kafka:Topic", inputs: { name } });
    const volume = (name: string) => ({ urn: `urn:pulumi:s::streamstack::docker:index/volume:Volume::volume-${name}`, type: "docker:index/volume:Volume", inputs: { name } });
    const asProposed = (r: { urn: string; type: string; inputs: Record<string, unknown> }) => ({ urn: r.urn, type: r.type, name: r.urn.split("::").pop(), props: r.inputs } as unknown as PolicyResource);

    it("finds topics and data volumes the change deletes or recreates, not those it keeps or retains", () => {
        const deployed = [topic("events", "events"), topic("audit", "audit"), { ...topic("old", "old"), retainOnDelete: true }, volume("zk-3-data"), volume("kafka-0-data")];
        const next = [asProposed(topic("events", "events-v2")), asProposed(volume("kafka-0-data"))];
        assert.deepEqual(dataLosses(deployed, next).map((l) => l.what), [
            "topic events is replaced by events-v2 (emptied)",
            "topic audit is deleted",
            "data volume zk-3-data is deleted",
        ]);
    });

    it("finds a StatefulSet that owns claims replaced or deleted, though no claim resource changes", () => {
        const statefulSet = (name: string, storage: string, extra: Record<string, unknown> = {}, matchLabels: Record<string, string> = { app: name }) => ({
            urn: `urn:pulumi:s::streamstack::kubernetes:apps/v1:StatefulSet::${name}`, type: "kubernetes:apps/v1:StatefulSet",
            inputs: { metadata: { name }, spec: {
                serviceName: `${name}-headless`, selector: { matchLabels },
                volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { resources: { requests: { storage } } } }],
                persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" }, replicas: 3, ...extra,
            } },
        });
        // The checkpoint stores keys sorted and templates as written; the analyzer hands them over
        // in the program's key order and as the API server completed them: no change either way.
        const deployed = [statefulSet("kafka", "10Gi"), statefulSet("zookeeper", "1Gi", {}, { app: "zookeeper", name: "zk" }), statefulSet("spark-worker", "1Gi")];
        const completed = statefulSet("zookeeper", "1Gi", { replicas: 5 }, { name: "zk", app: "zookeeper" });
        const template = completed.inputs.spec.volumeClaimTemplates[0]!;
        completed.inputs.spec.volumeClaimTemplates = [{ ...template, apiVersion: "v1", kind: "PersistentVolumeClaim", spec: { ...template.spec, volumeMode: "Filesystem" }, status: { phase: "Pending" } } as typeof template];
        const next = [asProposed(statefulSet("kafka", "20Gi")), asProposed(completed)];
        assert.deepEqual(dataLosses(deployed, next).map((l) => [l.name, l.what.split(" (")[0]]), [
            ["kafka", "StatefulSet kafka is replaced"],
            ["spark-worker", "StatefulSet spark-worker is deleted, and with it the claims it owns"],
        ]);
    });

    it("reads what is deployed from the file backend's checkpoint, and says when it cannot", () => {
        const backend = fs.mkdtempSync(path.join(os.tmpdir(), "policy-backend-"));
        fs.mkdirSync(path.join(backend, ".pulumi", "stacks", "streamstack"), { recursive: true });
        fs.writeFileSync(path.join(backend, ".pulumi", "stacks", "streamstack", "s.json"), JSON.stringify({ checkpoint: { latest: { resources: [topic("audit", "audit")] } } }));
        const next = [asProposed(topic("events", "events"))];
        assert.deepEqual(deployedResources(next, `file://${backend}`), [topic("audit", "audit")]);
        assert.match(String(deployedResources(next, "https://api.pulumi.com")), /not in a file backend/);
    });

    it("blocks the loss unless the change opts in by name", async () => {
        const backend = fs.mkdtempSync(path.join(os.tmpdir(), "policy-backend-"));
        fs.mkdirSync(path.join(backend, ".pulumi", "stacks", "streamstack"), { recursive: true });
        fs.writeFileSync(path.join(backend, ".pulumi", "stacks", "streamstack", "s.json"), JSON.stringify({ checkpoint: { latest: { resources: [topic("audit", "audit"), topic("events", "events")] } } }));
        const saved = process.env.PULUMI_BACKEND_URL;
        process.env.PULUMI_BACKEND_URL = `file://${backend}`;
        try {
            const next = [asProposed(topic("events", "events"))];
            const blocked = await stackViolations(noDataLossWithoutOptIn, next);
            assert.equal(blocked.length, 1);
            assert.match(blocked[0]!, /^topic audit is deleted, and its data with it\. If that is intended, opt in for this change: .*"allowDataLoss": \["audit"\]/);
            assert.deepEqual(await stackViolations(noDataLossWithoutOptIn, next, { allowDataLoss: ["audit"] }), []);
        } finally {
            process.env.PULUMI_BACKEND_URL = saved;
        }
    });
});

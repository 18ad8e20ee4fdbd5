/**
 * Regenerates review/fixtures/: brings a throwaway Docker stack up with a base config,
 * then, one at a time, applies a real change to its config and records what the real engine's
 * `pulumi preview --json` says about it (with the base and changed config), restoring the base
 * after each. Nothing in those files is written by hand.
 * Usage: npm run capture:review-fixtures   (needs the set-up of command A; about 4 minutes)
 *        npm run capture:review-fixtures -- --target kubernetes   (as root: starts the local
 *        cluster, scripts/k8s-local.sh, and writes review/fixtures/kubernetes/; about 5 minutes)
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { configValues, createStack, PROJECT_DIR, progress, removeStack, setConfig } from "../harness/e2e-stack";
import { PreviewJson } from "../review/preview-json";
import { aliveMaster, fourLetterWord, kafkaCluster, zookeeperMode } from "../live";
import { ReviewFixture } from "../review/fixture";
import { preview } from "../review/command";
import { k8sLocal, KUBECONFIG, NODE_IP } from "../harness/k8s-local";

const run = promisify(execFile);
const FIXTURES = path.join(PROJECT_DIR, "review", "fixtures");
// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 25181, kafkaExternal: 25092, sparkMasterUi: 25080, sparkWorkerUi: 25280 };
const EVENTS = { name: "events", partitions: 6, replicationFactor: 3, config: { "min.insync.replicas": "2" } };
const AUDIT = { name: "audit", partitions: 3, replicationFactor: 3, config: { "retention.ms": "604800000" } };
const BASE: Record<string, unknown> = { target: "docker", ports: PORTS, topics: [EVENTS, AUDIT] };
/** An image with another ID under a new tag, built locally from the set-up's Kafka image (nothing is pulled). */
const BUMPED_KAFKA = "streamstack/kafka:review-bump";

interface Change {
    name: string;
    description: string;
    config: Record<string, unknown>;
}

const CHANGES: Change[] = [
    { name: "kafka-heap", description: "kafka.heapMb 512 -> 640", config: { kafka: { heapMb: 640 } } },
    { name: "brokers-up", description: "kafka.brokers 3 -> 4", config: { kafka: { brokers: 4 } } },
    { name: "topic-partitions", description: "events: partitions 6 -> 12", config: { topics: [{ ...EVENTS, partitions: 12 }, AUDIT] } },
    { name: "topic-removed", description: "topic audit removed from streamstack:topics", config: { topics: [EVENTS] } },
    { name: "topic-rf-lowered", description: "events: replicationFactor 3 -> 2", config: { topics: [{ ...EVENTS, replicationFactor: 2 }, AUDIT] } },
    { name: "worker-cores", description: "spark.workerCores 2 -> 3", config: { spark: { workerCores: 3 } } },
    { name: "image-bump", description: `images.kafka -> ${BUMPED_KAFKA}`, config: { images: { kafka: BUMPED_KAFKA } } },
    { name: "zookeeper-shrink", description: "zookeeper.replicas 3 -> 1", config: { zookeeper: { replicas: 1 } } },
    { name: "exposed-ports", description: "ports.bindAddress 127.0.0.1 -> 0.0.0.0", config: { ports: { ...PORTS, bindAddress: "0.0.0.0" } } },
];

// The same kind of changes on the k8s stack (NodePorts apart from the stack file's and the e2e's).
const K8S_IMAGES = { zookeeper: "streamstack/zookeeper:local", kafka: "streamstack/kafka:local", spark: "streamstack/spark:local" };
const K8S_PORTS = { kafkaExternal: 31392, sparkMasterUi: 31380, sparkWorkerUi: 31480 };
const K8S_BASE: Record<string, unknown> = {
    target: "kubernetes",
    kubernetes: { kubeconfig: KUBECONFIG, context: "streamstack-local", namespace: "review-fixtures", externalHost: NODE_IP, cpuRequestPercent: 10 },
    images: K8S_IMAGES, ports: K8S_PORTS, topics: [EVENTS, AUDIT],
};
const K8S_CHANGES: Change[] = [
    { name: "kafka-heap", description: "kafka.heapMb 512 -> 640", config: { kafka: { heapMb: 640 } } },
    // With the topics' replication lowered to fit 2 brokers, so that only the preflight (the
    // live brokers' replicas) can refuse it.
    {
        name: "brokers-down", description: "kafka.brokers 3 -> 2 (replication 2)",
        config: {
            kafka: { brokers: 2, defaultReplicationFactor: 2, minInsyncReplicas: 1 },
            topics: [{ ...EVENTS, replicationFactor: 2, config: { "min.insync.replicas": "1" } }, { ...AUDIT, replicationFactor: 2 }],
        },
    },
    { name: "zookeeper-tick", description: "zookeeper.tickTimeMs 1000 -> 2000", config: { zookeeper: { tickTimeMs: 2000 } } },
    { name: "worker-cores", description: "spark.workerCores 2 -> 3", config: { spark: { workerCores: 3 } } },
];

/** Who leads each group while the preview runs: the review's restart order must end with them. */
async function leaders(): Promise<Record<string, string>> {
    const modes = await Promise.all([0, 1, 2].map((i) => fourLetterWord("127.0.0.1", PORTS.zookeeperClient + i, "srvr").then(zookeeperMode, () => "down")));
    const bootstrap = [0, 1, 2].map((i) => `127.0.0.1:${PORTS.kafkaExternal + i}`).join(",");
    const master = await aliveMaster([0, 1].map((i) => `http://127.0.0.1:${PORTS.sparkMasterUi + i}`));
    return {
        zookeeper: `zookeeper-${modes.indexOf("leader")}`,
        kafka: `kafka-${(await kafkaCluster(bootstrap)).controllerId}`,
        "spark-master": `spark-master-${master?.index ?? -1}`,
    };
}

/** Only what the review reads is kept: the steps' states and diffs, not source positions or stack traces. */
function trimmed(preview: PreviewJson): PreviewJson {
    return {
        config: preview.config,
        changeSummary: preview.changeSummary,
        diagnostics: preview.diagnostics,
        policyViolations: preview.policyViolations,
        steps: preview.steps.map((step) => ({
            op: step.op,
            urn: step.urn,
            oldState: step.oldState && { urn: step.oldState.urn, type: step.oldState.type, inputs: step.oldState.inputs, parent: step.oldState.parent, dependencies: step.oldState.dependencies },
            newState: step.newState && { urn: step.newState.urn, type: step.newState.type, inputs: step.newState.inputs, parent: step.newState.parent, dependencies: step.newState.dependencies },
            diffReasons: step.diffReasons,
            replaceReasons: step.replaceReasons,
            detailedDiff: step.detailedDiff,
        })),
    };
}

/** Brings a stack up with `base`, then records each change's preview into `dir`. */
async function capture(dir: string, base: Record<string, unknown>, changes: Change[], readLeaders: () => Promise<Record<string, string>>): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    const e2e = await createStack(`review-fixtures-${process.pid}`, base);
    try {
        await e2e.stack.up({ onOutput: progress(e2e.name) });
        // Leaders settle after a cold start (a standby master registers, elections finish).
        await new Promise((resolve) => setTimeout(resolve, 15_000));
        const baseConfig = await configValues(e2e.stack);
        for (const change of changes) {
            await setConfig(e2e.stack, { ...base, ...change.config });
            const head = await configValues(e2e.stack);
            const fixture: ReviewFixture = {
                name: change.name, description: change.description, leaders: await readLeaders(), baseConfig, headConfig: head, preview: trimmed(await preview(e2e.name, true)),
            };
            fs.writeFileSync(path.join(dir, `${change.name}.json`), JSON.stringify(fixture, null, 1) + "\n");
            process.stdout.write(`${change.name}: ${JSON.stringify(fixture.preview.changeSummary)}\n`);
            await setConfig(e2e.stack, base);
            for (const key of Object.keys(change.config)) if (!(key in base)) await e2e.stack.removeConfig(`streamstack:${key}`);
        }
    } finally {
        await removeStack(e2e);
    }
}

async function main(): Promise<void> {
    // Throwaway stacks use the empty passphrase (nothing secret in them), as in the e2e tests.
    process.env.PULUMI_CONFIG_PASSPHRASE ??= "";
    if (process.argv.includes("--target") && process.argv[process.argv.indexOf("--target") + 1] === "kubernetes") {
        await k8sLocal("start");
        await k8sLocal("load-images", ...Object.values(K8S_IMAGES));
        try {
            // A StatefulSet rolls by ordinal, not by leadership: no leaders to record.
            await capture(path.join(FIXTURES, "kubernetes"), K8S_BASE, K8S_CHANGES, () => Promise.resolve({}));
        } finally {
            await k8sLocal("stop");
        }
        return;
    }
    await run("bash", ["-c", `printf 'FROM streamstack/kafka:local\\nLABEL streamstack.review-bump=1\\n' | docker build -q -t ${BUMPED_KAFKA} -`]);
    await capture(FIXTURES, BASE, CHANGES, leaders);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
});

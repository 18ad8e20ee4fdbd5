/**
 * Promotion for real: the same program, with `target: kubernetes`, applied by the real engine
 * and kubernetes plugin to the local single-node cluster (scripts/k8s-local.sh), then checked
 * inside the cluster and from the host the way the Docker e2e checks the local stack. Kafka runs
 * on KRaft in combined mode (Kafka 4.4, every broker a voter); STREAMSTACK_E2E_K8S_METADATA=zookeeper
 * runs the same file with Kafka 3.9 keeping its metadata in ZooKeeper (docs/testing.md).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as YAML from "yaml";
import { configValues, createStack, E2eStack, outputValues, progress, pulumiCli, QUICK_START_JVMS, setConfig } from "../../../harness/e2e-stack";
import { Brokers, produceAndConsume } from "../../../harness/kafka-client";
import { kafkaControllerId } from "../../../live";
import { expectedWindowCounts, produceEvents, windowCounts } from "../../../harness/event-stream";
import { errorChain, NumberedProducer } from "../../../harness/numbered-producer";
import { establishedToPort, PROC_NET_TCP } from "../../../harness/peer-connections";
import { K8S_DIR, k8sLocal, kubectl, NODE_IP } from "../../../harness/k8s-local";
import { eventually, masterStatus, MasterStatus, mastersWithWorkers } from "../../../harness/platform-probe";
import { reviewMarkdown } from "../../../review/markdown";
import { platformChanges } from "../../../review/platform-changes";
import { restarts } from "../../../review/restarts";
import { effectiveSettings } from "../../../review/settings";
import { preview } from "../../../review/command";
import { withoutWatcherNotices } from "../../../harness/zookeeper-shell";
import { quorumRows } from "../../../operations/status-report";

const NS = "e2e-streamstack";
const METADATA = metadataMode(process.env.STREAMSTACK_E2E_K8S_METADATA);
const KRAFT = METADATA === "kraft";
const KAFKA = KRAFT ? { metadata: "kraft", version: "4.4.0", controllers: 0 } : { metadata: "zookeeper" };
const IMAGES = { zookeeper: "streamstack/zookeeper:local", kafka: KRAFT ? "streamstack/kafka:4.4.0" : "streamstack/kafka:local", spark: "streamstack/spark:local" };
// NodePorts (30000-32767) on the node address; kept apart from the k8s stack file's 30xxx.
const PORTS = { kafkaExternal: 32092, sparkMasterUi: 32080, sparkWorkerUi: 32180 };
// spark.cores.max (2) below the workers' 4 cores, so a broken cap would show.
const SPARK = { masters: 2, workers: 2, workerCores: 2, workerMemory: "2g", coresMax: 2, defaultCores: 1, executorMemory: "512m" };
const TOPICS = [
    { name: "events", partitions: 6, replicationFactor: 3, config: { "retention.ms": "604800000" } },
    { name: "event-counts", partitions: 2, replicationFactor: 3, config: { "cleanup.policy": "compact" } },
];
// One executor core and the driver's: SparkPi keeps the other two.
/** A user of the stack's own allowed to round-trip on e2e-roundtrip (and its consumer groups), one allowed nothing there. */
const USERS = [
    { name: "e2e-reader", acls: { "topic:e2e-roundtrip": ["read", "write", "describe"], "group:streamstack-e2e-*": ["read"] } },
    { name: "e2e-outsider", acls: { "topic:events": ["describe"] } },
];
const JOBS = [{ name: "k8s-counts", args: { "input-topic": "events", "output-topic": "event-counts", window: "10 seconds", slide: "5 seconds", trigger: "2 seconds" }, cores: 1, executorMemory: "512m" }];
const SPARK_PODS = ["spark-master-0", "spark-master-1", "spark-worker-0", "spark-worker-1"];
const SPARK_PI = ["bash", "/etc/streamstack/spark-submit.sh", "--driver-memory", "512m", "--class", "streamstack.examples.SparkPi", "/opt/spark/examples/jars/streamstack-examples.jar", "4"];

function metadataMode(value: string | undefined): "kraft" | "zookeeper" {
    if (value === undefined || value === "" || value === "kraft") return "kraft";
    if (value === "zookeeper") return "zookeeper";
    throw new Error(`STREAMSTACK_E2E_K8S_METADATA is "${value}": set "kraft" (the default) or "zookeeper"`);
}

/** The broker pods by name: uid (a restart makes a new pod) and whether the pod is Ready. */
async function brokerPods(): Promise<Map<string, { uid: string; ready: boolean }>> {
    const pods = JSON.parse(await kubectl("-n", NS, "get", "pods", "-l", "app.kubernetes.io/name=kafka", "-o", "json")) as {
        items: { metadata: { name: string; uid: string; deletionTimestamp?: string }; status: { conditions?: { type: string; status: string }[] } }[];
    };
    return new Map(pods.items.map((p) => [p.metadata.name, {
        uid: p.metadata.uid,
        ready: !p.metadata.deletionTimestamp && p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true,
    }]));
}

/**
 * A Kafka tool run inside a broker, as its admin: nothing inside the platform is let in without a
 * login on Kubernetes by default (kafka.internalAuthentication), and each broker holds the admin's.
 */
const ADMIN_TOOL = ["--bootstrap-server", "localhost:9093", "--command-config", "/etc/streamstack-secrets/kafka-admin-client.properties"];
const ADMIN_CLIENT_CONFIG = "/etc/streamstack-secrets/kafka-admin-client.properties";

async function podExec(pod: string, command: string[]): Promise<string> {
    return kubectl("-n", NS, "exec", pod, "--", ...command);
}

describe("k8s stack on a real cluster, end to end", { timeout: 60 * 60_000 }, () => {
    let e2e: E2eStack;
    let outputs: Record<string, unknown>;
    /** The external listener (NodePorts), the CA it is verified against and the admin's login (TLS and SCRAM by default on Kubernetes). */
    const brokers = (): Brokers => ({
        bootstrap: outputs.kafkaBootstrapServers as string,
        caCertificate: outputs.kafkaCaCertificate as string,
        login: { mechanism: "SCRAM-SHA-512", username: outputs.kafkaAdminUsername as string, password: outputs.kafkaAdminPassword as string },
    });

    before(async () => {
        await k8sLocal("start");
        await k8sLocal("load-images", ...Object.values(IMAGES));
        e2e = await createStack(`e2e-k8s-platform-${process.pid}`, {
            target: "kubernetes",
            kubernetes: {
                kubeconfig: path.join(K8S_DIR, "kubeconfig", "admin.conf"), context: "streamstack-local", namespace: NS,
                externalHost: NODE_IP, clientNamespaces: ["e2e-clients"], cpuRequestPercent: 10,
            },
            images: IMAGES,
            kafka: KAFKA,
            ports: PORTS,
            spark: SPARK,
            topics: TOPICS,
            users: USERS,
            jobs: JOBS,
            ...QUICK_START_JVMS,
        });
        const started = Date.now();
        const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
        process.stderr.write(`[${e2e.name}] k8s pulumi up (Kafka metadata in ${METADATA}): ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
        outputs = outputValues(result.outputs);
    });

    after(async () => {
        if (e2e) {
            // destroy is asserted by the last test; this only cleans up after a failure.
            await e2e.stack.destroy({ onOutput: progress(e2e.name) }).catch(() => undefined);
            await pulumiCli(["stack", "rm", e2e.name, "--force", "--yes"]).catch(() => undefined);
        }
        await k8sLocal("stop");
    });

    it("applies every StatefulSet ready, in a namespace that enforces the restricted Pod Security level", async () => {
        const sets = JSON.parse(await kubectl("-n", NS, "get", "statefulsets", "-o", "json")) as { items: { metadata: { name: string }; spec: { replicas: number }; status: { readyReplicas?: number } }[] };
        assert.deepEqual(sets.items.map((s) => [s.metadata.name, s.status.readyReplicas ?? 0]).sort(),
            [["kafka", 3], ["spark-master", 2], ["spark-worker", 2], ["zookeeper", 3]]);
        const ns = JSON.parse(await kubectl("get", "namespace", NS, "-o", "json")) as { metadata: { labels: Record<string, string> } };
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.equal(outputs.kafkaBootstrapServers, `${NODE_IP}:32092,${NODE_IP}:32093,${NODE_IP}:32094`);
    });

    it("runs a ZooKeeper ensemble with exactly one leader and two followers", async () => {
        const modes = await Promise.all([0, 1, 2].map(async (i) =>
            /Mode: (\w+)/.exec(await podExec(`zookeeper-${i}`, ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/2181; echo srvr >&3; cat <&3"]))?.[1]));
        assert.deepEqual(modes.sort(), ["follower", "follower", "leader"]);
    });

    // One of the two, by the run's metadata mode: the other mode's check has nothing to look at.
    if (KRAFT) it("forms the KRaft quorum of the 3 brokers (combined mode): one leader, every voter caught up, talking over CONTROLLER (9095); no broker a ZooKeeper client", async () => {
        const connection = { caCertificate: outputs.kafkaCaCertificate as string, login: brokers().login };
        const rows = await eventually("every voter caught up", async () => {
            const voters = await quorumRows(outputs.kafkaBootstrapServers as string, connection);
            return voters.length === 3 && voters.every((row) => row.healthy) ? voters : undefined;
        }, 60_000, 1000);
        assert.deepEqual(rows.map((row) => row.member), ["kafka-0", "kafka-1", "kafka-2"]);
        assert.deepEqual(rows.map((row) => row.state).sort(), ["follower", "follower", "leader"]);
        const tables = await Promise.all(["kafka-0", "kafka-1", "kafka-2"].map((pod) => podExec(pod, PROC_NET_TCP)));
        const followers = rows.flatMap((row, ordinal) => row.state === "follower" ? [ordinal] : []);
        for (const ordinal of followers) assert.ok(establishedToPort(tables[ordinal]!, 9095) >= 1, `kafka-${ordinal} fetches from the leader on CONTROLLER`);
        assert.deepEqual(tables.map((table) => establishedToPort(table, 2181)), [0, 0, 0], "no broker connected to ZooKeeper");
    });

    if (!KRAFT) it("registers 3 brokers under the chroot's /brokers/ids, logged in as kafka; an anonymous session is closed", async () => {
        const zookeeper = `zookeeper-0.zookeeper-headless.${NS}.svc.cluster.local:2181`;
        const shell = async (...command: string[]) => withoutWatcherNotices(await podExec("kafka-0", ["zookeeper-shell.sh", zookeeper, ...command]));
        assert.match(await shell("ls", "/kafka/brokers/ids"), /^\[0, 1, 2\]$/m);
        assert.match(await shell("getAcl", "/kafka/brokers/ids"), /'sasl,'kafka\n: cdrwa\n'world,'anyone\n: r/);
        // The same shell without the broker's login (KAFKA_OPTS emptied): the server closes it.
        const anonymous = await podExec("kafka-0", ["bash", "-c", `KAFKA_OPTS= timeout 40 zookeeper-shell.sh ${zookeeper} create /streamstack-e2e-anonymous x 2>&1 || true`]);
        assert.match(anonymous, /failed to authenticate/, anonymous);
        assert.doesNotMatch(await shell("ls", "/"), /streamstack-e2e-anonymous/);
    });

    it("replicates between brokers over REPLICATION (mutual TLS, 9091): no broker reaches another on INTERNAL (9092)", async () => {
        const connections = async (port: number) => {
            const tables = await Promise.all(["kafka-0", "kafka-1", "kafka-2"].map((pod) => podExec(pod, PROC_NET_TCP)));
            return tables.map((table) => establishedToPort(table, port));
        };
        const [replication, internal] = [await connections(9091), await connections(9092)];
        assert.ok(replication.every((count) => count > 0), `every broker connected to its peers on 9091: ${replication.join(", ")}`);
        assert.deepEqual(internal, [0, 0, 0], "no broker connected to another on 9092");
    });

    it("creates the topics from config with their partitions, replication and config", async () => {
        const out = await podExec("kafka-0", ["kafka-topics.sh", ...ADMIN_TOOL, "--describe", "--topic", "events"]);
        assert.match(out, /PartitionCount: 6\s+ReplicationFactor: 3/);
        assert.match(out, /retention\.ms=604800000/);
    });

    it("round-trips acks=all messages from the host (per-broker NodePorts, TLS verified against the CA output, logged in as the admin output, and as users with and without an ACL) and from a pod (in-cluster listener)", async () => {
        await podExec("kafka-0", ["kafka-topics.sh", ...ADMIN_TOOL, "--create", "--topic", "e2e-roundtrip",
            "--partitions", "3", "--replication-factor", "3", "--config", "min.insync.replicas=2"]);
        // TLS by default on Kubernetes: a plaintext client gets no answer on any NodePort.
        for (const port of [32092, 32093, 32094]) {
            await assert.rejects(kafkaControllerId(NODE_IP, port, { timeoutMs: 3000 }), `a plaintext client was answered on ${port}`);
        }
        const { caCertificate, login } = brokers();
        assert.equal(login?.username, "streamstack-admin");
        // A login by default on Kubernetes: over verified TLS, no login gets no answer, a wrong password is refused.
        await assert.rejects(kafkaControllerId(NODE_IP, 32093, { caCertificate, timeoutMs: 3000 }), /closed the connection without a Metadata answer/);
        await assert.rejects(kafkaControllerId(NODE_IP, 32093, { caCertificate, login: { ...login!, password: "wrong" }, timeoutMs: 5000 }), "a wrong password was let in");
        assert.equal(typeof await kafkaControllerId(NODE_IP, 32093, { caCertificate, login }), "number");
        const fromHost = await produceAndConsume(brokers(), "e2e-roundtrip", 30);
        assert.deepEqual([...fromHost].sort(), Array.from({ length: 30 }, (_, i) => `message-${i}`).sort());
        // A user of streamstack:users does what its ACLs allow through the NodePorts, and nothing else.
        const users = outputs.kafkaUsers as Record<string, { username: string; password: string }>;
        const as = (name: string): Brokers => ({ ...brokers(), login: { mechanism: "SCRAM-SHA-512", username: users[name]!.username, password: users[name]!.password } });
        assert.ok((await produceAndConsume(as("e2e-reader"), "e2e-roundtrip", 10)).length >= 10, "the user with the ACL round-trips acks=all messages");
        const refused = await produceAndConsume(as("e2e-outsider"), "e2e-roundtrip", 1, 10_000).then(() => "allowed", errorChain);
        assert.match(refused, /authoriz/i, "a user without an ACL on the topic gets an authorization error");
        const internal = outputs.kafkaInternalBootstrapServers as string;
        await podExec("kafka-1", ["bash", "-c", `seq 1 20 | sed 's/^/pod-message-/' | kafka-console-producer.sh --bootstrap-server ${internal} --producer.config ${ADMIN_CLIENT_CONFIG} --producer-property acks=all --topic e2e-roundtrip`]);
        assert.match(internal, /^kafka-0\.[a-z0-9-]+\.svc\.cluster\.local:9093,/, "CLIENTS, with a login");
        const consumed = await podExec("kafka-2", ["kafka-console-consumer.sh", "--bootstrap-server", internal, "--consumer.config", ADMIN_CLIENT_CONFIG, "--topic", "e2e-roundtrip",
            "--from-beginning", "--max-messages", "60", "--timeout-ms", "60000"]);
        const lines = consumed.split("\n").filter(Boolean);
        assert.equal(lines.filter((l) => l.startsWith("pod-message-")).length, 20);
        assert.equal(lines.filter((l) => l.startsWith("message-")).length, 40, "the admin's 30 and the user's 10");
    });

    it("has one ALIVE and one STANDBY master, with both workers registered at the configured size", async () => {
        const statuses = await mastersWithWorkers(outputs.sparkMasterUiUrls as string[], 2);
        assert.deepEqual(statuses.map((s) => s.status).sort(), ["ALIVE", "STANDBY"]);
        for (const worker of statuses.find((s) => s.status === "ALIVE")!.workers.filter((w) => w.state === "ALIVE")) {
            assert.equal(worker.cores, SPARK.workerCores);
            assert.equal(worker.memory, 2048);
        }
    });

    it("runs the streaming job, submitted and authenticated by a spark-submit Job in the namespace, which leaves nothing behind", async () => {
        const job = (outputs.streamingJobs as Record<string, { driverId: string; driverState: string }>)["k8s-counts"];
        assert.equal(job?.driverState, "RUNNING");
        const alive = await eventually("an ALIVE master", async () => (await Promise.all((outputs.sparkMasterUiUrls as string[]).map((url) => masterStatus(url).catch(() => undefined)))).find((s) => s?.status === "ALIVE"));
        assert.ok(alive.activeapps.some((app) => app.name === "k8s-counts"), "the job's application is registered");
        const bootstrap = brokers();
        const now = Date.now();
        const events = Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 3}`, timestampMs: now + i }));
        await produceEvents(bootstrap, "events", events);
        const expected = expectedWindowCounts(events, 10_000, 5_000);
        await eventually("the job's windowed counts in its output topic", async () => {
            const counts = await windowCounts(bootstrap, "event-counts");
            return [...expected].every(([key, count]) => counts.get(key) === count) ? true : undefined;
        }, 180_000, 2_000);
        // The Job and the Secret holding its properties are deleted once the submission is done.
        const leftovers = JSON.parse(await kubectl("-n", NS, "get", "jobs,secrets", "-l", "app.kubernetes.io/name=spark-submit", "-o", "json")) as { items: unknown[] };
        assert.deepEqual(leftovers.items, []);
        // The cluster's secret is mounted from a Secret, in no pod's spec.
        const secret = (await podExec("spark-worker-0", ["cat", "/etc/streamstack-secrets/spark-auth"])).trim();
        assert.ok(secret.length >= 40);
        assert.ok(!(await kubectl("-n", NS, "get", "pods,statefulsets,configmaps", "-o", "json")).includes(secret), "the secret is in a pod spec or ConfigMap");
    });

    it("lets no one in without the secret here too: nothing on 6066 in either master, spark-submit without the secret or with a wrong one refused, no Kafka or Spark secret in the state file", async () => {
        for (const master of ["spark-master-0", "spark-master-1"]) {
            const probe = await podExec(master, ["bash", "-c", "(exec 3<>/dev/tcp/127.0.0.1/6066) 2>&1 || true"]);
            assert.match(probe, /Connection refused/, `${master} listens on 6066`);
        }
        const alive = async () => eventually("an ALIVE master", async () => (await Promise.all((outputs.sparkMasterUiUrls as string[]).map((url) => masterStatus(url).catch(() => undefined)))).find((s) => s?.status === "ALIVE"));
        const driversBefore = (await alive()).activedrivers.length;
        // Without the secret (a client that does not authenticate) and with a wrong one; both at once.
        const submitWith = (conf: string) => podExec("spark-worker-0", ["bash", "-c", `timeout 120 /opt/spark/bin/spark-submit --master ${outputs.sparkMasterUrl as string} ` +
            `--deploy-mode cluster ${conf} --class streamstack.examples.SparkPi /opt/spark/examples/jars/streamstack-examples.jar 2 2>&1; echo "exit $?"`]);
        const outcomes = await Promise.all([
            submitWith("--conf spark.authenticate=false --conf spark.network.crypto.enabled=false"),
            submitWith("--conf spark.authenticate=true --conf spark.authenticate.secret=wrong --conf spark.network.crypto.enabled=true"),
        ]);
        for (const outcome of outcomes) {
            // It ran and dialled the masters (their names are in its log, or, with a wrong secret, the
            // auth handshake a master failed: the error that ends it may then name no host), and
            // none took the driver.
            assert.match(outcome, /spark-master-[01]|AuthClientBootstrap: New auth protocol failed/, `spark-submit did not reach the masters: ${outcome.slice(-600)}`);
            assert.doesNotMatch(outcome, /Driver successfully submitted/, `a client without the secret was let in: ${outcome.slice(-600)}`);
            assert.match(outcome, /exit [1-9][0-9]*\s*$/, outcome.slice(-300));
        }
        assert.equal((await alive()).activedrivers.length, driversBefore, "no driver was launched");
        const secret = (await podExec("spark-worker-0", ["cat", "/etc/streamstack-secrets/spark-auth"])).trim();
        const state = (await pulumiCli(["stack", "export", "--stack", e2e.name])).stdout;
        const adminPassword = outputs.kafkaAdminPassword as string;
        assert.ok(state.includes("streamstack:security:GeneratedSecret") && adminPassword.length >= 40, "the stack holds generated secrets");
        for (const [what, value] of [["the Spark secret", secret], ["the Kafka admin password", adminPassword]] as const) {
            assert.ok(!state.includes(value), `${what} is in the state file in the clear`);
        }
        assert.ok(!state.includes("PRIVATE KEY"), "a private key is in the state file in the clear");
    });

    it("runs SparkPi through the multi-master URL, granted no more than spark.cores.max", async () => {
        const out = await podExec("spark-worker-0", SPARK_PI);
        const pi = Number(/Pi is roughly ([0-9.]+)/.exec(out)?.[1]);
        assert.ok(Math.abs(pi - Math.PI) < 0.05, `SparkPi printed ${pi}`);
        const cores = Number(/Granted executor cores: (\d+)/.exec(out)?.[1]);
        assert.ok(cores >= 1 && cores <= SPARK.coresMax, `granted ${cores} cores, spark.cores.max is ${SPARK.coresMax}`);
    });

    it("mounts one ReadWriteMany checkpoint volume, shared by every Spark pod", async () => {
        const claims = JSON.parse(await kubectl("-n", NS, "get", "pvc", "-o", "json")) as { items: { metadata: { name: string }; status: { phase: string; accessModes: string[] } }[] };
        const checkpoint = claims.items.filter((c) => c.status.accessModes.includes("ReadWriteMany"));
        assert.equal(checkpoint.length, 1);
        assert.equal(checkpoint[0].status.phase, "Bound");
        for (const pod of SPARK_PODS) await podExec(pod, ["bash", "-c", `echo ${pod} > /checkpoints/written-by-${pod}`]);
        for (const pod of SPARK_PODS) {
            const listing = await podExec(pod, ["ls", "/checkpoints"]);
            for (const writer of SPARK_PODS) assert.match(listing, new RegExp(`written-by-${writer}`), `${pod} does not see ${writer}'s file`);
        }
    });

    it("reports no changes on a second pulumi up", async () => {
        const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
        const changes = Object.entries(result.summary.resourceChanges ?? {}).filter(([op]) => op !== "same");
        assert.deepEqual(changes, []);
    });

    it("rolls a broker config change one pod at a time, each back in sync before the next, losing no acknowledged message", async () => {
        await podExec("kafka-0", ["kafka-topics.sh", ...ADMIN_TOOL, "--create", "--topic", "rolling",
            "--partitions", "6", "--replication-factor", "3", "--config", "min.insync.replicas=2"]);
        // The PR review of this change, from the real engine's preview of the k8s stack (the
        // review runs the CLI, which needs the throwaway stack's empty passphrase).
        process.env.PULUMI_CONFIG_PASSPHRASE ??= "";
        const baseConfig = await configValues(e2e.stack);
        // The heap (an env var of the pod template) and server.properties (the group's
        // ConfigMap, replaced under a new generated name) change together.
        await setConfig(e2e.stack, { kafka: { ...KAFKA, heapMb: 576, numPartitions: 4 } });
        const headConfig = await configValues(e2e.stack);
        const reviewed = await preview(e2e.name, false);
        const markdown = reviewMarkdown({ stack: e2e.name, preview: reviewed, baseConfig, headConfig, baseLabel: "the base config" });
        const [kafkaRestart, ...otherRestarts] = restarts(effectiveSettings(headConfig), platformChanges(reviewed));
        assert.deepEqual([kafkaRestart?.group, kafkaRestart?.order, kafkaRestart?.safe, otherRestarts.length], ["kafka", ["kafka-2", "kafka-1", "kafka-0"], true, 0], markdown);
        assert.match(markdown, /^<!-- streamstack-review stack=e2e-k8s-platform-\d+ -->\n/);
        assert.match(markdown, /env KAFKA_HEAP_OPTS `-Xms512m -Xmx512m` → `-Xms576m -Xmx576m`/, markdown);
        assert.match(markdown, /<summary>server\.properties \(Kafka brokers\)<\/summary>[\s\S]*-num\.partitions=3\n\+num\.partitions=4/, markdown);
        // The StatefulSet is updated (a rolling update), never replaced (which would delete its claims).
        assert.match(markdown, /\*\*0 dangers\*\*/, markdown);
        assert.deepEqual(platformChanges(reviewed).filter((c) => c.kind === "workload").map((c) => `${c.op} ${c.name}`), ["update kafka"]);

        const before = await brokerPods();
        const samples: { at: number; notReady: string[]; uids: Map<string, string> }[] = [];
        const readyIn = (sample: (typeof samples)[number]) => sample.uids.size - sample.notReady.length;
        let sampling = true;
        const sampler = (async () => {
            while (sampling) {
                const pods = await brokerPods().catch(() => undefined);
                if (pods) samples.push({ at: Date.now(), notReady: [...pods].filter(([, p]) => !p.ready).map(([n]) => n), uids: new Map([...pods].map(([n, p]) => [n, p.uid])) });
                await new Promise((r) => setTimeout(r, 500));
            }
        })();
        const producer = new NumberedProducer(brokers(), "rolling");
        producer.start();
        const started = Date.now();
        try {
            await new Promise((r) => setTimeout(r, 3000));
            const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
            process.stderr.write(`[${e2e.name}] broker change rolled in ${((Date.now() - started - 3000) / 1000).toFixed(1)} s: ` +
                `${Object.entries(result.summary.resourceChanges ?? {}).map(([op, n]) => `${op} ${n}`).join(", ")}\n`);
            await new Promise((r) => setTimeout(r, 3000));
        } finally {
            await producer.stop();
            sampling = false;
            await sampler;
        }
        const after = await brokerPods();
        for (const [name, pod] of before) assert.notEqual(after.get(name)?.uid, pod.uid, `${name} was restarted`);
        // The PodDisruptionBudget's minAvailable (2 of 3): never more than one broker not ready.
        const fewest = Math.min(...samples.map(readyIn));
        if (fewest < 2) {
            // Which brokers, when, and what their readiness probe said: the kubelet's events keep its output.
            const when = samples.filter((s) => readyIn(s) < 2).map((s) => `+${((s.at - started) / 1000).toFixed(1)} s not ready: ${s.notReady.join(", ")}`);
            const probes = await kubectl("-n", NS, "get", "events", "--field-selector", "reason=Unhealthy", "-o",
                "custom-columns=LAST:.lastTimestamp,POD:.involvedObject.name,COUNT:.count,MESSAGE:.message").catch((error: unknown) => String(error));
            assert.fail(`only ${fewest} brokers ready at one point (the roll started at ${new Date(started).toISOString()}):\n${when.join("\n")}\nreadiness probe failures:\n${probes}`);
        }
        const restartedAt = (name: string) => samples.find((s) => s.uids.get(name) !== before.get(name)!.uid)?.at ?? Infinity;
        const order = [...before.keys()].sort((a, b) => restartedAt(a) - restartedAt(b));
        const audit = await producer.audit();
        process.stderr.write(`[${e2e.name}] rolled ${order.join(" -> ")}; fewest brokers ready: ${fewest}; producer: ${producer.acked.size} acknowledged, ` +
            `${audit.lost.length} lost, ${audit.duplicates} duplicates, ${producer.errors} failed sends, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s\n`);
        assert.deepEqual(order, ["kafka-2", "kafka-1", "kafka-0"], "one at a time, in the StatefulSet's order");
        assert.ok(producer.acked.size > 1000, `the producer kept writing (${producer.acked.size} acknowledged)`);
        assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");
    });

    it("fails over to the standby master through ZooKeeper when the ALIVE master's pod is deleted", async () => {
        const urls = outputs.sparkMasterUiUrls as string[];
        const statuses: MasterStatus[] = await Promise.all(urls.map((url) => masterStatus(url)));
        const leader = statuses.findIndex((s) => s.status === "ALIVE");
        const started = Date.now();
        await kubectl("-n", NS, "delete", "pod", `spark-master-${leader}`, "--wait=false");
        const promoted = await eventually("standby master taking over", async () => {
            const status = await masterStatus(urls[1 - leader], { timeoutMs: 2000 });
            return status.status === "ALIVE" && status.workers.filter((w) => w.state === "ALIVE").length === 2 ? status : undefined;
        }, 180_000, 500);
        process.stderr.write(`[${e2e.name}] failover after deleting the ALIVE master pod: ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
        assert.equal(promoted.status, "ALIVE");
        const out = await podExec("spark-worker-1", SPARK_PI);
        assert.match(out, /Pi is roughly 3\.1/);
    });

    it("refuses at preview a data volume size the StatefulSet cannot change, naming the key and the fix", async () => {
        await setConfig(e2e.stack, { kafka: { ...KAFKA, storageSize: "20Gi" } });
        try {
            await assert.rejects(e2e.stack.preview(), (error: Error) => {
                assert.match(error.message, /streamstack:kafka\.storageSize/);
                assert.match(error.message, /claims were made with 10Gi/);
                assert.match(error.message, /Set it back to "10Gi"/);
                return true;
            });
        } finally {
            await setConfig(e2e.stack, { kafka: KAFKA });
        }
    });

    it("refuses the same at preview when the kubeconfig's credentials come from a command (exec, as on EKS, GKE and AKS)", async () => {
        // A kubeconfig whose user is an exec plugin: a small script that prints an ExecCredential
        // (here the local cluster's admin certificate; a cloud's plugin prints a token the same way).
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-exec-kubeconfig-"));
        const plugin = path.join(dir, "print-credential.js");
        fs.writeFileSync(plugin, `#!/usr/bin/env node
const fs = require("node:fs");
const pki = ${JSON.stringify(path.join(K8S_DIR, "pki"))};
process.stdout.write(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: {
    clientCertificateData: fs.readFileSync(pki + "/admin.crt", "utf8"), clientKeyData: fs.readFileSync(pki + "/admin.key", "utf8") } }));
`, { mode: 0o755 });
        const admin = YAML.parse(fs.readFileSync(path.join(K8S_DIR, "kubeconfig", "admin.conf"), "utf8")) as { clusters: unknown[] };
        const kubeconfig = path.join(dir, "exec.conf");
        fs.writeFileSync(kubeconfig, YAML.stringify({
            apiVersion: "v1", kind: "Config", "current-context": "exec", clusters: admin.clusters,
            contexts: [{ name: "exec", context: { cluster: "streamstack-local", user: "exec" } }],
            users: [{ name: "exec", user: { exec: { apiVersion: "client.authentication.k8s.io/v1", command: plugin, interactiveMode: "Never" } } }],
        }));
        const kubernetes = JSON.parse((await configValues(e2e.stack))["streamstack:kubernetes"]!) as Record<string, unknown>;
        await setConfig(e2e.stack, { kubernetes: { ...kubernetes, kubeconfig, context: "exec" }, kafka: { ...KAFKA, storageSize: "20Gi" } });
        try {
            await assert.rejects(e2e.stack.preview(), (error: Error) => {
                assert.match(error.message, /streamstack:kafka\.storageSize/);
                assert.match(error.message, /claims were made with 10Gi/);
                assert.doesNotMatch(error.message, /was not checked/);
                return true;
            });
        } finally {
            await setConfig(e2e.stack, { kubernetes });
            await setConfig(e2e.stack, { kafka: KAFKA });
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    if (KRAFT) it("refuses at preview a change of the quorum's voters (combined mode: the brokers), read from the live StatefulSet", async () => {
        await setConfig(e2e.stack, { kafka: { ...KAFKA, brokers: 5 } });
        try {
            await assert.rejects(e2e.stack.preview(), (error: Error) => {
                assert.match(error.message, /streamstack:kafka\.brokers/);
                assert.match(error.message, /in combined mode the brokers are the quorum's voters, 3 of them/);
                return true;
            });
        } finally {
            await setConfig(e2e.stack, { kafka: KAFKA });
        }
    });

    // In combined mode every broker is a voter: removing one is the quorum change above.
    if (!KRAFT) it("refuses at preview removing a broker that holds replicas, read from the live brokers through their NodePorts", async () => {
        // Replication lowered to fit 2 brokers, so the config rules pass and only the live
        // brokers' replicas can refuse it.
        await setConfig(e2e.stack, {
            kafka: { brokers: 2, defaultReplicationFactor: 2, minInsyncReplicas: 1 },
            topics: TOPICS.map((topic) => ({ ...topic, replicationFactor: 2 })),
        });
        try {
            await assert.rejects(e2e.stack.preview(), (error: Error) => {
                assert.match(error.message, /streamstack:kafka\.brokers/);
                assert.match(error.message, /would remove broker 2, which still holds partition replicas \([^)]*events: 6/);
                assert.match(error.message, new RegExp(`kubectl -n ${NS} exec -it kafka-0 -- bash`));
                return true;
            });
        } finally {
            await setConfig(e2e.stack, { kafka: KAFKA });
            await setConfig(e2e.stack, { topics: TOPICS });
        }
    });

    it("destroys everything: the namespace is gone and no PersistentVolume of the stack is left", async () => {
        await e2e.stack.destroy({ onOutput: progress(e2e.name) });
        assert.equal((await kubectl("get", "namespace", NS, "--ignore-not-found", "-o", "name")).trim(), "");
        const leftover = await eventually("the stack's PersistentVolumes to be deleted", async () => {
            const volumes = JSON.parse(await kubectl("get", "pv", "-o", "json")) as { items: { metadata: { name: string }; spec: { claimRef?: { namespace: string } } }[] };
            const ours = volumes.items.filter((v) => v.spec.claimRef?.namespace === NS).map((v) => v.metadata.name);
            return ours.length === 0 ? ours : undefined;
        }, 180_000, 2000);
        assert.deepEqual(leftover, []);
    });
});

/**
 * A change that touches every member of every group (ZooKeeper and Kafka heap, Spark
 * defaults), applied with one `pulumi up` on a real local stack while an acks=all, idempotent
 * producer writes numbered messages: members roll one at a time, the leader of each group
 * last, and nothing acknowledged is lost. Reports what it measured on stderr ([rolling] lines).
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { kafkaCluster } from "../../live";
import { platformChanges } from "../../review/platform-changes";
import { PreviewJson } from "../../review/preview-json";
import { restartOrder } from "../../review/restarts";
import { PlatformEndpoints } from "../../operations/status-report";
import { createStack, E2eStack, outputValues, progress, PROJECT_DIR, pulumiCli, QUICK_START_JVMS, removeStack, setConfig } from "../../harness/e2e-stack";
import { NumberedProducer } from "../../harness/numbered-producer";
import { establishedToPort, PROC_NET_TCP } from "../../harness/peer-connections";
import { aliveMaster, docker, dockerExec, eventually, everyMemberHealthy, fourLetterWord, zookeeperMode } from "../../harness/platform-probe";

// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 27181, kafkaExternal: 27092, sparkMasterUi: 27080, sparkWorkerUi: 27280 };
const BOOTSTRAP = "127.0.0.1:27092,127.0.0.1:27093,127.0.0.1:27094";
const MASTER_UIS = ["http://127.0.0.1:27080", "http://127.0.0.1:27081"];
const TOPIC = { name: "rolling", partitions: 6, replicationFactor: 3, config: { "min.insync.replicas": "2" } };
const GROUPS = ["zookeeper", "kafka", "spark-master", "spark-worker"] as const;
const SAMPLE_MS = 300;

const report = (line: string) => process.stderr.write(`[rolling] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One look at every container of the stack: member -> its container's id and whether it runs healthy. */
type Sample = { at: number; members: Map<string, { id: string; healthy: boolean }> };

async function sample(prefix: string): Promise<Sample> {
    const out = await docker(["ps", "-a", "--filter", `label=streamstack.stack=${prefix}`, "--format", "{{.Names}}|{{.ID}}|{{.Status}}"]);
    const members = new Map<string, { id: string; healthy: boolean }>();
    for (const line of out.split("\n").filter(Boolean)) {
        const [name, id, status] = line.split("|") as [string, string, string];
        members.set(name.slice(prefix.length + 1), { id, healthy: status.startsWith("Up") && status.includes("(healthy)") });
    }
    return { at: Date.now(), members };
}

const groupOf = (member: string) => member.replace(/-\d+$/, "");

describe("rolling change of every group under an acks=all producer", { timeout: 30 * 60_000 }, () => {
    let e2e: E2eStack;
    let endpoints: PlatformEndpoints;
    const members = (group: string, count: number) => Array.from({ length: count }, (_, i) => `${group}-${i}`);
    const everyMember = [...members("zookeeper", 3), ...members("kafka", 3), ...members("spark-master", 2), ...members("spark-worker", 2)];

    before(async () => {
        // Made the way a platform before the REPLICATION listener was, to move it across first.
        e2e = await createStack(`e2e-rolling-${process.pid}`, { target: "docker", ports: PORTS, topics: [TOPIC], kafka: { replication: "internal" }, ...QUICK_START_JVMS });
        endpoints = outputValues((await e2e.stack.up({ onOutput: progress(e2e.name) })).outputs) as unknown as PlatformEndpoints;
        await everyMemberHealthy(endpoints);
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("moves the brokers' replication onto mutual TLS in three ups under an acks=all producer (a skipped step refused at preview, 0 lost); then brokers reach each other on REPLICATION only, which refuses a client without a certificate", async () => {
        const brokers = members("kafka", 3);
        /** The brokers' connections to a port of another member (PROC_NET_TCP). */
        const peerConnections = async (port: number) => {
            const tables = await Promise.all(brokers.map((broker) => dockerExec(`${e2e.prefix}-${broker}`, PROC_NET_TCP)));
            return tables.reduce((sum, table) => sum + establishedToPort(table, port), 0);
        };
        assert.ok(await peerConnections(9092) > 0, "made as before: the brokers replicate over INTERNAL (9092)");

        await setConfig(e2e.stack, { topics: [TOPIC], kafka: {} });
        const refused = await e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
        assert.match(refused, /streamstack:kafka\.replication = "tls": the running brokers are replicating over INTERNAL without the REPLICATION listener.*set "migrating-1" for this up/s);

        const producer = new NumberedProducer(BOOTSTRAP, TOPIC.name);
        producer.start();
        const took: string[] = [];
        try {
            for (const replication of ["migrating-1", "migrating-2", "tls"]) {
                const startedAt = Date.now();
                await setConfig(e2e.stack, { topics: [TOPIC], kafka: replication === "tls" ? {} : { replication } });
                await e2e.stack.up({ onOutput: progress(e2e.name) });
                took.push(`${replication} ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
            }
            await sleep(2_000);
        } finally {
            await producer.stop();
        }
        const audit = await producer.audit();
        report(`replication onto mutual TLS: ${took.join(", ")}; producer: ${producer.acked.size} acknowledged, ${audit.lost.length} lost, ` +
            `${producer.errors} failed sends, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s`);
        assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");

        const replicating = await eventually("the brokers replicating over REPLICATION (9091) only", async () => {
            const [internal, replication] = [await peerConnections(9092), await peerConnections(9091)];
            return internal === 0 && replication > 0 ? replication : undefined;
        }, 60_000);
        report(`${replicating} connections between brokers on 9091, none on 9092`);
        // A client with the CAs but no certificate of its own: the broker asks for one and refuses it.
        const noCertificate = await dockerExec(`${e2e.prefix}-kafka-0`, ["bash", "-c",
            "printf 'security.protocol=SSL\\nssl.truststore.type=PEM\\nssl.truststore.location=/etc/streamstack-secrets/kafka-replication-trust.pem\\n' > /tmp/no-certificate.properties && " +
            "KAFKA_HEAP_OPTS=-Xmx64m timeout 60 kafka-broker-api-versions.sh --bootstrap-server kafka-1:9091 --command-config /tmp/no-certificate.properties 2>&1 || true"]);
        assert.match(noCertificate, /SslAuthenticationException[\s\S]*certificate_required/, noCertificate);
        assert.doesNotMatch(noCertificate, /Produce\(0\)/, "no answer without a certificate");
    });

    it("replaces one member at a time, leader last, with every acknowledged message kept", async () => {
        const zookeeperModes = await Promise.all([0, 1, 2].map((i) => fourLetterWord("127.0.0.1", PORTS.zookeeperClient + i, "srvr").then(zookeeperMode)));
        const leaders: Record<string, string> = {
            zookeeper: `zookeeper-${zookeeperModes.indexOf("leader")}`,
            kafka: `kafka-${(await kafkaCluster(BOOTSTRAP)).controllerId}`,
            "spark-master": `spark-master-${(await eventually("an ALIVE master", async () => aliveMaster(MASTER_UIS)))!.index}`,
        };
        const before = await sample(e2e.prefix);
        assert.deepEqual([...before.members.keys()].sort(), [...everyMember].sort());
        const oldId = (member: string) => before.members.get(member)!.id;

        const samples: Sample[] = [];
        let sampling = true;
        const sampler = (async () => {
            while (sampling) {
                samples.push(await sample(e2e.prefix));
                await sleep(SAMPLE_MS);
            }
        })();
        const announced: Record<string, string[]> = {};
        const producer = new NumberedProducer(BOOTSTRAP, TOPIC.name);
        producer.start();
        const startedAt = Date.now();
        try {
            await sleep(3_000);
            await setConfig(e2e.stack, { zookeeper: { heapMb: 288 }, kafka: { heapMb: 576 }, spark: { defaultCores: 1 } });
            // What `npm run review` announces for the change: the roll order it reads from the
            // real engine's preview, where each restarted member but the first depends on the
            // readiness gate of the member before it.
            const preview = JSON.parse((await pulumiCli(["preview", "--json", "--stack", e2e.name])).stdout) as PreviewJson;
            const changes = platformChanges(preview);
            for (const group of GROUPS) {
                announced[group] = restartOrder(changes, group);
                const waiting = changes.filter((c) => c.kind === "container" && c.group === group
                    && (c.step.newState?.dependencies ?? []).some((urn) => new RegExp(`::streamstack-${group}-\\d+-ready$`).test(urn)));
                assert.equal(waiting.length, announced[group]!.length - 1, `${group}: every restarted member but the first waits on a member gate in the preview`);
            }
            const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
            report(`up of the change took ${((Date.now() - startedAt - 3_000) / 1000).toFixed(1)} s: ` +
                Object.entries(result.summary.resourceChanges ?? {}).map(([op, n]) => `${op} ${n}`).join(", "));
            await sleep(3_000);
        } finally {
            await producer.stop();
            sampling = false;
            await sampler;
        }

        // Every member was replaced (a new container id), and is healthy again.
        const last = samples[samples.length - 1]!;
        for (const member of everyMember) {
            assert.ok(last.members.get(member)?.healthy, `${member} healthy at the end`);
            assert.notEqual(last.members.get(member)?.id, oldId(member), `${member} was replaced`);
        }

        // Never more than one member of a group down (missing, starting, stopped) at once.
        for (const group of GROUPS) {
            const down = (s: Sample) => everyMember.filter((m) => groupOf(m) === group && !s.members.get(m)?.healthy);
            const worst = samples.reduce((a, b) => (down(b).length > down(a).length ? b : a));
            assert.ok(down(worst).length <= 1, `${group}: ${down(worst).join(", ")} down at once`);
        }

        // The order members were replaced in, by group: the first sample without the old container.
        const wentDown = (member: string) => samples.find((s) => s.members.get(member)?.id !== oldId(member))?.at ?? Infinity;
        for (const group of GROUPS) {
            const order = everyMember.filter((m) => groupOf(m) === group).sort((a, b) => wentDown(a) - wentDown(b));
            report(`${group}: rolled ${order.join(" -> ")}${leaders[group] ? ` (leader before: ${leaders[group]})` : ""}`);
            if (leaders[group]) assert.equal(order[order.length - 1], leaders[group], `${group}: the leader rolls last`);
            assert.deepEqual(order, announced[group], `${group}: rolled in the order the review announced`);
        }

        const audit = await producer.audit();
        const from = producer.longestErrorWindowFrom;
        const downThen = samples.filter((s) => s.at >= from && s.at <= from + producer.longestErrorWindowMs)
            .flatMap((s) => everyMember.filter((m) => !s.members.get(m)?.healthy));
        report(`producer: ${producer.acked.size} acknowledged, ${audit.consumed} consumed, ${audit.lost.length} lost, ${audit.duplicates} duplicates, ` +
            `${producer.errors} failed sends, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s` +
            (from ? ` from ${((from - startedAt) / 1000).toFixed(1)} s after the producer started (members down meanwhile: ${[...new Set(downThen)].join(", ") || "none"})` : ""));
        assert.ok(producer.acked.size > 1000, `the producer kept writing (${producer.acked.size} acknowledged)`);
        assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");
    });

    it("refuses at preview, before anything changes, to remove a broker that holds replicas, and a port another process holds", async () => {
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(27299, "127.0.0.1", resolve));
        const containersBefore = (await docker(["ps", "-q", "--filter", `label=streamstack.stack=${e2e.prefix}`])).trim();
        await setConfig(e2e.stack, {
            kafka: { heapMb: 576, brokers: 2, defaultReplicationFactor: 2, minInsyncReplicas: 1 },
            topics: [{ ...TOPIC, replicationFactor: 2, config: { "min.insync.replicas": "1" } }],
            ports: { ...PORTS, sparkWorkerUi: 27298 },
        });
        try {
            const failure = await e2e.stack.preview().then(() => undefined, (error: Error) => error.message);
            assert.ok(failure, "the preview fails");
            assert.match(failure, /streamstack:kafka\.brokers = 2: would remove broker 2, which still holds partition replicas \(rolling: \d+/);
            assert.match(failure, /kafka-reassign-partitions\.sh .* --broker-list 0,1 --generate/);
            assert.match(failure, new RegExp(`streamstack:ports\\.sparkWorkerUi = 27298: host ports in use on 127\\.0\\.0\\.1: 27299 by node \\(pid ${process.pid}\\)`));
        } finally {
            server.close();
            await setConfig(e2e.stack, { kafka: { heapMb: 576 }, topics: [TOPIC], ports: PORTS });
        }
        assert.equal((await docker(["ps", "-q", "--filter", `label=streamstack.stack=${e2e.prefix}`])).trim(), containersBefore, "no container changed");
    });

    it("warns loudly at preview that a ZooKeeper scale-down deletes the removed servers' data volumes", async () => {
        await setConfig(e2e.stack, { zookeeper: { heapMb: 288, replicas: 1 } });
        const warnings: string[] = [];
        try {
            await e2e.stack.preview({
                onEvent: (event) => {
                    const diagnostic = event.diagnosticEvent;
                    if (diagnostic?.severity === "warning") warnings.push(diagnostic.message);
                },
            });
        } finally {
            await setConfig(e2e.stack, { zookeeper: { heapMb: 288 } });
        }
        const warning = warnings.find((message) => message.includes("DATA LOSS"));
        assert.ok(warning, `a DATA LOSS warning among: ${warnings.join(" | ")}`);
        assert.match(warning, new RegExp(`deletes 2 data volumes and everything in them: ${e2e.prefix}-zookeeper-1-data, ${e2e.prefix}-zookeeper-2-data\\.`));
    });

    it("policy pack on the real engine: a topic deletion and ports beyond loopback are blocked with the policy's message; a clean change and an opted-in deletion pass", async () => {
        const previewWithPolicy = (extra: string[] = []) => pulumiCli(["preview", "--stack", e2e.name, "--policy-pack", "policy", ...extra])
            .then((r) => ({ passed: true, output: r.stdout }), (error: { stdout?: string; stderr?: string }) => ({ passed: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }));
        try {
            await setConfig(e2e.stack, { topics: [{ ...TOPIC, partitions: 12 }] });
            const clean = await previewWithPolicy();
            assert.ok(clean.passed, `a partition increase passes the policies:\n${clean.output}`);
            assert.match(clean.output, /✅ streamstack@v0\.1\.0/);

            await setConfig(e2e.stack, { topics: [] });
            const deletion = await previewWithPolicy();
            assert.equal(deletion.passed, false, "a topic deletion is blocked");
            assert.match(deletion.output, /no-data-loss-without-opt-in/);
            assert.match(deletion.output, /topic rolling is deleted, and its data with it/);
            // The PR summary of the same change, from the real engine, as the workflow runs it.
            const summaryFile = path.join(os.tmpdir(), `review-${process.pid}.md`);
            const summary = await promisify(execFile)("node", [path.join(PROJECT_DIR, "build", "scripts", "review.js"), "--stack", e2e.name, "--policy", "--out", summaryFile],
                { cwd: PROJECT_DIR, env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" } }).then(() => 0, (error: { code?: number }) => error.code);
            assert.equal(summary, 2, "npm run review exits 2 when a mandatory policy fails");
            const markdown = fs.readFileSync(summaryFile, "utf8");
            assert.match(markdown, /1\. \*\*Topic `rolling` is deleted: its messages are lost\.\*\*/);
            assert.match(markdown, /❌ \*\*no-data-loss-without-opt-in\*\* \(mandatory\): topic rolling is deleted/);
            assert.match(markdown, /- deleted: `rolling`/);
            const optIn = path.join(os.tmpdir(), `policy-config-${process.pid}.json`);
            fs.writeFileSync(optIn, JSON.stringify({ "no-data-loss-without-opt-in": { allowDataLoss: ["rolling"] } }));
            const optedIn = await previewWithPolicy(["--policy-pack-config", optIn]);
            assert.ok(optedIn.passed, `the opted-in deletion passes:\n${optedIn.output}`);

            await setConfig(e2e.stack, { topics: [TOPIC], ports: { ...PORTS, bindAddress: "0.0.0.0" } });
            const exposed = await previewWithPolicy();
            assert.equal(exposed.passed, false, "ports beyond loopback are blocked");
            assert.match(exposed.output, /local-ports-on-loopback/);
            assert.match(exposed.output, /publishes 0\.0\.0\.0:27092: beyond loopback/);
        } finally {
            await setConfig(e2e.stack, { topics: [TOPIC], ports: PORTS });
        }
    });
});


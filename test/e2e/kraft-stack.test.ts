/**
 * A platform on KRaft (kafka.metadata "kraft", Kafka 4.4.0), on Docker and secured as on
 * Kubernetes (kafka.secureOnDocker: TLS and logins on the external listener, logins inside the
 * platform): three dedicated controllers hold the metadata quorum over mutual TLS and start it
 * with the platform admin's credential, three brokers observe it, ZooKeeper serves Spark alone.
 * (The upgrade 3.9.1 → 4.4.0 by `up`, its roll and metadata.version, is the migration e2e's last
 * step, on the cluster it migrated: test/e2e/migration.test.ts.) A user of
 * streamstack:users does what its ACLs allow and nothing else, ANONYMOUS (the brokers' readiness
 * check) may only describe topics; its topic resource keeps acks=all writes on two replicas; a
 * SIGKILLed active controller is replaced by an election within seconds under an acks=all
 * producer; `npm run status` shows each controller's role and metadata lag; going back a
 * release line, moving the running cluster back to ZooKeeper, or growing its quorum, is refused
 * at preview.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createStack, E2eStack, outputValues, progress, removeStack, setConfig, stackEndpoints } from "../../harness/e2e-stack";
import { smallSecuredPlatform } from "../../harness/secured-platform";
import { collectStatus } from "../../operations/status-report";
import { kafkaQuorumOfAny } from "../../live";
import { NumberedProducer } from "../../harness/numbered-producer";
import { dockerCrash } from "../../harness/member-crash";
import { docker, dockerExec, eventually } from "../../harness/platform-probe";
import { Brokers, brokersOf, produceAndConsume } from "../../harness/kafka-client";
import { errorChain } from "../../harness/numbered-producer";
import { brokerFeatureView } from "../../plugins/streamstack/kafka/metadata-version";

// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 25181, kafkaExternal: 25092, sparkMasterUi: 25080, sparkWorkerUi: 25280 };
const TOPIC = { name: "kraft-events", partitions: 6, replicationFactor: 3 };
const KAFKA = { metadata: "kraft", version: "4.4.0", heapMb: 384, secureOnDocker: true };
const CONFIG = smallSecuredPlatform(PORTS, KAFKA, [TOPIC]);
const CONTROLLERS = ["kafka-controller-0", "kafka-controller-1", "kafka-controller-2"];
/** Kafka's feature level of metadata.version 3.9-IV0, the newest Kafka 3.9 writes: a new 4.4 cluster starts above it. */
const METADATA_VERSION_3_9 = 21;

const report = (line: string) => process.stderr.write(`[kraft] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface QuorumStatus { leaderId: number; voters: number[]; observers: number[]; maxFollowerLag: number }

describe("KRaft: three dedicated controllers, Kafka 4.4.0 (Docker)", { timeout: 30 * 60_000 }, () => {
    let e2e: E2eStack;
    let brokers: Brokers;
    let users: Record<string, { username: string; password: string }> = {};
    const container = (member: string) => `${e2e.prefix}-${member}`;
    /** An admin tool inside a broker, logged in as the platform admin on CLIENTS (the file every broker mounts). */
    const adminTool = (tool: string, ...args: string[]) => [tool, "--bootstrap-server", "kafka-0:9093", "--command-config", "/etc/streamstack-secrets/kafka-admin-client.properties", ...args];

    /** The quorum as Kafka's own tool reads it, through a broker's CLIENTS listener (a JVM: seconds). */
    async function quorumByTool(): Promise<QuorumStatus> {
        const out = await dockerExec(container("kafka-0"), adminTool("kafka-metadata-quorum.sh", "describe", "--status"));
        const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(out)?.[1] ?? "";
        const ids = (json: string) => (JSON.parse(json || "[]") as { id: number }[]).map((node) => node.id).sort((a, b) => a - b);
        return { leaderId: Number(field("LeaderId")), voters: ids(field("CurrentVoters")), observers: ids(field("CurrentObservers")), maxFollowerLag: Number(field("MaxFollowerLag")) };
    }

    /** metadata.version's finalized level as each broker tells it (ApiVersions, what the platform's provider reads). */
    async function metadataVersions(): Promise<number[]> {
        const connection = { caCertificate: brokers.caCertificate, login: brokers.login };
        return Promise.all(brokers.bootstrap.split(",").map(async (endpoint) => (await brokerFeatureView(endpoint, connection)).finalized ?? -1));
    }

    /** The same through the platform's own probe (one DescribeQuorum from the host, logged in): milliseconds, for timing the drill. */
    async function quorum(): Promise<QuorumStatus> {
        const state = await kafkaQuorumOfAny(brokers.bootstrap.split(","), { caCertificate: brokers.caCertificate, login: brokers.login, timeoutMs: 3000 });
        const ids = (replicas: { id: number }[]) => replicas.map((replica) => replica.id).sort((a, b) => a - b);
        const lags = state.voters.map((voter) => Number(state.highWatermark - voter.logEndOffset));
        return { leaderId: state.leaderId, voters: ids(state.voters), observers: ids(state.observers), maxFollowerLag: Math.max(0, ...lags) };
    }

    before(async () => {
        e2e = await createStack(`e2e-kraft-${process.pid}`, CONFIG);
        const startedAt = Date.now();
        const outputs = outputValues((await e2e.stack.up({ onOutput: progress(e2e.name) })).outputs);
        report(`cold up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        brokers = brokersOf(await stackEndpoints(e2e));
        users = outputs.kafkaUsers as Record<string, { username: string; password: string }>;
        assert.ok(brokers.caCertificate && brokers.login, "secured as on Kubernetes: TLS and the admin's login on the external listener");
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("keeps the metadata in a quorum of the three controllers (ids 1000-1002), the brokers its observers, on Kafka 4.4.0", async () => {
        const status = await quorumByTool();
        assert.deepEqual({ ...(await quorum()), maxFollowerLag: 0 }, { ...status, maxFollowerLag: 0 }, "the platform's probe reads what Kafka's tool reads");
        assert.deepEqual(status.voters, [1000, 1001, 1002]);
        assert.deepEqual(status.observers, [0, 1, 2]);
        assert.ok(status.voters.includes(status.leaderId), `leader ${status.leaderId} is a voter`);
        assert.match(await dockerExec(container("kafka-1"), ["kafka-topics.sh", "--version"]), /^4\.4\.0/m);
        const levels = await metadataVersions();
        assert.ok(levels.every((level) => level === levels[0] && level > METADATA_VERSION_3_9), `4.4's metadata.version, finalized when the quorum formed: ${levels.join(", ")}`);
        // `npm run status`'s rows for the quorum: each controller's role and metadata lag.
        const rows = (await collectStatus(await stackEndpoints(e2e))).filter((row) => row.component === "kraft");
        report(`status: ${rows.map((row) => `${row.member} ${row.state} (${row.detail})`).join("; ")}`);
        assert.deepEqual(rows.map((row) => row.member), CONTROLLERS);
        assert.deepEqual(rows.map((row) => row.state).sort(), ["follower", "follower", "leader"]);
        assert.ok(rows.every((row) => row.healthy), "every controller caught up");
        // The controllers answer only on CONTROLLER, and only to a client with a certificate the platform's CA signed.
        const noCertificate = await dockerExec(container("kafka-0"), ["bash", "-c",
            "printf 'security.protocol=SSL\\nssl.truststore.type=PEM\\nssl.truststore.location=/etc/streamstack-secrets/kafka-replication-trust.pem\\n' > /tmp/no-certificate.properties && " +
            "KAFKA_HEAP_OPTS=-Xmx64m timeout 60 kafka-metadata-quorum.sh --bootstrap-controller kafka-controller-0:9095 --command-config /tmp/no-certificate.properties describe --status 2>&1 || true"]);
        assert.match(noCertificate, /SslAuthenticationException|certificate_required/, noCertificate);
        assert.doesNotMatch(noCertificate, /LeaderId/, "no answer without a certificate");
    });

    it("refuses at preview going back a release line, moving the running cluster to ZooKeeper mode, or growing its quorum", async () => {
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, version: "3.9.1" } });
        const back = await e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
        assert.match(back, /streamstack:kafka\.version = "3\.9\.1": the running cluster runs Kafka 4\.4\.0, and a KRaft cluster does not go back a release line/);
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, metadata: "zookeeper", version: "3.9.1" } });
        const refused = await e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
        assert.match(refused, /streamstack:kafka\.metadata = "zookeeper": the running brokers are KRaft members of a cluster made on KRaft; it cannot go back to ZooKeeper mode/);
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, controllers: 5 } });
        const grown = await e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
        assert.match(grown, /streamstack:kafka\.controllers = 5: the running quorum's voters are 3 dedicated controllers/);
        await setConfig(e2e.stack, CONFIG);
    });

    it("lets a user do what its ACLs allow and nothing else, and ANONYMOUS (the brokers' readiness check) only describe topics", async () => {
        const as = (name: string): Brokers => ({ ...brokers, login: { mechanism: "SCRAM-SHA-512", username: users[name]!.username, password: users[name]!.password } });
        assert.ok((await produceAndConsume(as("writer"), TOPIC.name, 10)).length >= 10, "the user with the ACL round-trips acks=all messages over TLS");
        const refused = await produceAndConsume(as("outsider"), TOPIC.name, 1, 10_000).then(() => "allowed", errorChain);
        assert.match(refused, /authoriz/i, "a user without an ACL on the topic gets an authorization error");
        const wrongPassword = await produceAndConsume({ ...brokers, login: { ...brokers.login!, password: "not-the-password" } }, TOPIC.name, 1, 10_000).then(() => "allowed", errorChain);
        assert.match(wrongPassword, /authentication|SASL|credentials/i, "a wrong password is refused");
        // ANONYMOUS's ACLs, made by the platform through the admin login once the brokers ran.
        const acls = await dockerExec(container("kafka-0"), adminTool("kafka-acls.sh", "--list", "--principal", "User:ANONYMOUS"));
        assert.match(acls, /operation=DESCRIBE, permissionType=ALLOW/);
        assert.doesNotMatch(acls, /operation=(ALL|WRITE|READ),/, acls);
    });

    it("creates the declared topic with the platform's min.insync.replicas, and serves acks=all traffic from the host", async () => {
        const described = await dockerExec(container("kafka-0"), adminTool("kafka-topics.sh", "--describe", "--topic", TOPIC.name));
        assert.match(described, /PartitionCount: 6\s+ReplicationFactor: 3/);
        // KRaft's controller writes a new topic's min.insync.replicas from its own config (a
        // cluster-wide default set when the quorum first formed); Kafka's default is 1.
        assert.match(described, /min\.insync\.replicas=2/, described);
        const producer = new NumberedProducer(brokers, TOPIC.name);
        producer.start();
        await eventually("100 acknowledged messages", async () => (producer.acked.size >= 100 ? true : undefined), 60_000, 500);
        await producer.stop();
        assert.deepEqual((await producer.audit()).lost, []);
    });

    it("drill: SIGKILL of the active controller under an acks=all producer — a new leader within seconds, writes go on, 0 lost", async () => {
        const before = await quorum();
        const leader = `kafka-controller-${before.leaderId - 1000}`;
        const crash = dockerCrash(e2e.prefix);
        const producer = new NumberedProducer(brokers, TOPIC.name);
        producer.start();
        let electedAfterMs = Infinity;
        try {
            await sleep(3_000);
            const killedAt = Date.now();
            await crash.kill(leader);
            // When the quorum elected, as the new active controller logs it (Docker's timestamp on the line).
            const elected = await eventually("a surviving controller becoming the active one", async () => {
                for (const survivor of CONTROLLERS.filter((member) => member !== leader)) {
                    const log = await docker(["logs", "--timestamps", "--since", new Date(killedAt - 1000).toISOString(), container(survivor)]);
                    const line = /^(\S+) .*Becoming the active controller at epoch/m.exec(log);
                    if (line) return { survivor, at: Date.parse(line[1]!.replace(/(\.\d{3})\d*Z$/, "$1Z")) };
                }
                return undefined;
            }, 60_000, 500);
            electedAfterMs = elected.at - killedAt;
            // The brokers learn it later (they observe the quorum), which writes never wait for.
            const seen = await eventually("the brokers answering with the new leader", async () => {
                const status = await quorum().catch(() => undefined);
                return status && status.leaderId !== before.leaderId && status.voters.includes(status.leaderId) ? status : undefined;
            }, 60_000, 250);
            const seenAfterMs = Date.now() - killedAt;
            const ackedAtElection = producer.acked.size;
            await eventually("writes acknowledged after the election", async () => (producer.acked.size > ackedAtElection + 50 ? true : undefined), 60_000, 250);
            report(`killed ${leader} (leader ${before.leaderId}); ${elected.survivor} became the active controller ${(electedAfterMs / 1000).toFixed(1)} s later (its log), ` +
                `a broker answered with leader ${seen.leaderId} after ${(seenAfterMs / 1000).toFixed(1)} s`);
        } finally {
            await producer.stop();
            await crash.revive(leader);
        }
        const audit = await producer.audit();
        report(`producer: ${producer.acked.size} acknowledged, ${audit.lost.length} lost, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s, ` +
            `longest gap between acknowledgements ${(producer.longestAckGapMs / 1000).toFixed(1)} s`);
        assert.ok(electedAfterMs < 15_000, `a new controller became active within 15 s (${electedAfterMs} ms)`);
        assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");
        await eventually("the killed controller back in the quorum, caught up", async () => {
            const health = await docker(["inspect", "--format", "{{.State.Health.Status}}", container(leader)]);
            const status = await quorum().catch(() => undefined);
            return health.trim() === "healthy" && status?.maxFollowerLag === 0 ? true : undefined;
        }, 120_000, 1000);
    });

});

/**
 * The migration of a running ZooKeeper-mode platform (Kafka 3.9.1, secured as on Kubernetes:
 * TLS and logins, users with ACLs, a compacted topic, a consumer group's offsets) to KRaft by
 * kafka.metadata's steps, one `up` each, under an acks=all producer: forwards to the brokers on
 * KRaft, all the way back to ZooKeeper mode (the brokers electing a controller of their own once
 * the migration's controllers are gone), forwards again and finalized (only with
 * kafka.finalizeMigration), then upgraded to Kafka 4.4.0. Every acknowledged message is kept;
 * after it every topic, config, ACL, login and committed offset is there, the controllers are no
 * ZooKeeper clients, and the preview refuses a skipped step and a step back from finalized.
 * Reports each step's time and longest produce error window on stderr ([migration] lines).
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { configValues, createStack, E2eStack, outputValues, progress, pulumiCli, removeStack, setConfig, stackEndpoints } from "../../harness/e2e-stack";
import { smallSecuredPlatform } from "../../harness/secured-platform";
import { preview } from "../../review/command";
import { reviewMarkdown } from "../../review/markdown";
import { NumberedProducer, errorChain } from "../../harness/numbered-producer";
import { docker, dockerExec, eventually } from "../../harness/platform-probe";
import { Brokers, brokersOf, produceAndConsume } from "../../harness/kafka-client";
import { kafkaControllerId, kafkaQuorumOfAny, splitEndpoint } from "../../live";
import { brokerFeatureView } from "../../plugins/streamstack/kafka/metadata-version";

// Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold a port.
const PORTS = { zookeeperClient: 24181, kafkaExternal: 24092, sparkMasterUi: 24080, sparkWorkerUi: 24280 };
const TOPIC = { name: "migration-events", partitions: 6, replicationFactor: 3 };
const COMPACTED = { name: "migration-compacted", partitions: 1, replicationFactor: 3, config: { "cleanup.policy": "compact", "min.compaction.lag.ms": "60000" } };
const GROUP = "migration-readers";
const KAFKA = { metadata: "zookeeper", version: "3.9.1", heapMb: 384, secureOnDocker: true };
const CONFIG = smallSecuredPlatform(PORTS, KAFKA, [TOPIC, COMPACTED]);
const CONTROLLERS = ["kafka-controller-0", "kafka-controller-1", "kafka-controller-2"];
/** Kafka's feature level of metadata.version 3.9-IV0: the inter-broker protocol the migrated cluster starts from. */
const METADATA_VERSION_3_9 = 21;

const report = (line: string) => process.stderr.write(`[migration] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ZooKeeper → KRaft migration of a running platform, step by step, back, again, finalized and upgraded (Docker)", { timeout: 40 * 60_000 }, () => {
    let e2e: E2eStack;
    let brokers: Brokers;
    let users: Record<string, { username: string; password: string }> = {};
    let offsetsBefore = "";
    const container = (member: string) => `${e2e.prefix}-${member}`;
    /** An admin tool inside a broker, logged in as the platform admin on CLIENTS. */
    const adminTool = (tool: string, ...args: string[]) => [tool, "--bootstrap-server", "kafka-0:9093", "--command-config", "/etc/streamstack-secrets/kafka-admin-client.properties", ...args];

    /** A znode's data under the cluster's chroot, read inside `member` with the ZooKeeper login it mounts (ZooKeeper lets in logged-in clients only). */
    async function znode(member: string, path: string): Promise<string> {
        const out = await dockerExec(container(member), ["bash", "-c",
            `KAFKA_OPTS=-Djava.security.auth.login.config=/etc/streamstack-secrets/zookeeper-client.jaas KAFKA_HEAP_OPTS=-Xmx64m zookeeper-shell.sh zookeeper-0:2181/kafka get ${path} 2>&1 || true`]);
        return out.split("\n").filter((line) => line.startsWith("{")).pop() ?? "absent";
    }

    /** Kafka's consumer-group tool (the image leaves kafka-consumer-groups.sh out; the class is there), logged in as the admin. */
    const groupTool = (...args: string[]) => dockerExec(container("kafka-0"), ["env", "KAFKA_HEAP_OPTS=-Xmx128m", "kafka-run-class.sh",
        "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", ...adminTool("", ...args).slice(1)]);

    /** The consumer group's committed offsets, per partition, as Kafka's tool lists them. */
    async function groupOffsets(): Promise<string> {
        const out = await groupTool("--describe", "--group", GROUP);
        return out.split("\n").filter((line) => line.startsWith(`${GROUP} `)).map((line) => line.trim().split(/\s+/).slice(1, 4).join(" ")).sort().join("; ");
    }

    /** The PR review of the change of kafka from `base` to `head`, from the real engine's preview (the config left at `head`). */
    async function reviewOf(base: Record<string, unknown>, head: Record<string, unknown>): Promise<string> {
        // The review runs the CLI, which needs the throwaway stack's empty passphrase.
        process.env.PULUMI_CONFIG_PASSPHRASE ??= "";
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, ...base } });
        const baseConfig = await configValues(e2e.stack);
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, ...head } });
        const headConfig = await configValues(e2e.stack);
        return reviewMarkdown({ stack: e2e.name, preview: await preview(e2e.name, false), baseConfig, headConfig, baseLabel: "the base config" });
    }

    /** One `up` with kafka set to `kafka`, under a producer of its own, 0 lost; reports its time and longest error window. */
    async function step(kafka: Record<string, unknown>, label: string): Promise<void> {
        const producer = new NumberedProducer(brokers, TOPIC.name);
        producer.start();
        const startedAt = Date.now();
        try {
            await sleep(500);
            await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, ...kafka } });
            await e2e.stack.up({ onOutput: progress(e2e.name) });
            await sleep(500);
        } finally {
            await producer.stop();
        }
        const audit = await producer.audit();
        report(`${label}: up in ${((Date.now() - startedAt - 1_000) / 1000).toFixed(1)} s; ${producer.acked.size} acknowledged, ${audit.lost.length} lost, ` +
            `longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s`);
        assert.deepEqual(audit.lost, [], `${label}: every acknowledged message is in the topic`);
    }

    const refusal = async (kafka: Record<string, unknown>) => {
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, ...kafka } });
        return e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
    };

    const running = async (member: string) => (await docker(["ps", "--filter", `name=^${container(member)}$`, "--format", "{{.Names}}"])).trim() !== "";

    /** Which controller leads the brokers: a ZooKeeper-mode broker names the broker that leads, as Metadata's controller id. */
    async function zookeeperModeController(): Promise<number> {
        const { host, port } = splitEndpoint(brokers.bootstrap.split(",")[0]!);
        return kafkaControllerId(host, port, { caCertificate: brokers.caCertificate, login: brokers.login, timeoutMs: 5000 });
    }

    before(async () => {
        e2e = await createStack(`e2e-migration-${process.pid}`, CONFIG);
        const startedAt = Date.now();
        const outputs = outputValues((await e2e.stack.up({ onOutput: progress(e2e.name) })).outputs);
        report(`cold up (ZooKeeper mode) in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        brokers = brokersOf(await stackEndpoints(e2e));
        users = outputs.kafkaUsers as Record<string, { username: string; password: string }>;
        // Data and a group's committed offsets from before the migration.
        assert.ok((await produceAndConsume(brokers, TOPIC.name, 50)).length >= 50);
        await groupTool("--reset-offsets", "--group", GROUP, "--topic", TOPIC.name, "--to-latest", "--execute");
        offsetsBefore = await groupOffsets();
        assert.match(offsetsBefore, new RegExp(`^${TOPIC.name} 0 \\d+`), offsetsBefore);
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("moves forward one step per up under an acks=all producer (0 lost; a skipped step refused at preview): brokers in migration mode, then the controllers copying ZooKeeper's metadata and writing to both, then the brokers on KRaft", async () => {
        const skipped = await refusal({ metadata: "migration" });
        assert.match(skipped, /streamstack:kafka\.metadata = "migration": the running cluster is at "zookeeper"; a migration moves one step per up.*set "migration-prepared" first/s);

        await step({ metadata: "migration-prepared" }, "zookeeper -> migration-prepared (brokers roll in migration mode)");
        assert.ok(!(await running("kafka-controller-0")), "no controller runs yet");
        assert.ok((await zookeeperModeController()) < 1000, "a broker still leads");

        await step({ metadata: "migration" }, "migration-prepared -> migration (controllers start, copy, dual write)");
        const claim = await znode("kafka-controller-0", "/controller");
        const migration = await znode("kafka-controller-0", "/migration");
        report(`ZooKeeper: /controller ${claim}; /migration ${migration}`);
        assert.match(claim, /"kraftControllerEpoch":\d+/, "a KRaft controller holds /controller");
        assert.match(migration, /"kraft_metadata_offset":\d+/, "the metadata was copied up to an offset");
        const copied = (await docker(["logs", container(`kafka-controller-${Number(/"brokerid":(\d+)/.exec(claim)![1]) - 1000}`)])).match(/Completed migration of metadata from ZooKeeper to KRaft\. [^.]*\./);
        report(`the active controller: ${copied?.[0] ?? "(no completion line)"}`);
        assert.ok(copied, "the active controller logged the copy done");

        await step({ metadata: "kraft-brokers" }, "migration -> kraft-brokers (brokers roll onto KRaft)");
        const quorum = await kafkaQuorumOfAny(brokers.bootstrap.split(","), { caCertificate: brokers.caCertificate, login: brokers.login, timeoutMs: 5000 });
        assert.deepEqual([quorum.voters.map((v) => v.id).sort(), quorum.observers.map((o) => o.id).sort()], [[1000, 1001, 1002], [0, 1, 2]], "KRaft brokers observe the migration's quorum");
        const levels = await Promise.all(brokers.bootstrap.split(",").map(async (endpoint) => (await brokerFeatureView(endpoint, brokers)).finalized));
        assert.deepEqual(levels, [METADATA_VERSION_3_9, METADATA_VERSION_3_9, METADATA_VERSION_3_9], "metadata.version: Kafka 3.9's inter-broker protocol");
    });

    it("goes back to ZooKeeper mode one step per up before finalization (0 lost): the brokers back in ZooKeeper mode, the controllers gone and ZooKeeper handed back, the brokers electing a controller of their own", async () => {
        await step({ metadata: "migration" }, "kraft-brokers -> migration (brokers back in ZooKeeper mode)");
        await step({ metadata: "migration-prepared" }, "migration -> migration-prepared (controllers removed, ZooKeeper handed back)");
        for (const controller of CONTROLLERS) assert.ok(!(await running(controller)), `${controller} removed`);
        const claim = await znode("kafka-0", "/controller");
        report(`ZooKeeper after the hand-back: /controller ${claim}; /migration ${await znode("kafka-0", "/migration")}`);
        assert.match(claim, /"brokerid":[0-2],/, "a broker holds /controller");
        assert.doesNotMatch(claim, /"kraftControllerEpoch":\d/, "no KRaft controller's claim left");
        assert.equal(await znode("kafka-0", "/migration"), "absent", "the migration's state removed");
        await step({ metadata: "zookeeper" }, "migration-prepared -> zookeeper (brokers without the migration flag)");
        assert.ok((await zookeeperModeController()) < 1000, "a broker leads");
        assert.equal(await groupOffsets(), offsetsBefore, "the group's committed offsets kept");
    });

    it("migrates again and finalizes only with kafka.finalizeMigration (0 lost); then every topic, config, ACL, login and committed offset is there, the controllers are no ZooKeeper clients, and the step back is refused", async () => {
        await step({ metadata: "migration-prepared" }, "again: zookeeper -> migration-prepared");
        await step({ metadata: "migration" }, "again: migration-prepared -> migration");
        await step({ metadata: "kraft-brokers" }, "again: migration -> kraft-brokers");
        const unconfirmed = await refusal({ metadata: "kraft-migrated" });
        assert.match(unconfirmed, /streamstack:kafka\.finalizeMigration = false: finalizing the migration .* is the point of no return/);
        const finalizing = await reviewOf({ metadata: "kraft-brokers" }, { metadata: "kraft-migrated", finalizeMigration: true });
        // Beside the danger every change of this one-server ensemble carries.
        assert.match(finalizing, /^\d\. \*\*The migration from ZooKeeper to KRaft is finalized .*can never go back to ZooKeeper mode\.\*\*/m, finalizing);
        assert.match(finalizing, /a step forward: the controllers roll without ZooKeeper/, finalizing);
        assert.match(finalizing, /\| KRaft controllers \(3\) \| kafka-controller-\d → kafka-controller-\d → kafka-controller-\d \| ✅/, finalizing);
        await step({ metadata: "kraft-migrated", finalizeMigration: true }, "kraft-brokers -> kraft-migrated (finalized: controllers without ZooKeeper)");

        for (const controller of CONTROLLERS) {
            const connections = await dockerExec(container(controller), ["cat", "/proc/net/tcp", "/proc/net/tcp6"]);
            assert.doesNotMatch(connections, /:0885 01 /, `${controller} holds no connection to ZooKeeper (2181)`);
        }
        const topics = await dockerExec(container("kafka-0"), adminTool("kafka-topics.sh", "--list"));
        for (const topic of [TOPIC.name, COMPACTED.name]) assert.match(topics, new RegExp(`^${topic}$`, "m"));
        const configs = await dockerExec(container("kafka-0"), adminTool("kafka-configs.sh", "--describe", "--entity-type", "topics", "--entity-name", COMPACTED.name));
        assert.match(configs, /cleanup\.policy=compact/);
        assert.match(configs, /min\.compaction\.lag\.ms=60000/);
        assert.equal(await groupOffsets(), offsetsBefore, "the group's committed offsets kept");
        const as = (name: string): Brokers => ({ ...brokers, login: { mechanism: "SCRAM-SHA-512", username: users[name]!.username, password: users[name]!.password } });
        assert.ok((await produceAndConsume(as("writer"), TOPIC.name, 10)).length >= 10, "the user's login and ACLs came over");
        assert.match(await produceAndConsume(as("outsider"), TOPIC.name, 1, 10_000).then(() => "allowed", errorChain), /authoriz/i, "and nothing more");
        const anonymous = await dockerExec(container("kafka-0"), adminTool("kafka-acls.sh", "--list", "--principal", "User:ANONYMOUS"));
        assert.match(anonymous, /operation=DESCRIBE, permissionType=ALLOW/, "the brokers' readiness check keeps its describe");

        const back = await refusal({ metadata: "kraft-brokers", finalizeMigration: true });
        assert.match(back, /streamstack:kafka\.metadata = "kraft-brokers": the migration was finalized/);
        await setConfig(e2e.stack, { ...CONFIG, kafka: { ...KAFKA, metadata: "kraft-migrated", finalizeMigration: true } });
    });

    it("is then upgraded to Kafka 4.4.0 by up: the controllers (the active one last), then the brokers, one member at a time under an acks=all producer, 0 lost; metadata.version raised once every broker runs it", async () => {
        const quorum = () => kafkaQuorumOfAny(brokers.bootstrap.split(","), { caCertificate: brokers.caCertificate, login: brokers.login, timeoutMs: 3000 });
        // Ordinal order would put kafka-controller-2 last anyway: move the leadership off it first.
        if ((await quorum()).leaderId === 1002) {
            await docker(["restart", container("kafka-controller-2")]);
            await eventually("another leader, and kafka-controller-2 back and caught up", async () => {
                const status = await quorum().catch(() => undefined);
                const health = (await docker(["inspect", "--format", "{{.State.Health.Status}}", container("kafka-controller-2")])).trim();
                const caughtUp = status?.voters.every((voter) => voter.logEndOffset >= status.highWatermark);
                return status && status.leaderId !== 1002 && status.leaderId >= 1000 && caughtUp && health === "healthy" ? true : undefined;
            }, 120_000, 1000);
        }
        const activeBefore = `kafka-controller-${(await quorum()).leaderId - 1000}`;
        const members = [...CONTROLLERS, "kafka-0", "kafka-1", "kafka-2"];
        const oldIds = new Map(await Promise.all(members.map(async (member) => [member, (await docker(["inspect", "--format", "{{.Id}}", container(member)])).trim()] as [string, string])));

        await step({ metadata: "kraft-migrated", finalizeMigration: true, version: "4.4.0" }, "kraft-migrated: 3.9.1 -> 4.4.0");

        // Each member replaced; the controllers all started before any broker (brokers wait on the controllers' group).
        const started = new Map(await Promise.all(members.map(async (member) => {
            const [id, at] = (await docker(["inspect", "--format", "{{.Id}} {{.State.StartedAt}}", container(member)])).trim().split(" ") as [string, string];
            assert.notEqual(id, oldIds.get(member), `${member} was replaced`);
            return [member, Date.parse(at)] as [string, number];
        })));
        const controllerOrder = [...CONTROLLERS].sort((a, b) => started.get(a)! - started.get(b)!);
        report(`controllers restarted ${controllerOrder.join(" -> ")} (active before: ${activeBefore})`);
        assert.equal(controllerOrder[2], activeBefore, "the active controller restarts last");
        const lastController = Math.max(...CONTROLLERS.map((member) => started.get(member)!));
        for (const broker of ["kafka-0", "kafka-1", "kafka-2"]) assert.ok(started.get(broker)! > lastController, `${broker} restarted after the controllers`);
        // Containers run the image's id (targets/docker/local-image.ts).
        const upgradedImage = (await docker(["image", "inspect", "--format", "{{.Id}}", "streamstack/kafka:4.4.0"])).trim();
        for (const member of members) assert.equal((await docker(["inspect", "--format", "{{.Config.Image}}", container(member)])).trim(), upgradedImage, `${member} runs 4.4.0`);
        const levels = await Promise.all(brokers.bootstrap.split(",").map(async (endpoint) => (await brokerFeatureView(endpoint, brokers)).finalized ?? -1));
        report(`metadata.version ${METADATA_VERSION_3_9} -> ${levels.join(", ")}`);
        assert.ok(levels.every((level) => level === levels[0] && level > METADATA_VERSION_3_9), `raised on every broker: ${levels.join(", ")}`);
        const state = (await pulumiCli(["stack", "export", "--stack", e2e.name])).stdout;
        assert.match(state, new RegExp(`"level": ${levels[0]}\\b`), "the MetadataVersion resource records the level");
        assert.ok((await produceAndConsume(brokers, TOPIC.name, 10)).length >= 10);
    });
});

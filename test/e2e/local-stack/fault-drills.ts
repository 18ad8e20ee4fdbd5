/**
 * Fault drills on the local stack's running platform (test/e2e/local-stack.test.ts brings it
 * up once for its checks and these): a master and a broker SIGKILLed under an acks=all load,
 * one and then two of three ZooKeeper servers stopped, and drift made by hand. Each drill
 * restarts what it stopped and leaves every member healthy, and reports what it measured on
 * stderr ([drill] lines).
 */
import * as assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { PlatformEndpoints, zookeeperRows } from "../../../operations/status-report";
import { kafkaBrokers } from "../../../live";
import { DEFAULTS } from "../../../components/config/defaults";
import { E2eStack, progress, refreshChanges } from "../../../harness/e2e-stack";
import { produceAndConsume } from "../../../harness/kafka-client";
import { NumberedProducer } from "../../../harness/numbered-producer";
import { masterFailoverSeconds } from "../../../harness/master-failover";
import { dockerCrash } from "../../../harness/member-crash";
import { aliveMaster as aliveMasterOf, docker, dockerExec, eventually, everyMemberHealthy } from "../../../harness/platform-probe";

/** The topic the drills write to: the platform declares it (RF 3, min.insync.replicas 2). */
export const DRILL_TOPIC = { name: "drill", partitions: 6, replicationFactor: 3, config: { "min.insync.replicas": "2" } };

/** The platform the drills run on, up and healthy, with DRILL_TOPIC among its topics. */
export interface RunningPlatform {
    e2e: E2eStack;
    endpoints: PlatformEndpoints;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const report = (line: string) => process.stderr.write(`[drill] ${line}\n`);

export function faultDrills(platform: () => RunningPlatform): void {
    describe("fault drills", () => {
        let e2e: E2eStack;
        let endpoints: PlatformEndpoints;
        const container = (member: string) => `${e2e.prefix}-${member}`;
        const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
        const bootstrap = () => endpoints.kafkaBootstrapServers;
        const createTopic = (name: string, timeoutMs = 60_000) => dockerExec(container("kafka-0"), ["kafka-topics.sh", "--bootstrap-server", "kafka-0:9092",
            "--create", "--topic", name, "--partitions", "3", "--replication-factor", "3"], timeoutMs);
        const allHealthy = () => everyMemberHealthy(endpoints);
        /** Each server's mode as `npm run status` reads it through its host port ("down" when it does not answer). */
        const zookeeperModes = async (): Promise<string[]> => (await zookeeperRows(endpoints.zookeeperHostConnect)).map((row) => row.state);
        /** The position of the ALIVE master, or undefined while none is. */
        const aliveMaster = async () => (await aliveMasterOf(endpoints.sparkMasterUiUrls))?.index;

        before(async () => {
            ({ e2e, endpoints } = platform());
            await allHealthy();
        });

        it("fails a SIGKILLed ALIVE master over within 15 s (the standby ALIVE with both workers)", async () => {
            const seconds = await masterFailoverSeconds(dockerCrash(e2e.prefix), endpoints.sparkMasterUiUrls, 2);
            await allHealthy();
            // Against ZooKeeper's default session cap, in the same run: npm run bench:failover.
            report(`master failover (SIGKILL of the ALIVE master to standby ALIVE with both workers): ${seconds.toFixed(1)} s with zookeeper.tickTimeMs ${DEFAULTS.zookeeper.tickTimeMs}, maxSessionTimeoutMs ${DEFAULTS.zookeeper.maxSessionTimeoutMs} (streamstack's defaults)`);
            assert.ok(seconds <= 15, `failover took ${seconds.toFixed(1)} s with the project's settings (goal 15 s)`);
        });

        it("loses no acknowledged message when a broker is SIGKILLed under acks=all load; the broker rejoins the ISR", async () => {
            const producer = new NumberedProducer(bootstrap(), DRILL_TOPIC.name);
            producer.start();
            try {
                await sleep(5_000);
                const killedAt = Date.now();
                await docker(["kill", "--signal", "KILL", container("kafka-1")]);
                await sleep(15_000);
                await docker(["start", container("kafka-1")]);
                await eventually("kafka-1 registered again with every replica in sync", async () => {
                    const brokers = await kafkaBrokers(bootstrap());
                    return brokers.length === 3 && brokers.every((b) => b.underReplicated === 0) ? true : undefined;
                }, 180_000, 2_000);
                report(`broker kill: kafka-1 back in every ISR ${seconds(killedAt)} s after the SIGKILL (restarted after 15 s)`);
                await sleep(3_000);
            } finally {
                await producer.stop();
            }
            const audit = await producer.audit();
            report(`broker kill: ${producer.acked.size} acknowledged, ${audit.consumed} consumed, ${audit.lost.length} lost, ${audit.duplicates} duplicates, ` +
                `${producer.errors} failed sends, longest error window ${(producer.longestErrorWindowMs / 1000).toFixed(1)} s`);
            assert.ok(producer.acked.size > 1000, `the producer kept writing (${producer.acked.size} acknowledged)`);
            assert.deepEqual(audit.lost, [], "every acknowledged message is in the topic");
        });

        it("keeps Kafka writable, topics creatable and a Spark leader with 1 of 3 ZooKeeper servers stopped; it rejoins as a follower", async () => {
            const modes = await zookeeperModes();
            const follower = modes.indexOf("follower");
            assert.ok(follower >= 0, `a follower to stop (modes: ${modes.join(", ")})`);
            const leaderBefore = await eventually("an ALIVE master", aliveMaster);
            await docker(["stop", container(`zookeeper-${follower}`)]);
            try {
                assert.equal((await produceAndConsume(bootstrap(), DRILL_TOPIC.name, 20)).length >= 20, true);
                await createTopic("zk-one-down");
                const leaderAfter = await eventually("an ALIVE master", aliveMaster, 60_000);
                report(`1 of 3 ZooKeeper down: writes and topic creation work; ALIVE master ${leaderBefore} before, ${leaderAfter} after`);
            } finally {
                await docker(["start", container(`zookeeper-${follower}`)]);
            }
            const rejoinedAt = Date.now();
            await eventually(`zookeeper-${follower} back as a follower`, async () => ((await zookeeperModes())[follower] === "follower" ? true : undefined), 120_000);
            report(`1 of 3 ZooKeeper down: zookeeper-${follower} rejoined as follower ${seconds(rejoinedAt)} s after its start`);
            await allHealthy();
        });

        it("with 2 of 3 ZooKeeper servers stopped, reports what degrades; everything recovers after their restart", async () => {
            const modes = await zookeeperModes();
            const stopped = modes.map((mode, i) => (mode === "follower" ? i : -1)).filter((i) => i >= 0);
            assert.equal(stopped.length, 2, `two followers to stop (modes: ${modes.join(", ")})`);
            await docker(["stop", ...stopped.map((i) => container(`zookeeper-${i}`))]);
            const stoppedAt = Date.now();
            try {
                await sleep(15_000);
                const timed = async (what: () => Promise<unknown>) => {
                    const at = Date.now();
                    return what().then(() => `succeed in ${seconds(at)} s`, (error: Error) => `fail after ${seconds(at)} s (${error.message.split("\n").find((line) => /Error|Exception|timed out/i.test(line)) ?? error.message.slice(0, 120)})`);
                };
                const writes = await timed(() => produceAndConsume(bootstrap(), DRILL_TOPIC.name, 10, 20_000));
                // Created means visible in the brokers' metadata, not merely accepted by the command.
                const creation = await timed(async () => {
                    // Without a quorum kafka-topics.sh waits its own 60 s for metadata that cannot
                    // come; 20 s is already long past what a user waits to call it failed.
                    await createTopic("zk-two-down", 20_000);
                    const described = await dockerExec(container("kafka-0"), ["kafka-topics.sh", "--bootstrap-server", "kafka-0:9092", "--describe", "--topic", "zk-two-down"], 30_000);
                    if (!/PartitionCount: 3/.test(described)) throw new Error(`created but not described: ${described.slice(0, 120)}`);
                });
                const master = await aliveMaster();
                report(`2 of 3 ZooKeeper down (${seconds(stoppedAt)} s): acks=all writes to an existing topic ${writes}; topic creations ${creation}; ` +
                    `Spark: ${master === undefined ? "no ALIVE master" : `master ${master} ALIVE`}; ZooKeeper modes ${(await zookeeperModes()).join(", ")}`);
            } finally {
                await docker(["start", ...stopped.map((i) => container(`zookeeper-${i}`))]);
            }
            const restartedAt = Date.now();
            await allHealthy();
            report(`2 of 3 ZooKeeper down: every member healthy ${seconds(restartedAt)} s after the restart`);
            await createTopic("zk-recovered");
            assert.equal((await produceAndConsume(bootstrap(), DRILL_TOPIC.name, 10)).length >= 10, true);
        });

        it("drift: a worker stopped and a broker removed by hand show in refresh, and up restores both", async () => {
            await docker(["stop", container("spark-worker-0")]);
            await docker(["rm", "--force", container("kafka-2")]);
            const drifted = await refreshChanges(e2e);
            assert.ok(drifted.includes("update streamstack-spark-worker-0"), `refresh shows the stopped worker: ${drifted.join(", ")}`);
            assert.ok(drifted.some((line) => line.endsWith(" streamstack-kafka-2")), `refresh shows the removed broker: ${drifted.join(", ")}`);
            const startedAt = Date.now();
            const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
            const changes = Object.entries(result.summary.resourceChanges ?? {}).filter(([op]) => op !== "same");
            report(`drift: refresh saw ${drifted.join(", ")}; up (${changes.map(([op, n]) => `${op} ${n}`).join(", ")}) took ${seconds(startedAt)} s`);
            await allHealthy();
        });
    });
}

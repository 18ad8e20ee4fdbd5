/**
 * Kafka topics as Pulumi resources (`streamstack:kafka:Topic`, served by the project's
 * provider plugin) against the real brokers of the local stack's platform
 * (test/e2e/local-stack.test.ts, which declares INITIAL_TOPICS): created in the same `up` as the cluster, then
 * changed, refused, refreshed, renamed, deleted, adopted, imported with `pulumi import` and
 * migrated from dynamic-provider state, each checked with Kafka's own kafka-topics.sh /
 * kafka-configs.sh inside a broker container.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";
import { E2eStack, progress, PROJECT_DIR, pulumiCli, setConfig } from "../../../harness/e2e-stack";
import { dockerExec, eventually } from "../../../harness/platform-probe";

export interface TopicEntry {
    key?: string; name: string; partitions: number; replicationFactor: number; config?: Record<string, string>; import?: boolean; recreateOnRename?: boolean;
}
interface StateResource { urn: string; type: string; id?: string; parent?: string; provider?: string; outputs?: Record<string, unknown>; [k: string]: unknown }
interface Deployment { deployment: { resources: StateResource[] }; [k: string]: unknown }

/** The topics the suite starts from: the platform declares them in its first `up`. */
export const INITIAL_TOPICS: readonly TopicEntry[] = [
    { name: "alpha", partitions: 3, replicationFactor: 3, config: { "retention.ms": "86400000", "segment.ms": "3600000" } },
    { name: "beta", partitions: 2, replicationFactor: 1, config: { "cleanup.policy": "compact" } },
    { name: "gamma", partitions: 1, replicationFactor: 2, config: { "segment.ms": "600000" } },
];

/**
 * The suite, on a running platform that declared `platformTopics` and INITIAL_TOPICS in its
 * first `up`; it leaves the platform's own topics as they are.
 */
export function topicsAsResources(platform: () => E2eStack, platformTopics: readonly TopicEntry[]): void {
    describe("Kafka topics as resources", () => {
        let e2e: E2eStack;
        let topics: TopicEntry[] = [...INITIAL_TOPICS];
        const broker = () => `${e2e.prefix}-kafka-0`;
        const kafkaTool = (tool: string, ...args: string[]) => dockerExec(broker(), [`${tool}.sh`, "--bootstrap-server", "kafka-0:9092", ...args]);

        async function describeTopic(name: string): Promise<{ partitions: number; rf: number; isr: number[]; configs: Record<string, string> }> {
            const out = await kafkaTool("kafka-topics", "--describe", "--topic", name);
            const header = /PartitionCount: (\d+)\s+ReplicationFactor: (\d+)/.exec(out)!;
            const isr = [...out.matchAll(/Isr: ([0-9,]+)/g)].map((m) => m[1].split(",").length);
            const configsOut = await kafkaTool("kafka-configs", "--describe", "--entity-type", "topics", "--entity-name", name);
            const configs = Object.fromEntries([...configsOut.matchAll(/^\s+([a-z.]+)=(\S+) sensitive=/gm)].map((m) => [m[1], m[2]]));
            return { partitions: Number(header[1]), rf: Number(header[2]), isr, configs };
        }

        async function changedResources(): Promise<string[]> {
            const changed: string[] = [];
            await e2e.stack.preview({
                onEvent: (event) => {
                    const pre = event.resourcePreEvent?.metadata;
                    if (pre && pre.op !== "same" && !pre.type.startsWith("pulumi:providers:")) changed.push(`${pre.op} ${pre.urn.split("::").pop()}`);
                },
            });
            return changed;
        }

        /** Every step of a preview that is not "same", providers included. */
        async function previewChanges(): Promise<Record<string, number>> {
            const preview = await e2e.stack.preview();
            return Object.fromEntries(Object.entries(preview.changeSummary).filter(([op]) => op !== "same"));
        }

        async function exportState(): Promise<Deployment> {
            return JSON.parse((await pulumiCli(["stack", "export", "--stack", e2e.name])).stdout) as Deployment;
        }

        async function stateOf(topic: string): Promise<StateResource | undefined> {
            return (await exportState()).deployment.resources.find((r) => r.type === "streamstack:kafka:Topic" && r.id === topic);
        }

        const kafkaUrn = () => `urn:pulumi:${e2e.name}::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster::streamstack-kafka`;

        async function upWithTopics(next: TopicEntry[]) {
            topics = next;
            await setConfig(e2e.stack, { topics: [...platformTopics, ...topics] });
            return e2e.stack.up({ onOutput: progress(e2e.name) });
        }

        before(() => {
            e2e = platform();
        });

        it("creates three topics with their configs in the same up as the cluster", async () => {
            for (const topic of topics) {
                const live = await describeTopic(topic.name);
                assert.equal(live.partitions, topic.partitions, topic.name);
                assert.equal(live.rf, topic.replicationFactor, topic.name);
                assert.deepEqual(live.configs, topic.config, topic.name);
            }
        });

        it("increases partitions in place", async () => {
            const next = topics.map((t) => (t.name === "alpha" ? { ...t, partitions: 5 } : t));
            await setConfig(e2e.stack, { topics: [...platformTopics, ...next] });
            assert.deepEqual(await changedResources(), ["update streamstack-alpha"]);
            await upWithTopics(next);
            assert.equal((await describeTopic("alpha")).partitions, 5);
        });

        it("changes one config in place and leaves the others alone", async () => {
            const result = await upWithTopics(topics.map((t) => (t.name === "alpha" ? { ...t, config: { ...t.config, "retention.ms": "172800000" } } : t)));
            assert.equal(result.summary.resourceChanges?.update, 1);
            assert.deepEqual((await describeTopic("alpha")).configs, { "retention.ms": "172800000", "segment.ms": "3600000" });
        });

        it("refuses a partition decrease at preview and changes nothing", async () => {
            await setConfig(e2e.stack, { topics: [...platformTopics, ...topics.map((t) => (t.name === "alpha" ? { ...t, partitions: 2 } : t))] });
            await assert.rejects(e2e.stack.preview(), /partitions cannot go from 5 to 2/);
            await setConfig(e2e.stack, { topics: [...platformTopics, ...topics] });
            assert.equal((await describeTopic("alpha")).partitions, 5);
        });

        it("raises the replication factor 1 -> 3 by reassignment, with every replica in sync", async () => {
            await upWithTopics(topics.map((t) => (t.name === "beta" ? { ...t, replicationFactor: 3 } : t)));
            const beta = await describeTopic("beta");
            assert.equal(beta.rf, 3);
            assert.deepEqual(beta.isr, [3, 3]);
        });

        it("shows an out-of-band change as drift on refresh and repairs it on up", async () => {
            await kafkaTool("kafka-configs", "--alter", "--entity-type", "topics", "--entity-name", "gamma", "--add-config", "segment.ms=1234");
            const refresh = await e2e.stack.refresh({ onOutput: progress(e2e.name) });
            assert.equal(refresh.summary.resourceChanges?.update, 1);
            const repair = await e2e.stack.up({ onOutput: progress(e2e.name) });
            assert.equal(repair.summary.resourceChanges?.update, 1);
            assert.deepEqual((await describeTopic("gamma")).configs, { "segment.ms": "600000" });
        });

        it("shows out-of-band partition and replication-factor changes on refresh; repairs the RF and refuses to drop partitions", async () => {
            await kafkaTool("kafka-topics", "--alter", "--topic", "alpha", "--partitions", "6");
            const plan = JSON.stringify({ version: 1, partitions: [0, 1].map((partition) => ({ topic: "beta", partition, replicas: [partition, (partition + 1) % 3] })) });
            await dockerExec(broker(), ["bash", "-c", `echo '${plan}' > /tmp/beta.json && kafka-reassign-partitions.sh --bootstrap-server kafka-0:9092 --execute --reassignment-json-file /tmp/beta.json`]);
            await eventually("beta at RF 2", async () => ((await describeTopic("beta")).rf === 2 ? true : undefined));
            const refresh = await e2e.stack.refresh({ onOutput: progress(e2e.name) });
            assert.equal(refresh.summary.resourceChanges?.update, 2);
            assert.equal((await stateOf("alpha"))?.outputs?.partitions, 6);
            assert.equal((await stateOf("beta"))?.outputs?.replicationFactor, 2);
            // Kafka cannot remove the partition added behind Pulumi's back: the preview says so.
            await assert.rejects(e2e.stack.preview(), /partitions cannot go from 6 to 5/);
            // Declaring the 6 partitions leaves alpha as it is; beta's replicas are reassigned back.
            const repaired = await upWithTopics(topics.map((t) => (t.name === "alpha" ? { ...t, partitions: 6 } : t)));
            assert.equal(repaired.summary.resourceChanges?.update, 1);
            const beta = await describeTopic("beta");
            assert.equal(beta.rf, 3);
            assert.deepEqual(beta.isr, [3, 3]);
            assert.equal((await describeTopic("alpha")).partitions, 6);
        });

        it("refuses a rename at preview unless the entry accepts delete-and-recreate", async () => {
            const renamed = topics.map((t) => (t.name === "beta" ? { ...t, key: "beta", name: "beta-v2" } : t));
            await setConfig(e2e.stack, { topics: [...platformTopics, ...renamed] });
            await assert.rejects(e2e.stack.preview(), /renaming it to "beta-v2" would delete "beta"/);
            assert.match(await kafkaTool("kafka-topics", "--list"), /^beta$/m);
            await upWithTopics(renamed.map((t) => (t.name === "beta-v2" ? { ...t, recreateOnRename: true } : t)));
            const list = await kafkaTool("kafka-topics", "--list");
            assert.match(list, /^beta-v2$/m);
            assert.doesNotMatch(list, /^beta$/m);
            assert.equal((await describeTopic("beta-v2")).rf, 3);
        });

        it("deletes a topic removed from the config", async () => {
            await upWithTopics(topics.filter((t) => t.name !== "gamma"));
            const list = await kafkaTool("kafka-topics", "--list");
            assert.doesNotMatch(list, /^gamma$/m);
            assert.match(list, /^alpha$/m);
        });

        it("refuses to create over an existing topic and says to import it", async () => {
            await kafkaTool("kafka-topics", "--create", "--topic", "delta", "--partitions", "2", "--replication-factor", "2", "--config", "retention.ms=3600000");
            await setConfig(e2e.stack, { topics: [...platformTopics, ...topics, { name: "delta", partitions: 2, replicationFactor: 2, config: { "retention.ms": "3600000" } }] });
            await assert.rejects(e2e.stack.up({ onOutput: progress(e2e.name) }), /already exists on the cluster.*import/s);
        });

        it("adopts an existing topic whose live shape differs (import: true) and brings it to the declared shape", async () => {
            await upWithTopics([...topics, { name: "delta", partitions: 4, replicationFactor: 2, config: { "retention.ms": "7200000" }, import: true }]);
            const delta = await describeTopic("delta");
            assert.equal(delta.partitions, 4);
            assert.deepEqual(delta.configs, { "retention.ms": "7200000" });
            assert.deepEqual(await changedResources(), []);
        });

        it("imports an existing topic with `pulumi import streamstack:kafka:Topic`, after which the preview is empty", async () => {
            await kafkaTool("kafka-topics", "--create", "--topic", "epsilon", "--partitions", "3", "--replication-factor", "2", "--config", "segment.ms=600000");
            // Named as the platform names its topics (`<platform>-<key>`); the id names the brokers
            // (`<bootstrap servers>/<topic>`: the provider reads no stack config); --parent: config topics
            // live under the Kafka component. --generate-code=false: the language host built here has no program generator.
            const bootstrap = (await stateOf("alpha"))!.outputs!.bootstrapServers as string;
            await pulumiCli(["import", "streamstack:kafka:Topic", "streamstack-epsilon", `${bootstrap}/epsilon`, "--parent", kafkaUrn(), "--yes", "--protect=false",
                "--generate-code=false", "--stack", e2e.name]);
            assert.equal((await stateOf("epsilon"))?.outputs?.partitions, 3);
            topics = [...topics, { name: "epsilon", partitions: 3, replicationFactor: 2, config: { "segment.ms": "600000" } }];
            await setConfig(e2e.stack, { topics: [...platformTopics, ...topics] });
            assert.deepEqual(await previewChanges(), {});
        });

        it("migrates a dynamic-provider topic in state to streamstack:kafka:Topic without touching the topic", async () => {
            // The entries a stack made before the provider plugin held, captured from the real
            // engine (test/fixtures), re-homed into this stack: the same topic on this cluster.
            const fixture = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "test", "fixtures", "legacy-dynamic-topic.json"), "utf8")) as {
                stack: string; provider: StateResource; topic: StateResource;
            };
            // The fixture's stack named the Kafka component `kafka`, as streamstack 0.1 did; this stack,
            // made by this version, names it in the platform's scope.
            const rehome = (text: string) => text.split(`urn:pulumi:${fixture.stack}::`).join(`urn:pulumi:${e2e.name}::`)
                .split("streamstack:kafka:KafkaCluster::kafka\"").join("streamstack:kafka:KafkaCluster::streamstack-kafka\"");
            const provider = JSON.parse(rehome(JSON.stringify(fixture.provider))) as StateResource;
            const legacy = JSON.parse(rehome(JSON.stringify(fixture.topic))) as StateResource & { inputs: Record<string, unknown> };
            const bootstrap = (await stateOf("alpha"))!.outputs!.bootstrapServers as string;
            for (const props of [legacy.inputs, legacy.outputs!]) props.bootstrapServers = bootstrap;
            // Its old dependency was a broker of the old Docker provider, which this stack does not have.
            Object.assign(legacy, { dependencies: [], propertyDependencies: {} });
            const state = await exportState();
            state.deployment.resources.splice(1, 0, provider);
            state.deployment.resources.push(legacy);
            const file = path.join(PROJECT_DIR, "build", `legacy-${e2e.name}.json`);
            fs.writeFileSync(file, JSON.stringify(state));
            await pulumiCli(["stack", "import", "--file", file, "--stack", e2e.name]);
            await kafkaTool("kafka-topics", "--create", "--topic", "legacy-events", "--partitions", "2", "--replication-factor", "1", "--config", "retention.ms=3600000");
            topics = [...topics, { name: "legacy-events", partitions: 2, replicationFactor: 1, config: { "retention.ms": "3600000" } }];
            await setConfig(e2e.stack, { topics: [...platformTopics, ...topics] });

            const { stdout } = await promisify(execFile)("node", [path.join(PROJECT_DIR, "build", "scripts", "migrate-topics.js"), "--stack", e2e.name], {
                cwd: PROJECT_DIR, env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" },
            });
            assert.match(stdout, /1 topic\(s\) now streamstack:kafka:Topic: legacy-events/);
            const types = (await exportState()).deployment.resources.map((r) => r.type);
            assert.ok(!types.includes("pulumi-nodejs:dynamic/kafka:Topic") && !types.includes("pulumi:providers:pulumi-nodejs"), types.join(", "));
            assert.deepEqual(await previewChanges(), {});
            const live = await describeTopic("legacy-events");
            assert.equal(live.partitions, 2);
            assert.deepEqual(live.configs, { "retention.ms": "3600000" });
            // The up that follows (as the README says) changes nothing, and records that the
            // imported topics depend on the brokers, so a destroy deletes them before the brokers.
            const up = await e2e.stack.up({ onOutput: progress(e2e.name) });
            assert.deepEqual(Object.entries(up.summary.resourceChanges ?? {}).filter(([op]) => op !== "same"), []);
        });
    });
}

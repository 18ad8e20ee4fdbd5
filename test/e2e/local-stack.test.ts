/**
 * The local platform for real: `pulumi up` of a throwaway Docker stack through the
 * Automation API, then ZooKeeper, Kafka and Spark checked as a user would check them, with
 * the suites that can share its running platform (one `up` for all): Kafka topics as resources
 * (./local-stack/topics) and the fault drills (./local-stack/fault-drills); then destroy.
 * Ports differ from the `local` stack's so both can run side by side.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { createStack, E2eStack, outputValues, progress, pulumiCli, QUICK_START_JVMS, refreshChanges, removeStack, setConfig } from "../../harness/e2e-stack";
import { produceAndConsume } from "../../harness/kafka-client";
import { docker, dockerExec, eventually, fourLetterWord, labelled, masterStatus, MasterStatus, mastersWithWorkers, zookeeperMode } from "../../harness/platform-probe";
import { PlatformEndpoints } from "../../operations/status-report";
import { DRILL_TOPIC, faultDrills } from "./local-stack/fault-drills";
import { INITIAL_TOPICS, topicsAsResources } from "./local-stack/topics";
import { withoutWatcherNotices } from "../../harness/zookeeper-shell";

const PORTS = { zookeeperClient: 22181, kafkaExternal: 29092, sparkMasterUi: 28080, sparkWorkerUi: 28180 };
const SPARK = { masters: 2, workers: 2, workerCores: 2, workerMemory: "2g", coresMax: 4, defaultCores: 2, executorMemory: "1g" };
const SPARK_PI = ["bash", "/etc/streamstack/spark-submit.sh", "--driver-memory", "512m", "--class", "streamstack.examples.SparkPi", "/opt/spark/examples/jars/streamstack-examples.jar", "4"];

describe("local Docker stack, end to end", { timeout: 60 * 60_000 }, () => {
    let e2e: E2eStack;
    let outputs: Record<string, unknown>;
    const container = (member: string) => `${e2e.prefix}-${member}`;

    before(async () => {
        e2e = await createStack(`e2e-${process.pid}`, { target: "docker", ports: PORTS, spark: SPARK, topics: [DRILL_TOPIC, ...INITIAL_TOPICS], ...QUICK_START_JVMS });
        const started = Date.now();
        const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
        process.stderr.write(`[${e2e.name}] cold pulumi up: ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
        outputs = outputValues(result.outputs);
    });

    after(async () => {
        if (e2e) await removeStack(e2e);
    });

    it("exports bootstrap servers, ZooKeeper connect string, Spark master URL and UI URLs", () => {
        assert.equal(outputs.kafkaBootstrapServers, "127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
        assert.equal(outputs.zookeeperConnect, "zookeeper-0:2181,zookeeper-1:2181,zookeeper-2:2181");
        assert.equal(outputs.sparkMasterUrl, "spark://spark-master-0:7077,spark-master-1:7077");
        assert.deepEqual(outputs.sparkMasterUiUrls, ["http://127.0.0.1:28080", "http://127.0.0.1:28081"]);
        assert.deepEqual(outputs.sparkWorkerUiUrls, ["http://127.0.0.1:28180", "http://127.0.0.1:28181"]);
    });

    it("runs a ZooKeeper ensemble with exactly one leader and two followers", async () => {
        const modes = await Promise.all([0, 1, 2].map(async (i) => zookeeperMode(await fourLetterWord("127.0.0.1", PORTS.zookeeperClient + i, "srvr"))));
        assert.deepEqual(modes.sort(), ["follower", "follower", "leader"]);
    });

    it("registers 3 brokers under the chroot's /brokers/ids", async () => {
        const out = withoutWatcherNotices(await dockerExec(container("kafka-0"), ["zookeeper-shell.sh", "zookeeper-0:2181", "ls", "/kafka/brokers/ids"]));
        assert.match(out, /^\[0, 1, 2\]$/m);
    });

    it("closes an anonymous ZooKeeper session; Kafka's znodes are the kafka principal's, Spark's recovery directory the spark principal's", async () => {
        // The kafka image's shell, inside the platform's network, with the broker's login
        // (KAFKA_OPTS) or without it: the servers enforce the login whoever connects.
        const shell = async (anonymous: boolean, ...command: string[]) => {
            const env = anonymous ? ["-e", "KAFKA_OPTS="] : [];
            return withoutWatcherNotices(await docker(["exec", ...env, container("kafka-0"), "timeout", "40", "zookeeper-shell.sh", "zookeeper-0:2181", ...command])
                .catch((error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`));
        };
        const anonymous = await shell(true, "create", "/streamstack-e2e-anonymous", "x");
        assert.doesNotMatch(anonymous, /^Created /m, anonymous);
        assert.match(anonymous, /failed to authenticate/, anonymous);
        const root = await shell(false, "ls", "/");
        assert.match(root, /^\[.*\bkafka\b.*\]$/m, root);
        assert.doesNotMatch(root, /streamstack-e2e-anonymous/, root);
        // Kafka's own ACL: its principal does everything, the world only reads.
        assert.match(await shell(false, "getAcl", "/kafka/brokers/ids"), /'sasl,'kafka\n: cdrwa\n'world,'anyone\n: r/);
        // Spark's directory is closed even to the kafka principal (RecoveryDirOwner).
        assert.match(await shell(false, "ls", "/spark"), /Insufficient permission|NoAuth/);
    });

    it("round-trips messages produced with acks=all through the external listener on 127.0.0.1", async () => {
        await dockerExec(container("kafka-0"), ["kafka-topics.sh", "--bootstrap-server", "kafka-0:9092", "--create", "--topic", "e2e-roundtrip",
            "--partitions", "3", "--replication-factor", "3", "--config", "min.insync.replicas=2"]);
        const received = await produceAndConsume(outputs.kafkaBootstrapServers as string, "e2e-roundtrip", 30);
        assert.deepEqual([...received].sort(), Array.from({ length: 30 }, (_, i) => `message-${i}`).sort());
    });

    it("has one ALIVE and one STANDBY master, with both workers registered at the configured size", async () => {
        const statuses = await mastersWithWorkers(outputs.sparkMasterUiUrls as string[], 2);
        assert.deepEqual(statuses.map((s) => s.status).sort(), ["ALIVE", "STANDBY"]);
        const alive = statuses.find((s) => s.status === "ALIVE")!;
        for (const worker of alive.workers.filter((w) => w.state === "ALIVE")) {
            assert.equal(worker.cores, SPARK.workerCores);
            assert.equal(worker.memory, 2048);
        }
    });

    it("runs SparkPi against the multi-master URL within spark.cores.max", async () => {
        const out = await dockerExec(container("spark-worker-0"), SPARK_PI);
        const pi = Number(/Pi is roughly ([0-9.]+)/.exec(out)?.[1]);
        assert.ok(Math.abs(pi - Math.PI) < 0.05, `SparkPi printed ${pi}`);
        const cores = Number(/Granted executor cores: (\d+)/.exec(out)?.[1]);
        assert.ok(cores >= 1 && cores <= SPARK.coresMax, `granted ${cores} cores, spark.cores.max is ${SPARK.coresMax}`);
    });

    it("mounts one writable checkpoint volume at the same path in every Spark container", async () => {
        const members = ["spark-master-0", "spark-master-1", "spark-worker-0", "spark-worker-1"];
        for (const member of members) {
            await dockerExec(container(member), ["bash", "-c", `echo ${member} > /checkpoints/written-by-${member}`]);
        }
        for (const member of members) {
            const listing = await dockerExec(container(member), ["ls", "/checkpoints"]);
            for (const writer of members) assert.match(listing, new RegExp(`written-by-${writer}`), `${member} does not see ${writer}'s file`);
        }
    });

    it("publishes every port on 127.0.0.1 only", async () => {
        const names = await labelled("container", e2e.prefix);
        assert.equal(names.length, 10);
        const bindings = JSON.parse(await docker(["inspect", "--format", "{{json .HostConfig.PortBindings}}", ...names]).then((out) =>
            `[${out.trim().split("\n").join(",")}]`)) as Record<string, { HostIp: string }[]>[];
        const hostIps = bindings.flatMap((b) => Object.values(b ?? {}).flat().map((x) => x.HostIp));
        // 3 ZooKeeper clients, 3 broker listeners, 2 master UIs, 2 worker UIs (no REST gateway).
        assert.equal(hostIps.length, 10);
        assert.deepEqual([...new Set(hostIps)], ["127.0.0.1"]);
    });

    it("reports no changes on a second pulumi up", async () => {
        const result = await e2e.stack.up({ onOutput: progress(e2e.name) });
        const changes = Object.entries(result.summary.resourceChanges ?? {}).filter(([op]) => op !== "same");
        assert.deepEqual(changes, []);
    });

    it("reads back every property it set: a refresh right after up finds no drift", async () => {
        const result = await e2e.stack.refresh({ onOutput: progress(e2e.name) });
        const changes = Object.entries(result.summary.resourceChanges ?? {}).filter(([op]) => op !== "same");
        assert.deepEqual(changes, []);
        const preview = await e2e.stack.preview();
        assert.deepEqual(Object.entries(preview.changeSummary).filter(([op]) => op !== "same"), []);
    });

    // Before the checks below stop members by hand: the suite's refreshes count its topics' drift only.
    topicsAsResources(() => e2e, [DRILL_TOPIC]);

    /** `npm run status -- --stack <name>` as a user runs it (the compiled script): exit code and table. */
    const status = async (): Promise<{ code: number; table: string }> => {
        const script = path.resolve(__dirname, "..", "..", "scripts", "status.js");
        return promisify(execFile)("node", [script, "--stack", e2e.name], { env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: "" } })
            .then(({ stdout }) => ({ code: 0, table: stdout }))
            .catch((error: { code: number; stdout: string }) => ({ code: error.code, table: error.stdout }));
    };

    it("npm run status: every ZooKeeper server, broker, master and worker in one table, all healthy", async () => {
        const { code, table } = await status();
        assert.equal(code, 0, table);
        assert.match(table, /all 10 members healthy/);
        assert.equal((table.match(/zookeeper-\d .* (leader|follower)/g) ?? []).length, 3, table);
        assert.match(table, /kafka-2 +127\.0\.0\.1:29094 +registered +leads \d+ partitions?, 0 under-replicated/);
        assert.match(table, /spark-master-\d .* ALIVE/);
        assert.match(table, /spark-worker-1 .* ALIVE +cores \d\/2, memory \d+\/2048 MiB/);
    });

    it("shows a member stopped by hand on refresh and in npm run status, and the next up brings it back", async () => {
        const worker = container("spark-worker-1");
        await docker(["stop", worker]);
        const stopped = await eventually("status to flag the stopped worker", async () => {
            const result = await status();
            return result.code === 1 && /^! +spark +spark-worker-1/m.test(result.table) ? result : undefined;
        }, 90_000);
        assert.match(stopped.table, /1 of 10 members need attention/);
        assert.deepEqual(await refreshChanges(e2e), ["update streamstack-spark-worker-1"]);
        // The summary's operations, per resource (a replacement's other steps, create-replacement
        // and delete-replaced, are left out as the summary leaves them out).
        const changed = new Set<string>();
        const result = await e2e.stack.up({
            onOutput: progress(e2e.name),
            onEvent: (event) => {
                const step = event.resourcePreEvent?.metadata;
                if (step && ["create", "update", "replace", "delete"].includes(step.op)) changed.add(`${step.op} ${step.urn.split("::").pop()}`);
            },
        });
        // Upstream's docker plugin reads a stopped container without its ports, which forces a
        // replacement (hashicorp/terraform-provider-docker#211, docs/upstream-proposals.md): the
        // worker is recreated on its volumes, its gates wait for it, and nothing else changes.
        assert.deepEqual([...changed].sort(), ["replace streamstack-spark-worker-1", "update streamstack-spark-worker-1-ready", "update streamstack-spark-worker-ready"]);
        assert.deepEqual(Object.entries(result.summary.resourceChanges ?? {}).filter(([op]) => op !== "same").sort(), [["replace", 1], ["update", 2]]);
        const state = await eventually("the worker healthy again", async () => {
            const health = (await docker(["inspect", "--format", "{{.State.Health.Status}}", worker])).trim();
            return health === "healthy" ? health : undefined;
        }, 120_000);
        assert.equal(state, "healthy");
    });

    it("refuses at preview to skip a ZooKeeper authentication step, read from the running servers' labels", async () => {
        await setConfig(e2e.stack, { zookeeper: { authentication: "migrating-1" } });
        const failure = await e2e.stack.preview().then(() => "previewed", (error: Error) => error.message);
        await setConfig(e2e.stack, { zookeeper: {} });
        assert.match(failure, /streamstack:zookeeper\.authentication = "migrating-1": the running ZooKeeper servers are at step "required".*set "migrating-2"/s);
    });

    it("previews a workerCores change as a change to the workers only", async () => {
        await setConfig(e2e.stack, { spark: { ...SPARK, workerCores: 3 } });
        const changed: string[] = [];
        await e2e.stack.preview({
            onEvent: (event) => {
                const pre = event.resourcePreEvent?.metadata;
                // Provider bookkeeping (the default pulumi-nodejs provider) is not a platform resource.
                if (pre && pre.op !== "same" && !pre.type.startsWith("pulumi:providers:")) changed.push(`${pre.op} ${pre.urn.split("::").pop()}`);
            },
        });
        await setConfig(e2e.stack, { spark: SPARK });
        const resources = [...new Set(changed.map((c) => c.split(" ")[1]))].sort();
        // The workers' containers, and the readiness gates that roll them one at a time.
        assert.deepEqual(resources, ["spark-worker-0", "spark-worker-0-ready", "spark-worker-1", "spark-worker-1-ready", "spark-worker-ready"].map((name) => `streamstack-${name}`), `changes: ${changed.join(", ")}`);
    });

    it("fails over to the standby master through ZooKeeper when the leader stops", async () => {
        const urls = outputs.sparkMasterUiUrls as string[];
        const statuses: MasterStatus[] = await Promise.all(urls.map((url) => masterStatus(url)));
        const leader = statuses.findIndex((s) => s.status === "ALIVE");
        await docker(["stop", container(`spark-master-${leader}`)]);
        try {
            const standby = urls[1 - leader];
            const promoted = await eventually("standby master taking over", async () => {
                const status = await masterStatus(standby);
                return status.status === "ALIVE" && status.workers.filter((w) => w.state === "ALIVE").length === 2 ? status : undefined;
            }, 180_000);
            assert.equal(promoted.status, "ALIVE");
            const out = await dockerExec(container("spark-worker-1"), SPARK_PI);
            assert.match(out, /Pi is roughly 3\.1/);
        } finally {
            await docker(["start", container(`spark-master-${leader}`)]);
        }
    });

    it("adopts a container made by hand with `pulumi import docker:index/container:Container`", async () => {
        const name = `${e2e.prefix}-adopted`;
        const id = (await docker(["run", "-d", "--name", name, "--label", `streamstack.stack=${e2e.prefix}`,
            "--entrypoint", "sleep", "streamstack/zookeeper:local", "infinity"])).trim();
        try {
            // --generate-code=false: the nodejs language host that can be built here (sdk v3.68.0)
            // predates GenerateProgram, so only the code printout of `pulumi import` is missing.
            const { stdout } = await pulumiCli(["import", "docker:index/container:Container", "adopted", id, "--yes", "--protect=false",
                "--generate-code=false", "--stack", e2e.name]);
            assert.match(stdout, /= 1 imported/);
            const exported = JSON.parse((await pulumiCli(["stack", "export", "--stack", e2e.name])).stdout) as {
                deployment: { resources: { type: string; id?: string; urn: string; outputs?: Record<string, unknown> }[] };
            };
            const adopted = exported.deployment.resources.find((r) => r.type === "docker:index/container:Container" && r.id === id);
            assert.ok(adopted, "the imported container is not in the stack's state");
            // Read from the engine, as for any container of the stack.
            assert.equal(adopted.outputs?.name, name);
            assert.deepEqual(adopted.outputs?.command, ["infinity"]);
            assert.deepEqual(adopted.outputs?.entrypoints, ["sleep"]);
            // Hand it back: the program does not declare it, so the next up would delete it.
            await pulumiCli(["state", "delete", adopted.urn, "--yes", "--stack", e2e.name]);
        } finally {
            await docker(["rm", "-f", name]);
        }
    });

    // The drills take the platform as the checks above leave it.
    faultDrills(() => ({ e2e, endpoints: outputs as unknown as PlatformEndpoints }));

    it("leaves no container, network or volume of the stack after destroy", async () => {
        await e2e.stack.destroy({ onOutput: progress(e2e.name) });
        assert.deepEqual(await labelled("container", e2e.prefix), []);
        assert.deepEqual(await labelled("network", e2e.prefix), []);
        assert.deepEqual(await labelled("volume", e2e.prefix), []);
    });
});

import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { ClusterLimits, jobFailures } from "../../components/spark/job-rules";
import { SAMPLE_JOB, sampleJobArgs } from "../../components/spark/sample-job";
import { STREAMING_JOB_TYPE } from "../../components/model/resource-tokens";
import { streamingJobHandler } from "../../plugins/streamstack/spark/job-handler";
import { JobProps } from "../../plugins/streamstack/spark/job-props";
import { findCurrentDriver, MasterJson } from "../../plugins/streamstack/spark/master-state";
import { CLIENT_PROPERTIES, driverAlreadyGone, killRun, masterUnreachable, renderProperties, submitRun, submittedDriverId } from "../../plugins/streamstack/spark/submission";
import { problemsOf } from "../support/config-problems";

const LIMITS: ClusterLimits = { coresMax: 4, workerCores: 2, workerMemory: "2g", workers: 2 };
const JOB: JobProps = {
    appName: "windowed-counts", jar: SAMPLE_JOB.jar, mainClass: SAMPLE_JOB.mainClass, args: ["--input-topic", "events"],
    cores: 2, executorMemory: "512m", driverMemory: "512m", driverCores: 1, sparkConf: { "spark.sql.shuffle.partitions": "4" },
    masterUrl: "spark://spark-master-0:7077,spark-master-1:7077",
    masterUiUrls: ["http://127.0.0.1:8080", "http://127.0.0.1:8081"],
    submitPlace: { target: "docker", network: "streamstack-test", image: "sha256:0", labels: {}, runAsUser: 185 }, authSecret: "s3cret",
    limits: LIMITS, checkpointBoundArgs: [],
};

const TOPICS = [{ name: "events", partitions: 4 }, { name: "event-counts", partitions: 2, config: { "cleanup.policy": "compact" } }];
const SAMPLE_ENTRY = { name: "windowed-counts", args: { "input-topic": "events", "output-topic": "event-counts" } };

describe("job limits against the cluster", () => {
    it("accepts a job that fits", () => {
        assert.deepEqual(jobFailures(JOB, LIMITS), []);
    });

    it("refuses more cores than spark.cores.max and memory beyond a worker's, naming the fix", () => {
        const failures = jobFailures({ ...JOB, cores: 6, executorMemory: "3g", driverMemory: "4g", driverCores: 3 }, LIMITS);
        assert.deepEqual(failures.map((f) => f.property), ["cores", "driverCores", "executorMemory", "driverMemory"]);
        assert.match(failures[0].reason, /spark\.cores\.max \(4\).*lower the job's cores or raise spark\.coresMax/);
        assert.match(failures[2].reason, /spark\.workerMemory = 2g.*raise spark\.workerMemory/);
    });

    it("refuses a driver that would leave no core for an executor (it would run and never process a batch)", () => {
        const [failure, ...others] = jobFailures({ ...JOB, cores: 1 }, { ...LIMITS, workers: 1, workerCores: 1 });
        assert.deepEqual(others, []);
        assert.equal(failure?.property, "driverCores");
        assert.match(failure!.reason, /every core of the cluster \(spark\.workers × spark\.workerCores = 1\).*raise spark\.workerCores or spark\.workers/);
        assert.deepEqual(jobFailures({ ...JOB, cores: 1 }, { ...LIMITS, workers: 1, workerCores: 2 }), []);
    });

    it("refuses memory Spark would not parse", () => {
        assert.match(jobFailures({ ...JOB, executorMemory: "1.5g" }, LIMITS)[0].reason, /not a memory size/);
    });
});

describe("streamstack:jobs in stack config", () => {
    it("defaults to the sample job's class and jar, 2 cores and 512m", () => {
        const settings = resolveSettings({ topics: TOPICS, jobs: [SAMPLE_ENTRY] });
        assert.deepEqual(settings.jobs[0], {
            name: "windowed-counts", mainClass: SAMPLE_JOB.mainClass, jar: SAMPLE_JOB.jar, args: SAMPLE_ENTRY.args,
            cores: 2, executorMemory: "512m", driverMemory: "512m", driverCores: 1, conf: {}, acls: {},
        });
    });

    it("reports every problem of a job entry at preview, by key", () => {
        const problems = problemsOf({
            topics: TOPICS,
            jobs: [{ ...SAMPLE_ENTRY, cores: 8, executorMemory: "4g", colour: "red" }, { ...SAMPLE_ENTRY, args: { "input-topic": "nope" } }],
        });
        const keys = problems.map((p) => p.key);
        assert.ok(keys.includes("streamstack:jobs[0].cores"), JSON.stringify(problems));
        assert.ok(keys.includes("streamstack:jobs[0].executorMemory"));
        assert.ok(keys.includes("streamstack:jobs[0].colour"));
        assert.ok(keys.includes("streamstack:jobs[1].name"), "a duplicate name would share a checkpoint");
        assert.ok(problems.some((p) => p.key === "streamstack:jobs[1].args.input-topic" && /declare it in streamstack:topics/.test(p.message)));
        assert.ok(problems.some((p) => p.key === "streamstack:jobs[1].args" && /output-topic/.test(p.message)));
    });

    it("refuses two jobs the masters could not tell apart after a relaunch", () => {
        const problems = problemsOf({ topics: TOPICS, jobs: [SAMPLE_ENTRY, { ...SAMPLE_ENTRY, name: "second" }] });
        assert.ok(problems.some((p) => p.key === "streamstack:jobs[1].driverMemory" && /jobs\[0\]/.test(p.message)), JSON.stringify(problems));
        assert.deepEqual(problemsOf({ topics: TOPICS, jobs: [SAMPLE_ENTRY, { ...SAMPLE_ENTRY, name: "second", driverMemory: "640m" }] }), []);
    });

    it("gives the sample job the internal bootstrap servers and its checkpoint directory, unless the entry sets them", () => {
        assert.deepEqual(sampleJobArgs({ window: "1 minute" }, "kafka-0:9092", "/checkpoints/wc"),
            ["--bootstrap-servers", "kafka-0:9092", "--checkpoint", "/checkpoints/wc", "--window", "1 minute"]);
        assert.deepEqual(sampleJobArgs({ checkpoint: "/checkpoints/other" }, "k:1", "/checkpoints/wc"),
            ["--bootstrap-servers", "k:1", "--checkpoint", "/checkpoints/other"]);
    });
});

/** A properties file back into its entries (keys have no separators; values as Java reads them). */
function parseProperties(text: string): Record<string, string> {
    return Object.fromEntries(text.trimEnd().split("\n").map((line) => {
        const at = line.indexOf("=");
        return [line.slice(0, at), line.slice(at + 1).replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r" })[c] ?? c)];
    }));
}

describe("the submission", () => {
    const run = submitRun(JOB, "s3cret");
    const props = parseProperties(run.properties);

    it("is spark-submit in cluster deploy mode, supervised, to every master, with the job's jar, class and arguments", () => {
        assert.deepEqual(run.command, ["/opt/spark/bin/spark-submit", "--master", JOB.masterUrl, "--deploy-mode", "cluster", "--supervise",
            "--properties-file", CLIENT_PROPERTIES, "--class", SAMPLE_JOB.mainClass, SAMPLE_JOB.jar, ...JOB.args]);
        assert.equal(props["spark.cores.max"], "2");
        assert.equal(props["spark.executor.memory"], "512m");
        assert.equal(props["spark.sql.shuffle.partitions"], "4");
    });

    it("authenticates with the secret from its properties file, never from its command line", () => {
        assert.equal(props["spark.authenticate"], "true");
        assert.equal(props["spark.authenticate.secret"], "s3cret");
        assert.equal(props["spark.network.crypto.enabled"], "true");
        assert.ok(!run.command.join(" ").includes("s3cret"));
        const kill = killRun(JOB.masterUrl, "driver-1", "s3cret");
        assert.equal(parseProperties(kill.properties)["spark.authenticate.secret"], "s3cret");
        assert.ok(!kill.command.join(" ").includes("s3cret"));
        assert.deepEqual(kill.command.slice(-5), ["org.apache.spark.deploy.Client", "spark-internal", "kill", JOB.masterUrl, "driver-1"]);
    });

    it("gives the driver the Java 17 module flags and the secret agent, before the job's own java options", () => {
        assert.match(props["spark.driver.extraJavaOptions"], /--add-opens=java\.base\/sun\.nio\.ch=ALL-UNNAMED.* -javaagent:\/opt\/spark\/jars\/streamstack-auth-agent\.jar$/);
        const own = parseProperties(submitRun({ ...JOB, sparkConf: { "spark.driver.extraJavaOptions": "-Dx=1" } }, "s").properties);
        assert.match(own["spark.driver.extraJavaOptions"], /-javaagent:\S+ -Dx=1$/);
    });

    it("lets sparkConf not override what the resource owns, the secret included", () => {
        const overridden = parseProperties(submitRun({ ...JOB, sparkConf: { "spark.cores.max": "99", "spark.app.name": "x", "spark.authenticate": "false" } }, "s").properties);
        assert.equal(overridden["spark.cores.max"], "2");
        assert.equal(overridden["spark.app.name"], "windowed-counts");
        assert.equal(overridden["spark.authenticate"], "true");
    });

    it("turns off the driver UI's kill buttons unless the job's conf turns them on", () => {
        assert.equal(props["spark.ui.killEnabled"], "false");
        assert.equal(parseProperties(submitRun({ ...JOB, sparkConf: { "spark.ui.killEnabled": "true" } }, "s").properties)["spark.ui.killEnabled"], "true");
    });

    it("escapes values as Java's properties format reads them", () => {
        assert.equal(renderProperties({ a: "x\\y", b: " lead", c: "two\nlines" }), "a=x\\\\y\nb=\\ lead\nc=two\\nlines\n");
    });

    it("reads the driver id spark-submit reports, and a kill of a driver that is gone", () => {
        assert.equal(submittedDriverId("26/12/05 15:45:29 INFO ClientEndpoint: Driver successfully submitted as driver-20261205154529-0000\n"), "driver-20261205154529-0000");
        assert.equal(submittedDriverId("ERROR nothing"), undefined);
        assert.ok(driverAlreadyGone("Driver driver-1 has already finished or does not exist"));
        assert.ok(!driverAlreadyGone("Connection refused"));
    });

    it("tells a client that reached no master (worth another try: nothing was sent) from one a master answered", () => {
        assert.ok(masterUnreachable("Caused by: java.io.IOException: Failed to connect to spark-master-1.spark-master-headless.ns.svc.cluster.local/10.244.0.23:7077\n" +
            "Caused by: java.net.NoRouteToHostException: No route to host"));
        assert.ok(!masterUnreachable("Driver driver-1 has already finished or does not exist"));
        assert.ok(!masterUnreachable("Driver successfully submitted as driver-20261205154529-0000"));
    });
});

describe("finding the job's current driver", () => {
    const driver = (id: string, state: string, starttime: string, extra: Partial<MasterJson["activedrivers"][number]> = {}) =>
        ({ id, state, starttime, cores: 1, memory: 512, worker: "worker-1", mainclass: SAMPLE_JOB.mainClass, ...extra });
    const master = (active: MasterJson["activedrivers"], completed: MasterJson["activedrivers"] = []): MasterJson =>
        ({ url: "spark://m:7077", status: "ALIVE", activedrivers: active, completeddrivers: completed, activeapps: [] });
    const job = { driverId: "driver-1", mainClass: SAMPLE_JOB.mainClass, driverCores: 1, driverMemoryMb: 512 };

    it("is the recorded driver while it is active", () => {
        assert.equal(findCurrentDriver(master([driver("driver-0", "RUNNING", "1"), driver("driver-1", "RUNNING", "2")]), job)?.id, "driver-1");
    });

    it("follows a supervised relaunch to the newest active driver of the same class, cores and memory", () => {
        const state = master([driver("driver-7", "RUNNING", "7"), driver("driver-9", "SUBMITTED", "9"), driver("other", "RUNNING", "10", { mainclass: "x.Other" })],
            [driver("driver-1", "RELAUNCHING", "1")]);
        assert.deepEqual(findCurrentDriver(state, job), { id: "driver-9", state: "SUBMITTED", worker: "worker-1" });
    });

    it("reports how an ended driver ended, and nothing when the master knows no driver of the job", () => {
        assert.equal(findCurrentDriver(master([], [driver("driver-1", "FAILED", "1")]), job)?.state, "FAILED");
        assert.equal(findCurrentDriver(master([driver("other", "RUNNING", "1", { memory: 1024 })]), job), undefined);
    });
});

describe("the StreamingJob handler's check and diff", () => {
    const handler = streamingJobHandler();
    const raw = JOB as unknown as Record<string, unknown>;

    it("serves streamstack:spark:StreamingJob", () => {
        assert.equal(handler.token, STREAMING_JOB_TYPE);
    });

    it("refuses at check a job beyond the cluster's limits, by property", async () => {
        const result = await handler.check(undefined, { ...raw, cores: 5 });
        assert.equal(result.failures?.[0]?.property, "cores");
    });

    it("refuses at check a window change the checkpoint cannot follow, unless the job gets a new name", async () => {
        const bound = { ...raw, checkpointBoundArgs: ["window"], args: ["--window", "1 minute"] };
        const refused = await handler.check(bound, { ...bound, args: ["--window", "2 minutes"] });
        assert.equal(refused.failures?.[0]?.property, "args");
        assert.match(refused.failures?.[0]?.reason ?? "", /--window changes from "1 minute" to "2 minutes".*new name/);
        assert.deepEqual((await handler.check(bound, { ...bound, appName: "wc-2m", args: ["--window", "2 minutes"] })).failures, []);
        assert.deepEqual((await handler.check(bound, { ...bound, args: ["--window", "1 minute", "--trigger", "9 seconds"] })).failures, []);
    });

    it("updates in place on a config change, replaces on a new appName, resubmits an ended driver", async () => {
        const recorded = { ...raw, driverId: "driver-1", driverState: "RUNNING" };
        assert.deepEqual(await handler.diff("windowed-counts", recorded, { ...raw, executorMemory: "640m" }), { changes: true, replaces: [], deleteBeforeReplace: true });
        assert.deepEqual((await handler.diff("windowed-counts", recorded, { ...raw, appName: "wc2" })).replaces, ["appName"]);
        assert.equal((await handler.diff("windowed-counts", recorded, raw)).changes, false);
        assert.equal((await handler.diff("windowed-counts", { ...recorded, driverState: "FAILED" }, raw)).changes, true);
    });
});

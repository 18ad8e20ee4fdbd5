import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { ClusterLimits, jobFailures } from "../../components/spark/job-rules";
import { SAMPLE_JOB, sampleJobArgs } from "../../components/spark/sample-job";
import { STREAMING_JOB_TYPE } from "../../components/model/resource-tokens";
import { streamingJobHandler } from "../../plugins/streamstack/spark/job-handler";
import { JobProps } from "../../plugins/streamstack/spark/job-props";
import { findCurrentDriver, MasterJson } from "../../plugins/streamstack/spark/master-state";
import { submissionRequest } from "../../plugins/streamstack/spark/submission";
import { problemsOf } from "../support/config-problems";

const LIMITS: ClusterLimits = { coresMax: 4, workerCores: 2, workerMemory: "2g", workers: 2 };
const JOB: JobProps = {
    appName: "windowed-counts", jar: SAMPLE_JOB.jar, mainClass: SAMPLE_JOB.mainClass, args: ["--input-topic", "events"],
    cores: 2, executorMemory: "512m", driverMemory: "512m", driverCores: 1, sparkConf: { "spark.sql.shuffle.partitions": "4" },
    masterUrl: "spark://spark-master-0:7077,spark-master-1:7077",
    masterRestUrls: ["http://127.0.0.1:6066", "http://127.0.0.1:6067"], masterUiUrls: ["http://127.0.0.1:8080", "http://127.0.0.1:8081"],
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
            cores: 2, executorMemory: "512m", driverMemory: "512m", driverCores: 1, conf: {},
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

describe("the submission", () => {
    const request = submissionRequest(JOB) as { sparkProperties: Record<string, string>; appArgs: string[]; appResource: string };

    it("is cluster deploy mode, supervised, with the job's own limits and every master", () => {
        const props = request.sparkProperties;
        assert.equal(props["spark.submit.deployMode"], "cluster");
        assert.equal(props["spark.driver.supervise"], "true");
        assert.equal(props["spark.cores.max"], "2");
        assert.equal(props["spark.executor.memory"], "512m");
        assert.equal(props["spark.master"], JOB.masterUrl);
        assert.equal(props["spark.sql.shuffle.partitions"], "4");
        assert.deepEqual(request.appArgs, JOB.args);
        assert.equal(request.appResource, SAMPLE_JOB.jar);
    });

    it("carries the Java 17 module flags spark-submit would add, and lets sparkConf not override what the resource owns", () => {
        assert.match(request.sparkProperties["spark.driver.defaultJavaOptions"], /--add-opens=java\.base\/sun\.nio\.ch=ALL-UNNAMED/);
        const overridden = submissionRequest({ ...JOB, sparkConf: { "spark.cores.max": "99", "spark.app.name": "x" } }) as { sparkProperties: Record<string, string> };
        assert.equal(overridden.sparkProperties["spark.cores.max"], "2");
        assert.equal(overridden.sparkProperties["spark.app.name"], "windowed-counts");
    });

    it("turns off the driver UI's kill buttons unless the job's conf turns them on", () => {
        assert.equal(request.sparkProperties["spark.ui.killEnabled"], "false");
        const optedIn = submissionRequest({ ...JOB, sparkConf: { "spark.ui.killEnabled": "true" } }) as { sparkProperties: Record<string, string> };
        assert.equal(optedIn.sparkProperties["spark.ui.killEnabled"], "true");
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

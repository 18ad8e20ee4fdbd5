import { PlatformSettings } from "./defaults";
import { isStorageQuantity, parseJvmMemoryMb } from "./memory";
import { ConfigProblem, configKey } from "./problem";
import { topicFailures, TopicShape } from "../kafka/topic-rules";
import { clusterLimits, jobFailures } from "../spark/job-rules";
import { SAMPLE_JOB } from "../spark/sample-job";

type Report = (path: string, value: unknown, message: string) => void;

function checkZooKeeper({ zookeeper }: PlatformSettings, report: Report): void {
    const n = zookeeper.replicas;
    if (n < 1 || n % 2 === 0) {
        const fix = n < 1 ? "use 1 for development or 3/5 for HA" : `use ${n - 1 > 0 ? `${n - 1} or ` : ""}${n + 1}`;
        report("zookeeper.replicas", n, `a ZooKeeper ensemble needs an odd number of servers (>= 1) to keep a majority; ${fix}`);
    }
    if (zookeeper.heapMb < 64) report("zookeeper.heapMb", zookeeper.heapMb, "ZooKeeper needs at least 64 MiB of heap");
    if (zookeeper.maxSessionTimeoutMs < 2 * zookeeper.tickTimeMs) {
        report("zookeeper.maxSessionTimeoutMs", zookeeper.maxSessionTimeoutMs,
            `must be at least 2 x tickTimeMs (${2 * zookeeper.tickTimeMs}), ZooKeeper's minimum session; raise it or lower tickTimeMs`);
    }
    if (zookeeper.syncLimit < 1 || zookeeper.initLimit < zookeeper.syncLimit) {
        report("zookeeper.initLimit", zookeeper.initLimit, `initLimit must be >= syncLimit (${zookeeper.syncLimit}) and both >= 1`);
    }
}

function checkKafka({ kafka }: PlatformSettings, report: Report): void {
    if (kafka.brokers < 1) report("kafka.brokers", kafka.brokers, "at least 1 broker is needed");
    const rf = kafka.defaultReplicationFactor;
    if (rf < 1 || rf > kafka.brokers) {
        report("kafka.defaultReplicationFactor", rf,
            `must be between 1 and kafka.brokers (${kafka.brokers}); lower it or add brokers`);
    }
    if (kafka.minInsyncReplicas < 1 || kafka.minInsyncReplicas > rf) {
        report("kafka.minInsyncReplicas", kafka.minInsyncReplicas,
            `must be between 1 and kafka.defaultReplicationFactor (${rf}), or acks=all writes can never succeed`);
    }
    if (kafka.heapMb < 128) report("kafka.heapMb", kafka.heapMb, "a Kafka broker needs at least 128 MiB of heap");
    if (!/^\/[a-zA-Z0-9._/-]*[a-zA-Z0-9._-]$/.test(kafka.zookeeperChroot)) {
        report("kafka.zookeeperChroot", kafka.zookeeperChroot, 'must be an absolute znode path such as "/kafka" (no trailing slash)');
    }
}

function checkSpark({ spark }: PlatformSettings, report: Report): void {
    if (spark.masters < 1) report("spark.masters", spark.masters, "at least 1 master is needed (2 or more for standby recovery)");
    if (spark.workers < 1) report("spark.workers", spark.workers, "at least 1 worker is needed to run executors");
    if (spark.workerCores < 1) report("spark.workerCores", spark.workerCores, "each worker needs at least 1 core");

    const workerMb = parseJvmMemoryMb(spark.workerMemory);
    const executorMb = parseJvmMemoryMb(spark.executorMemory);
    const memoryHint = 'use a whole number with an optional k/m/g/t suffix, e.g. "2g" or "512m"';
    if (workerMb === undefined) report("spark.workerMemory", spark.workerMemory, `not a memory size Spark accepts; ${memoryHint}`);
    if (executorMb === undefined) report("spark.executorMemory", spark.executorMemory, `not a memory size Spark accepts; ${memoryHint}`);
    if (workerMb !== undefined && executorMb !== undefined && executorMb > workerMb) {
        report("spark.executorMemory", spark.executorMemory,
            `larger than spark.workerMemory (${spark.workerMemory}), so no worker could ever launch an executor; lower executorMemory or raise workerMemory`);
    }

    const totalCores = Math.max(spark.workers, 0) * Math.max(spark.workerCores, 0);
    if (spark.coresMax < 1 || spark.coresMax > totalCores) {
        report("spark.coresMax", spark.coresMax,
            `must be between 1 and the workers' total cores (${spark.workers} workers x ${spark.workerCores} cores = ${totalCores}); lower spark.coresMax or raise spark.workers/spark.workerCores`);
    }
    if (spark.defaultCores < 1 || spark.defaultCores > spark.coresMax) {
        report("spark.defaultCores", spark.defaultCores, `must be between 1 and spark.coresMax (${spark.coresMax})`);
    }
    if (!/^\/[a-zA-Z0-9._/-]*[a-zA-Z0-9._-]$/.test(spark.recoveryDir)) {
        report("spark.recoveryDir", spark.recoveryDir, 'must be an absolute znode path such as "/spark"');
    }
    if (spark.workerCleanupAppDataTtl < 1) {
        report("spark.workerCleanupAppDataTtl", spark.workerCleanupAppDataTtl, "must be a positive number of seconds (604800 = 7 days)");
    }
    if (!/^\/[^\s:]*$/.test(spark.checkpoint.path) || spark.checkpoint.path === "/") {
        report("spark.checkpoint.path", spark.checkpoint.path, 'must be an absolute directory other than "/", e.g. "/checkpoints"');
    }
    if (!isStorageQuantity(spark.checkpoint.size)) {
        report("spark.checkpoint.size", spark.checkpoint.size, 'must be a Kubernetes quantity such as "5Gi"');
    }
}

function checkTopics({ topics, kafka }: PlatformSettings, report: Report): void {
    const seen = new Map<string, number>();
    const seenKeys = new Map<string, number>();
    topics.forEach((topic, i) => {
        // The same rules the topic provider checks, with the broker count from this stack.
        for (const failure of topicFailures(topic, kafka.brokers)) {
            const value = failure.property.startsWith("config.") ? topic.config[failure.property.slice(7)] : topic[failure.property as keyof TopicShape];
            const fix = failure.property === "replicationFactor" ? `; lower it or raise kafka.brokers (${kafka.brokers})`
                : failure.property === "name" ? "; rename the topic" : "";
            report(`topics[${i}].${failure.property}`, value, failure.reason + fix);
        }
        const first = seen.get(topic.name);
        if (first !== undefined) {
            report(`topics[${i}].name`, topic.name, `duplicate of topics[${first}]; each topic may be declared once`);
        } else {
            seen.set(topic.name, i);
        }
        const firstKey = seenKeys.get(topic.key);
        if (firstKey !== undefined && topic.key !== topic.name) {
            report(`topics[${i}].key`, topic.key, `the same key as topics[${firstKey}]; a key names one entry for good, give this one its own`);
        } else if (firstKey === undefined) {
            seenKeys.set(topic.key, i);
        }
    });
}

function checkJobs(settings: PlatformSettings, report: Report): void {
    const limits = clusterLimits(settings.spark);
    const topicNames = new Set(settings.topics.map((topic) => topic.name));
    const seen = new Map<string, number>();
    const driverShapes = new Map<string, number>();
    settings.jobs.forEach((job, i) => {
        // After a supervised relaunch the masters know a driver only by its main class, cores
        // and memory (the job provider finds the job's new driver by them).
        const shape = `${job.mainClass} ${job.driverCores} ${parseJvmMemoryMb(job.driverMemory)}`;
        const sameShape = driverShapes.get(shape);
        if (sameShape !== undefined) {
            report(`jobs[${i}].driverMemory`, job.driverMemory, `jobs[${sameShape}] has the same mainClass, driverCores and driverMemory, so the masters could not tell their drivers apart after a relaunch; give one a different driverMemory (e.g. "640m")`);
        } else {
            driverShapes.set(shape, i);
        }
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(job.name)) {
            report(`jobs[${i}].name`, job.name, "must be lower-case letters, digits and '-' (it names the checkpoint directory and the resource)");
        }
        const first = seen.get(job.name);
        if (first !== undefined) report(`jobs[${i}].name`, job.name, `duplicate of jobs[${first}]: two jobs would share a checkpoint; rename one`);
        else seen.set(job.name, i);
        for (const failure of jobFailures(job, limits)) report(`jobs[${i}].${failure.property}`, job[failure.property], failure.reason);
        if (job.mainClass !== SAMPLE_JOB.mainClass) return;
        // The sample job reads one topic and writes another: both must be declared, or the job
        // fails at start (Kafka auto-creation is off).
        for (const arg of ["input-topic", "output-topic"]) {
            const topic = job.args[arg];
            if (topic === undefined) report(`jobs[${i}].args`, job.args, `the sample job needs "${arg}" (a topic from streamstack:topics)`);
            else if (!topicNames.has(topic)) report(`jobs[${i}].args.${arg}`, topic, `not a topic of this stack; declare it in streamstack:topics`);
        }
    });
}

function checkGeneral(settings: PlatformSettings, report: Report): void {
    if (settings.target !== "docker" && settings.target !== "kubernetes") {
        report("target", settings.target, 'must be "docker" or "kubernetes"');
    }
    for (const [key, port] of Object.entries(settings.ports)) {
        if (typeof port === "number" && (port < 1 || port > 65535)) report(`ports.${key}`, port, "must be a TCP port (1-65535)");
    }
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(settings.kubernetes.namespace)) {
        report("kubernetes.namespace", settings.kubernetes.namespace, "must be a DNS label (lower-case letters, digits, '-')");
    }
}

/**
 * Member i of a group publishes on base + i: two groups whose ranges overlap would fight over
 * a host port, and the second container would fail to start halfway through an up.
 */
function checkPortRanges({ ports, zookeeper, kafka, spark }: PlatformSettings, report: Report): void {
    const ranges: [keyof typeof ports, number][] = [
        ["zookeeperClient", zookeeper.replicas], ["kafkaExternal", kafka.brokers], ["sparkMasterUi", spark.masters],
        ["sparkWorkerUi", spark.workers], ["sparkMasterRest", spark.masters],
    ];
    ranges.forEach(([key, count], i) => {
        const start = ports[key] as number;
        for (const [other, otherCount] of ranges.slice(0, i)) {
            const otherStart = ports[other] as number;
            if (start < otherStart + otherCount && otherStart < start + count) {
                report(`ports.${key}`, start, `its ports ${start}-${start + count - 1} overlap ports.${other} (${otherStart}-${otherStart + otherCount - 1}); move one of them`);
            }
        }
    });
}

/** Semantic rules over merged settings; every violation is reported, not just the first. */
export function checkRules(settings: PlatformSettings): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const report: Report = (path, value, message) =>
        problems.push({ key: configKey(path), value, message });
    checkGeneral(settings, report);
    checkPortRanges(settings, report);
    checkZooKeeper(settings, report);
    checkKafka(settings, report);
    checkSpark(settings, report);
    checkTopics(settings, report);
    checkJobs(settings, report);
    return problems;
}

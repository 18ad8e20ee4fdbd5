import { StackValidationPolicy } from "@pulumi/policy";
import { parseJvmMemoryMb } from "../../components/config/memory";
import { groupFiles, memberCount, settingsOf } from "../platform-view";

function sparkFacts(args: Parameters<StackValidationPolicy["validateStack"]>[0]) {
    const defaults = settingsOf(groupFiles(args.resources, "spark-master").get("spark-defaults.conf"));
    const workerEnv = settingsOf(groupFiles(args.resources, "spark-worker").get("spark-env.sh"));
    return {
        coresMax: defaults.has("spark.cores.max") ? Number(defaults.get("spark.cores.max")) : undefined,
        executorMemory: defaults.get("spark.executor.memory"),
        workerCores: workerEnv.has("SPARK_WORKER_CORES") ? Number(workerEnv.get("SPARK_WORKER_CORES")) : undefined,
        workerMemory: workerEnv.get("SPARK_WORKER_MEMORY"),
        workers: memberCount(args.resources, "spark-worker") ?? 0,
    };
}

export const coresMaxWithinWorkers: StackValidationPolicy = {
    name: "spark-cores-max-within-workers",
    description: "spark.cores.max is at most the cores all workers offer together.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const spark = sparkFacts(args);
        if (spark.coresMax === undefined || spark.workerCores === undefined) return;
        const total = spark.workerCores * spark.workers;
        if (spark.coresMax > total) {
            reportViolation(`spark.cores.max ${spark.coresMax} > ${spark.workers} workers × ${spark.workerCores} cores = ${total}: an application waits forever for cores; lower streamstack:spark.coresMax or add workers`);
        }
    },
};

export const executorMemoryWithinWorker: StackValidationPolicy = {
    name: "spark-executor-memory-within-worker",
    description: "spark.executor.memory fits in one worker's memory.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const spark = sparkFacts(args);
        const executor = parseJvmMemoryMb(spark.executorMemory ?? "");
        const worker = parseJvmMemoryMb(spark.workerMemory ?? "");
        if (executor !== undefined && worker !== undefined && executor > worker) {
            reportViolation(`spark.executor.memory ${spark.executorMemory} > a worker's memory ${spark.workerMemory}: no executor can start; lower streamstack:spark.executorMemory or raise spark.workerMemory`);
        }
    },
};

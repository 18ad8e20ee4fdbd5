import { StackValidationPolicy } from "@pulumi/policy";
import { coresMaxProblem, executorMemoryProblem } from "../../components/spark/rules";
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
        // The concept's own rule (components/spark/rules.ts), on the numbers this preview renders.
        const spark = sparkFacts(args);
        if (spark.coresMax === undefined || spark.workerCores === undefined) return;
        const problem = coresMaxProblem(spark.coresMax, spark.workers, spark.workerCores);
        if (problem) reportViolation(`spark.cores.max ${spark.coresMax} ${problem} (streamstack:spark.coresMax)`);
    },
};

export const executorMemoryWithinWorker: StackValidationPolicy = {
    name: "spark-executor-memory-within-worker",
    description: "spark.executor.memory fits in one worker's memory.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const spark = sparkFacts(args);
        const problem = executorMemoryProblem(spark.executorMemory ?? "", spark.workerMemory ?? "");
        if (problem) reportViolation(`spark.executor.memory ${spark.executorMemory} is ${problem} (streamstack:spark.executorMemory)`);
    },
};

import { SAMPLE_JOB_ENTRY } from "../config/defaults";
import { JvmProfile, jvmProfileFlags } from "../config/jvm-profile";

/**
 * The sample job baked into the Spark image (jobs/windowed-counts, built by set-up): where its
 * jar and the Kafka connector jars are, and its entry point. The defaults of a job entry.
 */
export const SAMPLE_JOB = {
    ...SAMPLE_JOB_ENTRY,
    /** The connector jars Spark does not ship; present on every worker, so no upload. */
    classpath: "/opt/spark/jobs/lib/*",
    /** What its checkpointed state depends on (QueryShapeGuard in the job checks the same). */
    checkpointBoundArgs: ["input-topic", "window", "slide"],
} as const;

/** `{window: "1 minute"}` -> `["--window", "1 minute"]`, the jobs' argument convention. */
export function renderJobArgs(args: Record<string, string>): string[] {
    return Object.entries(args).flatMap(([name, value]) => [`--${name}`, value]);
}

/**
 * The sample job's arguments: where Kafka is from inside the platform and its checkpoint
 * directory on the shared volume, unless the entry sets them itself; then the entry's own.
 */
export function sampleJobArgs(args: Record<string, string>, bootstrapServers: string, checkpointDir: string): string[] {
    return renderJobArgs({ "bootstrap-servers": bootstrapServers, checkpoint: checkpointDir, ...args });
}

/**
 * The platform's jvmProfile for a job's driver and executors, unless the job's conf sets their
 * options itself: a platform declared "quick-start" means every JVM it starts.
 */
export function jobJvmConf(profile: JvmProfile): Record<string, string> {
    const flags = jvmProfileFlags(profile).join(" ");
    return flags === "" ? {} : { "spark.driver.extraJavaOptions": flags, "spark.executor.extraJavaOptions": flags };
}

/** Spark properties every job gets unless it sets them: the connector jars on both classpaths. */
export const JOB_CONF_DEFAULTS: Record<string, string> = {
    "spark.driver.extraClassPath": SAMPLE_JOB.classpath,
    "spark.executor.extraClassPath": SAMPLE_JOB.classpath,
};

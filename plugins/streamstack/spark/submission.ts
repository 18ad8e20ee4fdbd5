import { JobProps } from "./job-props";

/**
 * The JVM flags Spark 3.5 needs on Java 17 (its launcher's JavaModuleOptions). spark-submit adds
 * them to a driver itself; a REST submission bypasses spark-submit, so the request carries them
 * or the driver dies at start with "cannot access class sun.nio.ch.DirectBuffer".
 */
const JAVA_MODULE_OPTIONS = [
    "-XX:+IgnoreUnrecognizedVMOptions",
    ...["java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
        "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
        "sun.security.action", "sun.util.calendar"].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
].join(" ");

/**
 * The master REST gateway's CreateSubmissionRequest for a job: cluster deploy mode, supervised
 * (the master restarts the driver on another worker if its worker is lost), with the job's own
 * scheduler limits. spark.master lists every master so the driver follows the ALIVE one.
 */
export function submissionRequest(job: JobProps): object {
    return {
        action: "CreateSubmissionRequest",
        appResource: job.jar,
        mainClass: job.mainClass,
        appArgs: job.args,
        // Informational for the gateway; the workers run their own Spark.
        clientSparkVersion: "streamstack",
        environmentVariables: {},
        sparkProperties: {
            "spark.driver.defaultJavaOptions": JAVA_MODULE_OPTIONS,
            // The driver's UI would otherwise kill jobs and stages on an anonymous POST; a job's
            // own conf may turn it back on.
            "spark.ui.killEnabled": "false",
            ...job.sparkConf,
            "spark.app.name": job.appName,
            "spark.master": job.masterUrl,
            "spark.submit.deployMode": "cluster",
            "spark.driver.supervise": "true",
            "spark.jars": job.jar,
            "spark.cores.max": String(job.cores),
            "spark.executor.memory": job.executorMemory,
            "spark.driver.memory": job.driverMemory,
            "spark.driver.cores": String(job.driverCores),
        },
    };
}

import { AUTH_SECRET_AGENT } from "../../../components/spark/render";
import { JobProps } from "./job-props";

/** Where the one-shot client finds its properties (the only file it is given, with the secret in it). */
export const CLIENT_PROPERTIES = "/etc/streamstack-submit/client.properties";
const SPARK_SUBMIT = "/opt/spark/bin/spark-submit";

/** A spark-submit run: its command line (no secret in it) and its properties file. */
export interface SparkClientRun {
    command: string[];
    properties: string;
}

/**
 * The JVM flags Spark 3.5 needs on Java 17 (its launcher's JavaModuleOptions). A worker starts a
 * driver submitted in cluster mode with only the driver's extraJavaOptions, so they go there, or
 * the driver dies at start with "cannot access class sun.nio.ch.DirectBuffer".
 */
const JAVA_MODULE_OPTIONS = [
    "-XX:+IgnoreUnrecognizedVMOptions",
    ...["java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
        "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
        "sun.security.action", "sun.util.calendar"].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
];

/** A Java properties file (the format spark-submit's --properties-file reads), values escaped. */
export function renderProperties(entries: Record<string, string>): string {
    const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/^\s/, (space) => `\\${space}`);
    return Object.entries(entries).map(([key, value]) => `${key}=${escape(value)}`).join("\n") + "\n";
}

/** What every client of the cluster proves and speaks: the shared secret, encrypted RPC. */
function authProperties(secret: string): Record<string, string> {
    return { "spark.authenticate": "true", "spark.authenticate.secret": secret, "spark.network.crypto.enabled": "true" };
}

/**
 * spark-submit of a job in cluster deploy mode, supervised (the master restarts the driver on
 * another worker if its worker is lost), with the job's own scheduler limits. --master lists
 * every master: the client and the driver follow the ALIVE one.
 */
export function submitRun(job: JobProps, secret: string): SparkClientRun {
    const userJavaOptions = job.sparkConf["spark.driver.extraJavaOptions"];
    const properties = {
        // The driver's UI would otherwise kill jobs and stages on an anonymous POST; a job's
        // own conf may turn it back on.
        "spark.ui.killEnabled": "false",
        ...job.sparkConf,
        "spark.app.name": job.appName,
        "spark.cores.max": String(job.cores),
        "spark.executor.memory": job.executorMemory,
        "spark.driver.memory": job.driverMemory,
        "spark.driver.cores": String(job.driverCores),
        // The agent gives the driver the secret its worker hands it (SPARK-25078).
        "spark.driver.extraJavaOptions": [...JAVA_MODULE_OPTIONS, `-javaagent:${AUTH_SECRET_AGENT}`, ...(userJavaOptions ? [userJavaOptions] : [])].join(" "),
        ...authProperties(secret),
    };
    return {
        command: [SPARK_SUBMIT, "--master", job.masterUrl, "--deploy-mode", "cluster", "--supervise", "--properties-file", CLIENT_PROPERTIES,
            "--class", job.mainClass, job.jar, ...job.args],
        properties: renderProperties(properties),
    };
}

/**
 * Kills a driver through the masters' RPC port: spark-submit runs Spark's own standalone client
 * (its --kill would use the REST gateway, which is off), so it reads the properties file too.
 */
export function killRun(masterUrl: string, driverId: string, secret: string): SparkClientRun {
    return {
        command: [SPARK_SUBMIT, "--master", masterUrl, "--properties-file", CLIENT_PROPERTIES, "--class", "org.apache.spark.deploy.Client",
            "spark-internal", "kill", masterUrl, driverId],
        properties: renderProperties(authProperties(secret)),
    };
}

/** The driver id spark-submit reports ("Driver successfully submitted as driver-…"). */
export function submittedDriverId(log: string): string | undefined {
    return /Driver successfully submitted as (driver-\S+)/.exec(log)?.[1];
}

/** A kill the masters refused because the driver has already ended (or never was). */
export function driverAlreadyGone(log: string): boolean {
    return /already finished|does not exist|not found/i.test(log);
}

/**
 * A one-shot client that reached no master, so nothing was sent: it connects to every master it
 * names before its first message. On Kubernetes a restarted master's name answers its old
 * address for up to 30 s (the cluster DNS's cache), and a master between restarts refuses.
 */
export function masterUnreachable(log: string): boolean {
    return /Failed to connect to|No route to host|UnknownHostException|Connection refused/.test(log);
}

import { parseJvmMemoryMb, SparkSettings } from "../config";
import { Addressing, memberHost, range } from "../model/addressing";
import { ORDINAL_PREAMBLE, standardProbe, tcpProbe } from "../model/scripts";
import { CONFIG_DIR, SECRETS_DIR, VolumeSpec, WorkloadGroup } from "../model/workload";
import { jaasOption, ZOOKEEPER_CLIENT_JAAS } from "../zookeeper/sasl";
import { JvmProfile, jvmProfileFlags } from "../config/jvm-profile";

export const MASTER_GROUP = "spark-master";
export const WORKER_GROUP = "spark-worker";
export const MASTER_PORT = 7077;
export const MASTER_UI_PORT = 8080;
export const WORKER_UI_PORT = 8081;
const SPARK_HOME = "/opt/spark";
/** The image's service user (apache/spark's uid). */
export const SPARK_USER = 185;
/** The secret file (SECRETS_DIR) holding spark.authenticate.secret, the same on every member. */
export const SPARK_AUTH_SECRET_FILE = "spark-auth";
/**
 * The Java agent in the Spark image (images/spark/agent) that gives a driver launched by a worker
 * the secret the worker hands it in the environment, which Spark 3.5's standalone cluster mode
 * does not (SPARK-25078; docs/upstream-proposals.md).
 */
export const AUTH_SECRET_AGENT = `${SPARK_HOME}/jars/streamstack-auth-agent.jar`;
/** The image's own tools (images/spark/tools), kept off Spark's class path. */
const STREAMSTACK_TOOLS = "/opt/streamstack/streamstack-tools.jar";

export interface SparkRenderInput {
    spark: SparkSettings;
    /** ZooKeeper connect string (no chroot: Spark keeps its state under recoveryDir). */
    zookeeperConnect: string;
    addressing: Addressing;
    /** Whether the masters make their recovery directory the spark principal's (not at zookeeper.authentication "migrating-1"). */
    protectZnodes: boolean;
    /** The platform's jvmProfile (default "throughput"). */
    jvmProfile?: JvmProfile;
}

/** `spark://m0:7077,m1:7077`: clients and workers try each master and follow the leader. */
export function renderMasterUrl(masters: number, addressing: Addressing): string {
    return "spark://" + range(masters).map((i) => `${memberHost(addressing, MASTER_GROUP, i)}:${MASTER_PORT}`).join(",");
}

/**
 * spark-defaults.conf, read by masters and workers (deploy/worker settings) and by
 * spark-submit inside the platform (scheduler limits), so both sides agree.
 */
export function renderSparkDefaults({ spark, zookeeperConnect, addressing, jvmProfile }: SparkRenderInput): string {
    const profileFlags = jvmProfileFlags(jvmProfile);
    const entries: [string, string][] = [
        ["spark.master", renderMasterUrl(spark.masters, addressing)],
        ["spark.deploy.recoveryMode", "ZOOKEEPER"],
        ["spark.deploy.zookeeper.url", zookeeperConnect],
        ["spark.deploy.zookeeper.dir", spark.recoveryDir],
        ["spark.deploy.defaultCores", String(spark.defaultCores)],
        ["spark.cores.max", String(spark.coresMax)],
        ["spark.executor.memory", spark.executorMemory],
        ["spark.worker.cleanup.enabled", "true"],
        ["spark.worker.cleanup.appDataTtl", String(spark.workerCleanupAppDataTtl)],
        // The masters' UI answers anyone who reaches it; with this on, a POST to it kills any
        // application or driver (docs/security.md). Jobs are stopped through `pulumi up`.
        ["spark.ui.killEnabled", "false"],
        // Every RPC connection (worker, driver, executor, spark-submit) proves it holds the
        // platform's secret, and the traffic is encrypted. The secret is not here: each daemon's
        // start script reads it from its secret file into _SPARK_AUTH_SECRET.
        ["spark.authenticate", "true"],
        ["spark.network.crypto.enabled", "true"],
        // Spark's REST submission gateway runs a driver for anyone who reaches it, with no
        // authentication (CVE-2018-11770): off, as in Spark's own default, stated so no one turns
        // it on by a drop-in. StreamingJob submits through the authenticated RPC port.
        ["spark.master.rest.enabled", "false"],
        // A driver started inside a member (spark-submit.sh, client mode) takes the secret from
        // the environment through the image's agent (SPARK-25078; docs/security.md).
        ["spark.driver.extraJavaOptions", [`-javaagent:${AUTH_SECRET_AGENT}`, ...profileFlags].join(" ")],
        ...(profileFlags.length > 0 ? [["spark.executor.extraJavaOptions", profileFlags.join(" ")] as [string, string]] : []),
    ];
    const width = Math.max(...entries.map(([key]) => key.length)) + 1;
    return [
        "# Rendered by streamstack.",
        "# Recovery: standby masters take over through ZooKeeper; apps and workers re-register.",
        ...entries.map(([key, value]) => key.padEnd(width) + value),
        "",
    ].join("\n");
}

/**
 * spark-env.sh: what Spark reads from the environment rather than from properties. Worker
 * sizing is only in the workers' copy, so resizing workers leaves the masters untouched.
 */
export function renderSparkEnv({ spark, jvmProfile }: SparkRenderInput, role: "master" | "worker"): string {
    const profileFlags = jvmProfileFlags(jvmProfile);
    return [
        "# Rendered by streamstack; sourced by spark-class through load-spark-env.sh.",
        ...(role === "worker" ? [`SPARK_WORKER_CORES=${spark.workerCores}`, `SPARK_WORKER_MEMORY=${spark.workerMemory}`] : []),
        // Only the masters talk to ZooKeeper (recovery, leader election): they log in as `spark`.
        ...(role === "master" ? [`SPARK_MASTER_OPTS="${jaasOption(ZOOKEEPER_CLIENT_JAAS)}"`] : []),
        `SPARK_DAEMON_MEMORY=${spark.daemonHeapMb}m`,
        ...(profileFlags.length > 0 ? [`SPARK_DAEMON_JAVA_OPTS="${profileFlags.join(" ")}"`] : []),
        `STREAMSTACK_CHECKPOINT_DIR=${spark.checkpoint.path}`,
        "",
    ].join("\n");
}

/**
 * A Spark daemon in the foreground (SPARK_NO_DAEMONIZE), bound to the member's own host name,
 * `run` as the process's last command (exec'd by default).
 * The secret goes to the daemon in the one variable Spark reads it from besides its properties
 * (_SPARK_AUTH_SECRET): set here, in the process, it is in no file a reviewer reads and not in
 * the container's configuration (docker inspect, the pod spec). A worker hands it on to the
 * drivers and executors it launches the same way.
 */
function renderDaemonStart(mainClass: string, args: string, before: string[] = [], run: (command: string) => string[] = (command) => [`exec ${command}`]): string {
    return [
        ORDINAL_PREAMBLE,
        ...before,
        `_SPARK_AUTH_SECRET="$(cat ${SECRETS_DIR}/${SPARK_AUTH_SECRET_FILE})" || exit 1`,
        "export _SPARK_AUTH_SECRET",
        ...run(`${SPARK_HOME}/bin/spark-class ${mainClass} \\\n  --host "$MEMBER_HOST" ${args}`),
        "",
    ].join("\n");
}

/**
 * Runs `command` (the master) again whenever it exits with status 0. Spark's master exits with
 * 0 when it loses its ZooKeeper leadership (its ZooKeeper server restarted, its session was
 * suspended) and leaves its restart to a supervisor; the container runtime's restart backs off,
 * and the kubelet's back-off grows to 5 minutes over repeated exits: after a ZooKeeper roll
 * both masters of a platform waited out 5 minutes, with no master at all. Started again here
 * at once. Any other exit (a crash, a signal) ends the container, as before; a stop signal goes
 * to the master and ends the loop.
 */
export function renderRestartOnStepDown(command: string): string[] {
    return [
        'stopping="" pid=""',
        'trap \'stopping=1; kill -TERM "$pid" 2>/dev/null\' TERM INT',
        "while :; do",
        `  ${command} &`,
        "  pid=$!",
        '  status=0; wait "$pid" || status=$?',
        "  # A trapped signal ends the wait early: wait for the master itself.",
        '  while kill -0 "$pid" 2>/dev/null; do status=0; wait "$pid" || status=$?; done',
        '  if [ "$status" != 0 ] || [ -n "$stopping" ]; then exit "$status"; fi',
        '  echo "streamstack: the master stepped down (it lost its ZooKeeper leadership); starting it again" >&2',
        "  sleep 1",
        "done",
    ];
}

/**
 * spark-submit for operators inside a master or worker (`docker exec`, `kubectl exec`): the
 * member's own spark-defaults.conf, with the cluster's secret in the one variable Spark reads it
 * from besides its properties, so it is on no command line.
 */
export function renderSparkSubmit(): string {
    return [
        "#!/usr/bin/env bash",
        "# Rendered by streamstack: spark-submit authenticated with the cluster's secret.",
        `_SPARK_AUTH_SECRET="$(cat ${SECRETS_DIR}/${SPARK_AUTH_SECRET_FILE})" || exit 1`,
        "export _SPARK_AUTH_SECRET",
        `exec ${SPARK_HOME}/bin/spark-submit "$@"`,
        "",
    ].join("\n");
}

/**
 * A master first makes its recovery directory its own principal's (the image's
 * RecoveryDirOwner, images/spark/tools): Spark creates the znodes with ZooKeeper's open ACL.
 */
export function renderMasterStart({ spark, zookeeperConnect, protectZnodes }: SparkRenderInput): string {
    return renderDaemonStart("org.apache.spark.deploy.master.Master", `--port ${MASTER_PORT} --webui-port ${MASTER_UI_PORT}`, !protectZnodes ? [] : [
        `java -Xmx64m -cp "${STREAMSTACK_TOOLS}:${SPARK_HOME}/jars/*" ${jaasOption(ZOOKEEPER_CLIENT_JAAS)} \\`,
        `  streamstack.tools.RecoveryDirOwner "${zookeeperConnect}" "${spark.recoveryDir}" || exit 1`,
    ], renderRestartOnStepDown);
}

export function renderWorkerStart(): string {
    return renderDaemonStart("org.apache.spark.deploy.worker.Worker", `--webui-port ${WORKER_UI_PORT} "$SPARK_MASTER_URL"`);
}

function checkpointVolume(spark: SparkSettings): VolumeSpec {
    return {
        name: "checkpoints",
        mountPath: spark.checkpoint.path,
        scope: "shared",
        size: spark.checkpoint.size,
        sizeSetting: "spark.checkpoint.size",
        storageClass: spark.checkpoint.storageClass || undefined,
    };
}

/** Host port bases of what the masters and workers publish. */
export interface SparkPorts {
    masterUi: number;
    workerUi: number;
}

export function sparkWorkloads(input: SparkRenderInput, image: string, ports: SparkPorts): WorkloadGroup[] {
    const { spark } = input;
    const files = (role: "master" | "worker") => [
        { name: "spark-defaults.conf", content: renderSparkDefaults(input), executable: false },
        { name: "spark-env.sh", content: renderSparkEnv(input, role), executable: false },
        { name: "spark-submit.sh", content: renderSparkSubmit(), executable: true },
    ];
    const env = {
        SPARK_CONF_DIR: CONFIG_DIR,
        SPARK_NO_DAEMONIZE: "true",
        SPARK_MASTER_URL: renderMasterUrl(spark.masters, input.addressing),
    };
    const common = {
        image,
        env,
        secretFiles: [{ name: SPARK_AUTH_SECRET_FILE }],
        volumes: [checkpointVolume(spark)],
        runAsUser: SPARK_USER,
        dependsOn: ["zookeeper"],
        publishNotReadyAddresses: true,
        // Masters and workers bind their own host name's address: a Service's IP would not be theirs.
        stableMemberAddresses: false,
        annotations: {},
    };
    const master: WorkloadGroup = {
        ...common,
        kind: "spark-master",
        name: MASTER_GROUP,
        replicas: spark.masters,
        command: ["bash", `${CONFIG_DIR}/start-master.sh`],
        secretFiles: [...common.secretFiles, { name: ZOOKEEPER_CLIENT_JAAS }],
        files: [...files("master"), { name: "start-master.sh", content: renderMasterStart(input), executable: true }],
        ports: [
            { name: "rpc", containerPort: MASTER_PORT, exposure: "members" },
            { name: "ui", containerPort: MASTER_UI_PORT, exposure: "external-clients", hostPortBase: ports.masterUi },
        ],
        // The UI port, not 7077: each probe connection to the RPC port is logged as a disassociation.
        readiness: standardProbe(tcpProbe(MASTER_UI_PORT), 5),
        statePort: "ui",
        liveness: standardProbe(tcpProbe(MASTER_UI_PORT), 30),
        memoryMb: spark.daemonHeapMb + 256,
        cpus: 0.5,
        minAvailable: spark.masters - 1,
    };
    const worker: WorkloadGroup = {
        ...common,
        kind: "spark-worker",
        name: WORKER_GROUP,
        replicas: spark.workers,
        command: ["bash", `${CONFIG_DIR}/start-worker.sh`],
        files: [...files("worker"), { name: "start-worker.sh", content: renderWorkerStart(), executable: true }],
        ports: [{ name: "ui", containerPort: WORKER_UI_PORT, exposure: "external-clients", hostPortBase: ports.workerUi }],
        readiness: standardProbe(tcpProbe(WORKER_UI_PORT), 5),
        statePort: "ui",
        liveness: standardProbe(tcpProbe(WORKER_UI_PORT), 30),
        // Executors run inside the worker's container: its limit covers them and the daemon.
        memoryMb: (parseJvmMemoryMb(spark.workerMemory) ?? 0) + spark.daemonHeapMb + 256,
        cpus: spark.workerCores,
        dependsOn: ["zookeeper", MASTER_GROUP],
        minAvailable: spark.workers - 1,
    };
    return [master, worker];
}

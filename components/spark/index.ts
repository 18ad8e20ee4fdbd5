import * as pulumi from "@pulumi/pulumi";
import { ClientPlace, Target } from "../model/target";
import { GeneratedSecret } from "../security/generated-secret";
import { JvmProfile, SparkSettings } from "../config";
import { range } from "../model/addressing";
import { ClusterLimits, clusterLimits } from "./job-rules";
import { ZOOKEEPER_CLIENT_JAAS } from "../zookeeper/sasl";
import { ZooKeeperLogin } from "../zookeeper";
import { MASTER_GROUP, renderMasterUrl, SPARK_AUTH_SECRET_FILE, SPARK_USER, sparkWorkloads, WORKER_GROUP } from "./render";

export interface SparkClusterArgs {
    /** Masters, workers, scheduler limits, recovery and checkpoint settings (validated). */
    settings: SparkSettings;
    /** What the members' JVMs are tuned for (the platform's jvmProfile); default "throughput". */
    jvmProfile?: JvmProfile;
    /** Image laid out like apache/spark (/opt/spark/bin/spark-class). */
    image: string;
    /** ZooKeeper connect string used for master recovery. */
    zookeeperConnect: string;
    zookeeperMembers: pulumi.Resource[];
    /** How the masters log in to ZooKeeper (ZooKeeperEnsemble.clientLogin("spark")). */
    zookeeperLogin: ZooKeeperLogin;
    /** Host ports of the master and worker web UIs (member i on base + i). */
    masterUiPortBase: number;
    workerUiPortBase: number;
    bindAddress: string;
    target: Target;
}

/** Spark standalone with standby masters recovering through ZooKeeper, and a shared checkpoint volume. */
export class SparkCluster extends pulumi.ComponentResource {
    /** `spark://spark-master-0:7077,spark-master-1:7077`, for drivers inside the platform. */
    readonly masterUrl: pulumi.Output<string>;
    readonly masterUiUrls: pulumi.Output<string[]>;
    readonly workerUiUrls: pulumi.Output<string[]>;
    /** spark.authenticate.secret of every master, worker, driver and executor (a Pulumi secret). */
    readonly authSecret: pulumi.Output<string>;
    /** Where a one-shot spark-submit reaches the masters (inside the platform). */
    readonly submitPlace: pulumi.Output<ClientPlace>;
    /** What one job may ask of this cluster (checked at preview by StreamingJob). */
    readonly limits: ClusterLimits;
    /** Where streaming jobs should put their checkpoints (mounted on every master and worker). */
    readonly checkpointPath: pulumi.Output<string>;

    constructor(name: string, args: SparkClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:spark:SparkCluster", name, {}, opts);
        const [master, worker] = sparkWorkloads(
            { spark: args.settings, zookeeperConnect: args.zookeeperConnect, addressing: args.target.addressing, protectZnodes: args.zookeeperLogin.protectZnodes, jvmProfile: args.jvmProfile },
            args.image,
            { masterUi: args.masterUiPortBase, workerUi: args.workerUiPortBase },
        );
        // Made once, kept in the stack's state; every member, driver and executor proves it.
        const secret = new GeneratedSecret(`${name}-auth-secret`, { purpose: "spark.authenticate.secret of the Spark cluster" }, { parent: this });
        this.authSecret = secret.value;
        const secrets = { [SPARK_AUTH_SECRET_FILE]: secret.value };
        const masters = args.target.deployGroup(master, this, args.zookeeperMembers, { ...secrets, [ZOOKEEPER_CLIENT_JAAS]: args.zookeeperLogin.jaas });
        args.target.deployGroup(worker, this, [...args.zookeeperMembers, ...masters], secrets);
        this.submitPlace = pulumi.output(args.target.clientPlace({ image: args.image, component: "spark-submit", runAsUser: SPARK_USER }));
        const ui = (base: number, count: number) => range(count).map((i) => `http://${args.bindAddress}:${base + i}`);
        this.masterUrl = pulumi.output(renderMasterUrl(args.settings.masters, args.target.addressing));
        this.masterUiUrls = pulumi.output(ui(args.masterUiPortBase, args.settings.masters));
        this.workerUiUrls = pulumi.output(ui(args.workerUiPortBase, args.settings.workers));
        this.limits = clusterLimits(args.settings);
        this.checkpointPath = pulumi.output(args.settings.checkpoint.path);
        this.registerOutputs({
            masterUrl: this.masterUrl,
            masterUiUrls: this.masterUiUrls,
            workerUiUrls: this.workerUiUrls,
            checkpointPath: this.checkpointPath,
        });
    }
}

export { MASTER_GROUP, WORKER_GROUP };
export { StreamingJob, StreamingJobArgs } from "./streaming-job";
export { ClusterLimits } from "./job-rules";

import * as pulumi from "@pulumi/pulumi";
import { Target } from "../../targets/target";
import { SparkSettings } from "../config";
import { range } from "../model/addressing";
import { MASTER_GROUP, renderMasterUrl, sparkWorkloads, WORKER_GROUP } from "./render";

export interface SparkClusterArgs {
    /** Masters, workers, scheduler limits, recovery and checkpoint settings (validated). */
    settings: SparkSettings;
    /** Image laid out like apache/spark (/opt/spark/bin/spark-class). */
    image: string;
    /** ZooKeeper connect string used for master recovery. */
    zookeeperConnect: string;
    zookeeperMembers: pulumi.Resource[];
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
    /** Where streaming jobs should put their checkpoints (mounted on every master and worker). */
    readonly checkpointPath: pulumi.Output<string>;

    constructor(name: string, args: SparkClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("streamstack:spark:SparkCluster", name, {}, opts);
        const [master, worker] = sparkWorkloads(
            { spark: args.settings, zookeeperConnect: args.zookeeperConnect, addressing: args.target.addressing },
            args.image,
            { masterUi: args.masterUiPortBase, workerUi: args.workerUiPortBase },
        );
        const masters = args.target.deployGroup(master, this, args.zookeeperMembers);
        args.target.deployGroup(worker, this, [...args.zookeeperMembers, ...masters]);
        const ui = (base: number, count: number) => range(count).map((i) => `http://${args.bindAddress}:${base + i}`);
        this.masterUrl = pulumi.output(renderMasterUrl(args.settings.masters, args.target.addressing));
        this.masterUiUrls = pulumi.output(ui(args.masterUiPortBase, args.settings.masters));
        this.workerUiUrls = pulumi.output(ui(args.workerUiPortBase, args.settings.workers));
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

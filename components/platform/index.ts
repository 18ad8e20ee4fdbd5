import { KafkaAuth } from "../model/state-access";
import { KafkaUser } from "../kafka/user";
import * as pulumi from "@pulumi/pulumi";
import { KafkaTopic } from "../kafka/topic";
import { JobSettings, PlatformSettings } from "../config";
import { KafkaCluster } from "../kafka";
import { externalListenerAuthentication, externalListenerSecurity } from "../kafka/listener-security";
import { hasClientsListener, internalAuthentication } from "../kafka/internal-authentication";
import { jobPassword, jobPrincipal, sampleJobAcls } from "../kafka/job-principal";
import { withKafkaLogin } from "../spark/kafka-login";
import { SparkCluster } from "../spark";
import { JOB_CONF_DEFAULTS, jobJvmConf, renderJobArgs, SAMPLE_JOB, sampleJobArgs } from "../spark/sample-job";
import { StreamingJob } from "../spark/streaming-job";
import { ZooKeeperEnsemble } from "../zookeeper";
import { Target, TargetFactory } from "../model/target";
import { ResourceScope, resourceScope, scopedOptions } from "../model/resource-scope";
import { PLATFORM_TYPE } from "../model/resource-tokens";

export interface PlatformComponentArgs {
    /** Validated settings (see components/config: resolveSettings). */
    settings: PlatformSettings;
    /** Where the platform runs: a target's factory (targets/docker, targets/kubernetes), chosen by the caller. */
    target: TargetFactory;
    /**
     * What must hold before anything of the platform is declared (the caller's live checks):
     * the platform's own registration waits for it, and every resource waits for the
     * platform's, so a rejection fails the preview or update before anything is created.
     */
    ready?: Promise<void>;
    /** Alias every resource to its streamstack 0.1 name (see ResourceScope). */
    keepUnscopedNames?: boolean;
}

type DependsOn = pulumi.ComponentResourceOptions["dependsOn"];

/**
 * The caller's dependencies, once `ready` holds: the SDK resolves a registration's dependsOn
 * before it registers, so nothing of the platform is registered before the check, and a failed
 * check fails the run with the check's own error (a RunError prints its message alone).
 */
function afterReady(ready: Promise<void>, dependsOn: DependsOn): pulumi.Input<pulumi.Input<pulumi.Resource>[]> {
    return ready.then(() => (dependsOn === undefined ? [] : [dependsOn as pulumi.Input<pulumi.Resource>]));
}

/**
 * ZooKeeper, Kafka and Spark standalone HA, composed from validated settings and a chosen
 * target, with no I/O of its own; StreamingPlatform (api/) is the public component that
 * validates its arguments, checks the live target and picks the adapter before this.
 */
export class PlatformComponent extends pulumi.ComponentResource {
    readonly zookeeper: ZooKeeperEnsemble;
    readonly kafka: KafkaCluster;
    readonly spark: SparkCluster;
    /** One resource per `streamstack:topics` entry, created through the brokers' external listener. */
    readonly topics: KafkaTopic[];
    /** Kafka users of `streamstack:users` (a login each, with its ACLs). */
    readonly users: KafkaUser[];
    /** One resource per `streamstack:jobs` entry, submitted once the cluster and topics exist. */
    readonly jobs: StreamingJob[];
    /** The adapter the platform was declared through (streamstack:target). */
    readonly target: Target;
    /** The names of the platform's resources. */
    readonly scope: ResourceScope;

    constructor(name: string, args: PlatformComponentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(PLATFORM_TYPE, name, {}, args.ready === undefined ? opts : { ...opts, dependsOn: afterReady(args.ready, opts?.dependsOn) });
        const { settings } = args;
        const scope = resourceScope(name, args.keepUnscopedNames);
        this.scope = scope;
        const target = args.target(this, scope);
        this.target = target;
        const bindAddress = target.hostAddress;

        this.zookeeper = new ZooKeeperEnsemble(scope.name("zookeeper"), {
            settings: settings.zookeeper,
            image: settings.images.zookeeper,
            clientPortBase: settings.ports.zookeeperClient,
            bindAddress,
            target,
            jvmProfile: settings.jvmProfile,
        }, scopedOptions(scope, "zookeeper", { parent: this }));
        const zookeeperConnect = this.zookeeper.plainConnectString;

        this.kafka = new KafkaCluster(scope.name("kafka"), {
            settings: settings.kafka,
            image: settings.images.kafka,
            zookeeperConnect,
            zookeeperMembers: this.zookeeper.members,
            zookeeperLogin: this.zookeeper.clientLogin("kafka"),
            externalPortBase: settings.ports.kafkaExternal,
            bindAddress,
            externalSecurity: externalListenerSecurity(settings),
            externalAuthentication: externalListenerAuthentication(settings),
            internalAuthentication: internalAuthentication(settings),
            target,
            jvmProfile: settings.jvmProfile,
        }, scopedOptions(scope, "kafka", { parent: this }));

        this.spark = new SparkCluster(scope.name("spark"), {
            settings: settings.spark,
            image: settings.images.spark,
            zookeeperConnect,
            zookeeperMembers: this.zookeeper.members,
            zookeeperLogin: this.zookeeper.clientLogin("spark"),
            masterUiPortBase: settings.ports.sparkMasterUi,
            workerUiPortBase: settings.ports.sparkWorkerUi,
            bindAddress,
            target,
            jvmProfile: settings.jvmProfile,
        }, scopedOptions(scope, "spark", { parent: this }));

        // The resource name is the entry's key, not the topic name, so a rename in config is
        // seen as one: the provider refuses it unless recreateOnRename accepts the data loss.
        this.topics = settings.topics.map((topic) => new KafkaTopic(scope.name(topic.key), {
            name: topic.name,
            partitions: topic.partitions,
            replicationFactor: topic.replicationFactor,
            config: topic.config,
            bootstrapServers: this.kafka.bootstrapServers,
            caCertificate: this.kafka.caCertificate,
            // Only when the listener requires a login: a topic of an open platform keeps its inputs.
            ...(externalListenerAuthentication(settings) === "scram-sha-512" ? { auth: this.kafka.topicManagerLogin as pulumi.Output<KafkaAuth> } : {}),
            adoptExisting: topic.import,
            recreateOnRename: topic.recreateOnRename,
        }, scopedOptions(scope, topic.key, {
            parent: this.kafka,
            retainOnDelete: topic.retainOnDelete,
            protect: topic.protect,
        })));

        // A user's resource name is its login's: a rename is a new user (Kafka cannot rename one).
        this.users = settings.users.map((user) => new KafkaUser(scope.name(`kafka-user-${user.name}`), {
            name: user.name,
            acls: user.acls,
            bootstrapServers: this.kafka.bootstrapServers,
            caCertificate: this.kafka.caCertificate,
            auth: this.kafka.adminLogin as pulumi.Output<KafkaAuth>,
        }, scopedOptions(scope, `kafka-user-${user.name}`, { parent: this.kafka })));

        const checkpointPath = settings.spark.checkpoint.path;
        const jobsLogIn = hasClientsListener(internalAuthentication(settings));
        this.jobs = settings.jobs.map((job) => {
            const isSample = job.mainClass === SAMPLE_JOB.mainClass;
            const principal = jobPrincipal(job.name);
            const login = jobsLogIn ? [this.jobPrincipal(scope, job, principal, isSample)] : [];
            const conf = { ...JOB_CONF_DEFAULTS, ...jobJvmConf(settings.jvmProfile), ...job.conf };
            return new StreamingJob(scope.name(job.name), {
                appName: job.name,
                jar: job.jar,
                mainClass: job.mainClass,
                args: isSample
                    ? this.kafka.internalBootstrapServers.apply((bootstrap) => sampleJobArgs(
                        { ...job.args, ...(jobsLogIn ? { "kafka-principal": principal } : {}) }, bootstrap, `${checkpointPath}/${job.name}`))
                    : renderJobArgs(job.args),
                cores: job.cores,
                executorMemory: job.executorMemory,
                driverMemory: job.driverMemory,
                driverCores: job.driverCores,
                sparkConf: jobsLogIn ? withKafkaLogin(conf, principal) : conf,
                masterUrl: this.spark.masterUrl,
                masterUiUrls: this.spark.masterUiUrls,
                submitPlace: this.spark.submitPlace,
                authSecret: this.spark.authSecret,
                limits: this.spark.limits,
                checkpointBoundArgs: isSample ? [...SAMPLE_JOB.checkpointBoundArgs] : [],
            }, scopedOptions(scope, job.name, { parent: this, dependsOn: [this.spark, ...this.topics, ...login] }));
        });

        this.registerOutputs({
            zookeeperConnect: this.zookeeper.connectString,
            kafkaBootstrapServers: this.kafka.bootstrapServers,
            kafkaInternalBootstrapServers: this.kafka.internalBootstrapServers,
            kafkaCaCertificate: this.kafka.caCertificate,
            kafkaAdminUsername: this.kafka.adminUsername,
            kafkaAdminPassword: this.kafka.adminPassword,
            sparkMasterUrl: this.spark.masterUrl,
            topics: this.topics.map((topic) => topic.name),
            jobs: this.jobs.map((job) => job.driverId),
        });
    }

    /**
     * A job's own Kafka principal (components/kafka/job-principal.ts): its password derived from
     * the Spark cluster's secret, as the job's agent derives it; its ACLs the job's, or the sample
     * job's own topics and groups.
     */
    private jobPrincipal(scope: ResourceScope, job: JobSettings, principal: string, isSample: boolean): KafkaUser {
        const acls = Object.keys(job.acls).length > 0 || !isSample
            ? job.acls
            : sampleJobAcls(principal, job.args["input-topic"] ?? "", job.args["output-topic"] ?? "");
        const key = `kafka-job-user-${job.name}`;
        return new KafkaUser(scope.name(key), {
            name: principal,
            acls,
            password: pulumi.secret(this.spark.authSecret.apply((secret) => jobPassword(secret, principal))),
            bootstrapServers: this.kafka.bootstrapServers,
            caCertificate: this.kafka.caCertificate,
            auth: this.kafka.adminLogin as pulumi.Output<KafkaAuth>,
        }, scopedOptions(scope, key, { parent: this.kafka }));
    }
}

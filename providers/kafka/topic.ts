import * as pulumi from "@pulumi/pulumi";
import { describeKafkaError, KafkaAuth, TopicAdmin } from "./admin";
import { planIsEmpty, planTopicChange } from "./topic-diff";
import { topicFailures, TopicShape } from "../../components/kafka/topic-rules";

/** Resolved inputs of a topic, as the provider sees them. */
export interface TopicInputs extends TopicShape {
    /** Bootstrap servers reachable from where `pulumi` runs (KafkaCluster.bootstrapServers). */
    bootstrapServers: string;
    /** Allow a rename to delete the old topic and create the new one (loses its data). */
    recreateOnRename: boolean;
    /**
     * Take over a topic that already exists instead of refusing to create it: its live shape
     * is brought to the declared one (never by removing partitions). This is streamstack's
     * import; Pulumi's `import` option cannot read dynamic resources (no state to read from).
     */
    adoptExisting: boolean;
    auth?: KafkaAuth;
}

/** Runs one admin operation, turning any client error into one readable line naming the topic. */
async function withAdmin<T>(inputs: Pick<TopicInputs, "bootstrapServers" | "auth" | "name">, action: string, work: (admin: TopicAdmin) => Promise<T>): Promise<T> {
    const admin = new TopicAdmin(inputs.bootstrapServers, inputs.auth);
    try {
        return await work(admin);
    } catch (error) {
        const detail = describeKafkaError(error);
        const hint = /deletion.*disabled|TOPIC_DELETION_DISABLED/i.test(detail)
            ? " The brokers run with delete.topic.enable=false; enable it, or keep the topic with retainOnDelete."
            : "";
        throw new Error(`topic "${inputs.name}": ${action} failed: ${detail}${hint}`);
    } finally {
        await admin.close().catch(() => undefined);
    }
}

function shape(inputs: TopicShape): TopicShape {
    return { name: inputs.name, partitions: inputs.partitions, replicationFactor: inputs.replicationFactor, config: inputs.config ?? {} };
}

export const topicProvider: pulumi.dynamic.ResourceProvider = {
    async check(olds: TopicInputs | undefined, news: TopicInputs) {
        // The live broker count bounds the replication factor when the cluster already exists.
        let brokers: number | undefined;
        if (olds?.bootstrapServers && news.replicationFactor !== olds.replicationFactor) {
            brokers = await withAdmin(news, "counting brokers", async (admin) => (await admin.brokerIds()).length).catch(() => undefined);
        }
        return { inputs: { ...news, config: news.config ?? {} }, failures: topicFailures(shape(news), brokers) };
    },

    async diff(_id: string, olds: TopicInputs, news: TopicInputs) {
        const plan = planTopicChange(shape(olds), shape(news), news.recreateOnRename);
        const connectionChanged = olds.bootstrapServers !== news.bootstrapServers || olds.recreateOnRename !== news.recreateOnRename;
        return {
            changes: !planIsEmpty(plan) || connectionChanged,
            replaces: plan.recreate ? ["name"] : [],
            deleteBeforeReplace: true,
        };
    },

    async create(inputs: TopicInputs) {
        await withAdmin(inputs, "create", async (admin) => {
            const live = await admin.describe(inputs.name);
            if (!live) {
                await admin.create(shape(inputs));
            } else if (inputs.adoptExisting) {
                await admin.apply(inputs.name, planTopicChange(shape(live), shape(inputs), false), inputs.partitions);
            } else {
                throw new Error(`it already exists on the cluster. To manage it, import it: set "import: true" on its entry in ` +
                    "streamstack:topics (adoptExisting: true in code) and run pulumi up");
            }
        });
        return { id: inputs.name, outs: inputs };
    },

    async read(id: string, props: TopicInputs) {
        const live = await withAdmin({ ...props, name: id }, "read", (admin) => admin.describe(id));
        if (!live) return { id: undefined, props: {} };
        return {
            id,
            props: { ...props, name: live.name, partitions: live.partitions, replicationFactor: live.replicationFactor, config: live.config },
        };
    },

    async update(_id: string, olds: TopicInputs, news: TopicInputs) {
        const plan = planTopicChange(shape(olds), shape(news), news.recreateOnRename);
        await withAdmin(news, "update", (admin) => admin.apply(news.name, plan, news.partitions));
        return { outs: news };
    },

    async delete(id: string, props: TopicInputs) {
        await withAdmin({ ...props, name: id }, "delete", (admin) => admin.delete(id));
    },
};

export interface KafkaTopicArgs {
    /** Topic name; Kafka's rules apply ([a-zA-Z0-9._-], at most 249 characters). */
    name: pulumi.Input<string>;
    partitions: pulumi.Input<number>;
    replicationFactor: pulumi.Input<number>;
    /** Topic-level configs (retention.ms, cleanup.policy, min.insync.replicas, ...). */
    config?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** From KafkaCluster.bootstrapServers, so the topic waits for the brokers. */
    bootstrapServers: pulumi.Input<string>;
    /** A rename deletes the old topic and its data; false (the default) refuses it at preview. */
    recreateOnRename?: pulumi.Input<boolean>;
    /** Take over the topic if it already exists (see TopicInputs.adoptExisting). */
    adoptExisting?: pulumi.Input<boolean>;
    /** SASL credentials when the cluster needs them; stored as a Pulumi secret. */
    auth?: pulumi.Input<KafkaAuth>;
}

/** A Kafka topic managed through the admin API: create, in-place update, read/refresh, import, delete. */
export class KafkaTopic extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;
    declare readonly partitions: pulumi.Output<number>;
    declare readonly replicationFactor: pulumi.Output<number>;
    declare readonly config: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: KafkaTopicArgs, opts?: pulumi.CustomResourceOptions) {
        super(topicProvider, name, {
            ...args,
            config: args.config ?? {},
            recreateOnRename: args.recreateOnRename ?? false,
            adoptExisting: args.adoptExisting ?? false,
            auth: args.auth === undefined ? undefined : pulumi.secret(args.auth),
        }, { ...opts, additionalSecretOutputs: ["auth"] }, "kafka", "Topic");
    }
}

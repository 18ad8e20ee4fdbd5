import * as provider from "@pulumi/pulumi/provider";
import { KafkaAuth } from "../../../components/model/state-access";
import { KAFKA_TOPIC_TYPE } from "../../../components/model/resource-tokens";
import { topicFailures, TopicShape } from "../../../components/kafka/topic-rules";
import { ResourceHandler } from "../resource-handler";
import { describeKafkaError, TopicAdmin } from "./admin";
import { parseTopicImportId, topicImportId } from "../../../components/kafka/topic-import-id";
import { topicSchema } from "./topic-schema";
import { planIsEmpty, planTopicChange, TopicPlan } from "./topic-diff";

/** A topic's properties as the provider stores them (inputs and outputs are the same shape). */
export interface TopicProps extends TopicShape {
    /** Bootstrap servers reachable from where `pulumi` runs. */
    bootstrapServers: string;
    /** Allow a rename to delete the old topic and create the new one (loses its data). */
    recreateOnRename: boolean;
    /** Take over a topic that already exists at create time, bringing it to the declared shape. */
    adoptExisting: boolean;
    auth?: KafkaAuth;
    /** The CA the brokers' external listener is verified against (TLS); absent: plaintext. */
    caCertificate?: string;
}

function topicProps(raw: Record<string, unknown>): TopicProps {
    return {
        name: raw.name as string,
        partitions: raw.partitions as number,
        replicationFactor: raw.replicationFactor as number,
        config: (raw.config as Record<string, string> | undefined) ?? {},
        bootstrapServers: raw.bootstrapServers as string,
        recreateOnRename: (raw.recreateOnRename as boolean | undefined) ?? false,
        adoptExisting: (raw.adoptExisting as boolean | undefined) ?? false,
        ...(raw.auth ? { auth: raw.auth as KafkaAuth } : {}),
        ...(raw.caCertificate ? { caCertificate: raw.caCertificate as string } : {}),
    };
}

function shape(props: TopicShape): TopicShape {
    return { name: props.name, partitions: props.partitions, replicationFactor: props.replicationFactor, config: props.config ?? {} };
}

/** Runs one admin operation, turning any client error into one readable line naming the topic. */
async function withAdmin<T>(props: Pick<TopicProps, "bootstrapServers" | "auth" | "caCertificate" | "name">, action: string, work: (admin: TopicAdmin) => Promise<T>): Promise<T> {
    const admin = new TopicAdmin(props.bootstrapServers, { auth: props.auth, caCertificate: props.caCertificate });
    try {
        return await work(admin);
    } catch (error) {
        const detail = describeKafkaError(error);
        const hint = /deletion.*disabled|TOPIC_DELETION_DISABLED/i.test(detail)
            ? " The brokers run with delete.topic.enable=false; enable it, or keep the topic with retainOnDelete."
            : "";
        throw new Error(`topic "${props.name}": ${action} failed: ${detail}${hint}`);
    } finally {
        await admin.close().catch(() => undefined);
    }
}

/**
 * Kafka topics through the admin API. Where the brokers are comes from the resource's own
 * inputs, or, for `pulumi import`, from the id the import names (import-id.ts): never from a
 * stack's config.
 */
export function topicHandler(): ResourceHandler {
    return {
        token: KAFKA_TOPIC_TYPE,
        schema: topicSchema,

        async check(olds, news): Promise<provider.CheckResult> {
            const topic = topicProps(news);
            // The live broker count bounds the replication factor when the cluster already exists.
            let brokers: number | undefined;
            if (olds?.bootstrapServers && topic.replicationFactor !== olds.replicationFactor) {
                brokers = await withAdmin(topic, "counting brokers", async (admin) => (await admin.brokerIds()).length).catch(() => undefined);
            }
            const failures = topicFailures(shape(topic), brokers);
            // What Kafka cannot do (remove partitions, rename) is refused here, at preview. Old
            // inputs follow the live topic after a refresh (read returns them), so partitions
            // added behind Pulumi's back are refused too.
            if (olds?.name !== undefined) {
                try {
                    planTopicChange(shape(topicProps(olds)), shape(topic), topic.recreateOnRename);
                } catch (error) {
                    failures.push({ property: olds.name !== topic.name ? "name" : "partitions", reason: (error as Error).message });
                }
            }
            return { inputs: { ...news, config: topic.config }, failures };
        },

        async diff(_id, oldRaw, newRaw): Promise<provider.DiffResult> {
            const olds = topicProps(oldRaw);
            const news = topicProps(newRaw);
            const settingsChanged = olds.bootstrapServers !== news.bootstrapServers || olds.recreateOnRename !== news.recreateOnRename ||
                JSON.stringify(olds.auth ?? null) !== JSON.stringify(news.auth ?? null) || olds.caCertificate !== news.caCertificate;
            let plan: TopicPlan;
            try {
                plan = planTopicChange(shape(olds), shape(news), news.recreateOnRename);
            } catch {
                // Refused by check at preview; a refresh also diffs the live topic against the
                // recorded inputs, and must show that drift rather than fail. Never a replace.
                return { changes: true, replaces: [], deleteBeforeReplace: true };
            }
            return { changes: !planIsEmpty(plan) || settingsChanged, replaces: plan.recreate ? ["name"] : [], deleteBeforeReplace: true };
        },

        async create(raw): Promise<provider.CreateResult> {
            const topic = topicProps(raw);
            await withAdmin(topic, "create", async (admin) => {
                const live = await admin.describe(topic.name);
                if (!live) {
                    await admin.create(shape(topic));
                } else if (topic.adoptExisting) {
                    await admin.apply(topic.name, planTopicChange(shape(live), shape(topic), false), topic.partitions);
                } else {
                    throw new Error(`it already exists on the cluster. To manage it, import it: ` +
                        `'pulumi import ${KAFKA_TOPIC_TYPE} <resource name> ${topicImportId(topic.bootstrapServers, topic.name)}', or set "import: true" on its ` +
                        "entry in streamstack:topics (adoptExisting: true in code) and run pulumi up");
                }
            });
            return { id: topic.name, outs: raw };
        },

        /**
         * `props` is empty on import: the id then names the brokers (`<bootstrap servers>/<topic>`),
         * and the id recorded is the topic's name, as for a topic the provider created.
         */
        async read(importedId, props): Promise<provider.ReadResult> {
            const imported = props.bootstrapServers === undefined ? parseTopicImportId(importedId) : undefined;
            const id = imported?.topic ?? importedId;
            const bootstrapServers = (props.bootstrapServers as string | undefined) ?? imported?.bootstrapServers;
            if (!bootstrapServers) {
                throw new Error(`topic "${id}": the import id names the topic but not its brokers; import it as ` +
                    `'pulumi import ${KAFKA_TOPIC_TYPE} <resource name> ${topicImportId("<host:port,...>", id)}'`);
            }
            const live = await withAdmin({ name: id, bootstrapServers, auth: props.auth as KafkaAuth | undefined, caCertificate: props.caCertificate as string | undefined }, "read", (admin) => admin.describe(id));
            if (!live) return {};
            const current = topicProps({
                ...props,
                name: live.name,
                partitions: live.partitions,
                replicationFactor: live.replicationFactor,
                config: live.config,
                bootstrapServers,
            });
            // The live topic becomes the recorded inputs too: an import has none yet, and after a
            // refresh the next preview compares the program with what Kafka really has.
            return { id, props: current, inputs: current };
        },

        async update(_id, oldRaw, newRaw): Promise<provider.UpdateResult> {
            const olds = topicProps(oldRaw);
            const news = topicProps(newRaw);
            const plan = planTopicChange(shape(olds), shape(news), news.recreateOnRename);
            await withAdmin(news, "update", (admin) => admin.apply(news.name, plan, news.partitions));
            return { outs: newRaw };
        },

        async delete(id, raw): Promise<void> {
            const props = topicProps(raw);
            await withAdmin({ ...props, name: id }, "delete", (admin) => admin.delete(id));
        },
    };
}

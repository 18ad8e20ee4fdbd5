import type * as Kafka from "@platformatic/kafka";
import { KafkaAuth } from "../../../components/model/state-access";
import { kafkaClientOptions, KafkaConnection } from "../../../live/kafka";
import { TopicShape } from "../../../components/kafka/topic-rules";
import { answeredReplicas, answeredTopicNames, despiteLeaderlessPartitions } from "./leaderless-metadata";
import { reassignReplicas, TopicPlan } from "./topic-diff";

/**
 * The Kafka admin operations the topic provider needs, each one waiting until the cluster
 * reflects the change (leaders elected, partitions added, reassignment in sync, topic gone).
 */

export interface TopicDescription extends TopicShape {
    /** Replica broker ids per partition. */
    replicas: number[][];
}

const TOPIC = 2; // ConfigResourceTypes.TOPIC
const DYNAMIC_TOPIC_CONFIG = 1; // ConfigSources.DYNAMIC_TOPIC_CONFIG
const WAIT_MS = 300_000;
/** How long a read waits out retriable errors: a leader election, not a cluster that is down. */
const READ_WAIT_MS = 60_000;

/** The ESM client is loaded on first use, so that the program (which imports the topic and user types) never loads it. */
export function kafka(): typeof Kafka {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require(esm) at call time; see above
    return require("@platformatic/kafka") as typeof Kafka;
}

/** One readable line from the client's nested errors (never a stack trace). */
export function describeKafkaError(error: unknown): string {
    const messages: string[] = [];
    const visit = (e: unknown) => {
        if (e instanceof AggregateError && e.errors.length > 0) {
            e.errors.forEach(visit);
        } else if (e instanceof Error) {
            const apiMessage = (e as Error & { serverErrorMessage?: string }).serverErrorMessage;
            messages.push(apiMessage ? `${e.message} (${apiMessage})` : e.message);
        } else {
            messages.push(String(e));
        }
    };
    visit(error);
    return [...new Set(messages)].join("; ");
}

async function sleep(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends a request again, once a second for up to `timeoutMs`, while it fails with an error the
 * client marks retriable: NOT_CONTROLLER while the controller moves after a broker restart, a
 * leader election, or a connection refused — which a platform that has just come up or rolled
 * can answer for some seconds (on Kubernetes a NodePort reaches a pod a moment after the pod is
 * Ready). Any other error (a refused login, a bad request) fails at once.
 */
export async function retrying<T>(request: (attempt: number) => Promise<T>, timeoutMs = WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
        try {
            return await request(attempt);
        } catch (error) {
            if (!kafka().findErrorBy(error as Error, "canRetry", true) || Date.now() > deadline) throw error;
            await sleep(1000);
        }
    }
}

/** Polls `done` every 0.5 s until it holds; past `timeoutMs`, fails saying what it waited for (asked then, so it can say how far it got). */
export async function waitUntil(what: () => string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await done()) return;
        await sleep(500);
    }
    throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what()}`);
}

export interface TopicAdminOptions extends KafkaConnection {
    auth?: KafkaAuth;
}

export class TopicAdmin {
    private readonly admin: Kafka.Admin;
    private readonly connection: KafkaConnection;

    constructor(bootstrapServers: string, { auth, ...connection }: TopicAdminOptions = {}) {
        const { Admin } = kafka();
        this.connection = { ...connection, ...(auth ? { login: auth } : {}) };
        this.admin = new Admin({
            clientId: "streamstack-topics",
            bootstrapBrokers: bootstrapServers.split(",").map((s) => s.trim()).filter(Boolean),
            ...kafkaClientOptions(this.connection),
        });
    }

    async close(): Promise<void> {
        await this.admin.close();
    }

    async brokerIds(): Promise<number[]> {
        const metadata = await this.admin.metadata({ topics: [], forceUpdate: true });
        return [...metadata.brokers.keys()].sort((a, b) => a - b);
    }

    /** Fresh partition metadata (leader, replicas, ISR) of one topic; empty when it is unknown. */
    private async partitionsOf(name: string): Promise<Kafka.ClusterPartitionMetadata[]> {
        const metadata = await this.admin.metadata({ topics: [name], forceUpdate: true });
        return metadata.topics.get(name)?.partitions ?? [];
    }

    /**
     * The topic as the cluster has it, or undefined when it does not exist. Asked again while
     * the answer is a retriable error for up to READ_WAIT_MS: a refresh right after a broker was
     * lost meets its partitions' leader election for the seconds its ZooKeeper session takes to
     * expire ("no leader for this topic-partition"), which is no reason to fail the refresh.
     */
    async describe(name: string): Promise<TopicDescription | undefined> {
        return retrying(() => this.describeOnce(name), READ_WAIT_MS);
    }

    private async describeOnce(name: string): Promise<TopicDescription | undefined> {
        // Partitions without a leader (a broker down) fail the client's metadata calls; their
        // answer still says which topics exist and where their replicas are.
        const topics = await despiteLeaderlessPartitions(() => this.admin.listTopics({ includeInternals: false }), answeredTopicNames);
        if (!topics.includes(name)) return undefined;
        const replicas = await despiteLeaderlessPartitions(
            async () => (await this.admin.metadata({ topics: [name], forceUpdate: true })).topics.get(name)?.partitions.map((p) => [...p.replicas]),
            (answer) => answeredReplicas(answer, name));
        if (!replicas) return undefined;
        const [description] = await this.admin.describeConfigs({ resources: [{ resourceType: TOPIC, resourceName: name }] });
        const config = Object.fromEntries((description?.configs ?? [])
            .filter((c) => c.configSource === DYNAMIC_TOPIC_CONFIG && c.value !== null)
            .map((c) => [c.name, c.value as string]));
        return { name, partitions: replicas.length, replicationFactor: replicas[0]?.length ?? 0, config, replicas };
    }

    async create(topic: TopicShape): Promise<void> {
        await retrying(async (attempt) => {
            try {
                await this.admin.createTopics({
                    topics: [topic.name],
                    partitions: topic.partitions,
                    replicas: topic.replicationFactor,
                    configs: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
                });
            } catch (error) {
                // An earlier attempt whose answer was lost may have created it after all.
                if (attempt === 0 || !kafka().findErrorBy(error as Error, "apiId", "TOPIC_ALREADY_EXISTS")) throw error;
            }
        });
        await this.waitFor("every partition to have a leader", async () => {
            const partitions = await this.partitionsOf(topic.name);
            return partitions.length === topic.partitions && partitions.every((p) => p.leader >= 0);
        });
    }

    async apply(name: string, plan: TopicPlan, partitions: number): Promise<void> {
        if (plan.addPartitions > 0) {
            await this.admin.createPartitions({ topics: [{ name, count: partitions }] });
            await this.waitFor(`${partitions} partitions`, async () => (await this.partitionsOf(name)).length === partitions);
        }
        const configs = [
            ...Object.entries(plan.setConfigs).map(([key, value]) => ({ name: key, configOperation: 0 as const, value })),
            ...plan.deleteConfigs.map((key) => ({ name: key, configOperation: 1 as const })),
        ];
        if (configs.length > 0) {
            await this.admin.incrementalAlterConfigs({ resources: [{ resourceType: TOPIC, resourceName: name, configs }] });
        }
        if (plan.replicationFactor !== undefined) await this.changeReplicationFactor(name, plan.replicationFactor);
    }

    /** Kafka's partition reassignment, sent to the controller, then waited on until every replica is in sync. */
    private async changeReplicationFactor(name: string, replicationFactor: number): Promise<void> {
        const current = await this.describe(name);
        if (!current) throw new Error("the topic no longer exists");
        const metadata = await this.admin.metadata({ topics: [], forceUpdate: true });
        const brokers = [...metadata.brokers.keys()].sort((a, b) => a - b);
        if (replicationFactor > brokers.length) throw new Error(`replication factor ${replicationFactor} needs ${replicationFactor} brokers; ${brokers.length} are live`);
        const target = reassignReplicas(current.replicas, replicationFactor, brokers);

        const { Connection, alterPartitionReassignmentsV0 } = kafka();
        const controller = metadata.brokers.get(metadata.controllerId);
        if (!controller) throw new Error("no controller is known to the cluster");
        const connection = new Connection("streamstack-topics", kafkaClientOptions(this.connection));
        try {
            await connection.connect(controller.host, controller.port);
            const response = await alterPartitionReassignmentsV0.api.async(connection, 30_000, false, [{
                name,
                partitions: target.map((replicas, partitionIndex) => ({ partitionIndex, replicas })),
            }]);
            const failed = response.responses.flatMap((r) => r.partitions).filter((p) => p.errorCode !== 0);
            if (response.errorCode !== 0 || failed.length > 0) {
                throw new Error(`reassignment refused: ${response.errorMessage ?? failed.map((p) => p.errorMessage).join("; ")}`);
            }
        } finally {
            await connection.close();
        }
        await this.waitFor(`replication factor ${replicationFactor} with every replica in sync`, async () => {
            const partitions = await this.partitionsOf(name);
            return partitions.length > 0 && partitions.every((p, i) =>
                p.replicas.length === replicationFactor && p.isr.length === replicationFactor &&
                target[i].every((b) => p.replicas.includes(b)));
        });
    }

    async delete(name: string): Promise<void> {
        await this.admin.deleteTopics({ topics: [name] });
        await this.waitFor("deletion", async () => !(await this.admin.listTopics({ includeInternals: false })).includes(name));
    }

    private async waitFor(what: string, done: () => Promise<boolean>): Promise<void> {
        await waitUntil(() => what, done, WAIT_MS);
    }
}

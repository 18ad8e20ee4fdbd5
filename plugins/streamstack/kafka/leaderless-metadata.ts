/**
 * The brokers' metadata answer as the Kafka client parsed it, in the parts a topic's read needs.
 * The client throws the whole answer away when any partition in it has an error, keeping it on
 * the error it throws (ResponseError.response).
 */
export interface MetadataAnswer {
    topics: { name: string | null; isInternal: boolean; partitions: { partitionIndex: number; replicaNodes: number[] }[] }[];
}

/** A partition whose replicas' brokers are down, or whose leader is being elected. */
const NO_LEADER = "LEADER_NOT_AVAILABLE";
const PARTITION_PATH = /^\/topics\/\d+\/partitions\/\d+$/;

interface ErrorLike { errors?: unknown[]; cause?: unknown; response?: unknown; apiId?: unknown; path?: unknown }

function isAnswer(value: unknown): value is MetadataAnswer {
    return typeof value === "object" && value !== null && Array.isArray((value as MetadataAnswer).topics);
}

/**
 * The metadata answer inside `error` when the answer's only errors are partitions without a
 * leader: which topics exist, their partitions and replicas are known all the same, and they
 * are what a read (a refresh, an import) needs — right when a broker is down, which is when one
 * refreshes. Undefined for any other error.
 */
export function leaderlessAnswer(error: unknown): MetadataAnswer | undefined {
    const seen = new Set<unknown>();
    const visit = (candidate: unknown): MetadataAnswer | undefined => {
        if (typeof candidate !== "object" || candidate === null || seen.has(candidate)) return undefined;
        seen.add(candidate);
        const { errors, cause, response } = candidate as ErrorLike;
        if (isAnswer(response) && Array.isArray(errors) && errors.length > 0 &&
            errors.every((e) => (e as ErrorLike).apiId === NO_LEADER && PARTITION_PATH.test(String((e as ErrorLike).path)))) {
            return response;
        }
        for (const inner of [...(Array.isArray(errors) ? errors : []), cause]) {
            const found = visit(inner);
            if (found) return found;
        }
        return undefined;
    };
    return visit(error);
}

/** `request`'s answer; when it failed only on partitions without a leader, what `read` makes of the answer the error carries. */
export async function despiteLeaderlessPartitions<T>(request: () => Promise<T>, read: (answer: MetadataAnswer) => T): Promise<T> {
    try {
        return await request();
    } catch (error) {
        const answer = leaderlessAnswer(error);
        if (!answer) throw error;
        return read(answer);
    }
}

/** The topics an answer lists, internal ones left out (what the client's listTopics gives). */
export function answeredTopicNames(answer: MetadataAnswer): string[] {
    return answer.topics.filter((t) => !t.isInternal).map((t) => t.name ?? "");
}

/** Each partition's replica brokers, in partition order, as an answer gives them; undefined for a topic it does not list. */
export function answeredReplicas(answer: MetadataAnswer, topic: string): number[][] | undefined {
    return answer.topics.find((t) => t.name === topic)?.partitions
        .slice().sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => [...p.replicaNodes]);
}

import type * as Kafka from "@platformatic/kafka";
import { PlatformSettings } from "../../components/config";
import { ConfigProblem, configProblem } from "../../components/config/problem";
import { publishedPortRanges } from "../../components/config/published-ports";
import { RunningContainer, runningContainers } from "./docker-engine";
import { portFree, portHolder } from "./port-holder";
import { MEMBER_LABEL, STACK_LABEL } from "./labels";

/**
 * Checks of the Docker target that need the machine, not just the config, run before any
 * resource is declared so that preview fails with all of them and nothing is created: every
 * host port free or already this stack's, and no broker removed while it holds replicas.
 */

/** Upper bound of partition numbers asked about (internal topics have 50 by default). */
const MAX_PARTITIONS = 1000;

function publishes(container: RunningContainer, bindAddress: string, port: number): boolean {
    return container.published.some((p) => p.port === port && (p.ip === bindAddress || p.ip === "0.0.0.0" || bindAddress === "0.0.0.0"));
}

/** Host ports already taken on the bind address, by another container (named) or process (named when /proc tells). */
export async function hostPortProblems(settings: PlatformSettings, stackPrefix: string, containers: RunningContainer[]): Promise<ConfigProblem[]> {
    const bindAddress = settings.ports.bindAddress;
    const problems: ConfigProblem[] = [];
    for (const { key, start, count } of publishedPortRanges(settings)) {
        const taken: string[] = [];
        for (let port = start; port < start + count; port++) {
            const holder = containers.find((c) => publishes(c, bindAddress, port));
            if (holder) {
                const stack = holder.labels[STACK_LABEL];
                if (stack !== stackPrefix) taken.push(`${port} by container ${holder.name}${stack ? ` (stack ${stack.replace(/^streamstack-/, "")})` : ""}`);
            } else if (!(await portFree(bindAddress, port))) {
                taken.push(`${port} by ${portHolder(port) ?? "another process"}`);
            }
        }
        if (taken.length > 0) {
            problems.push(configProblem(`ports.${key}`, start, `host ports in use on ${bindAddress}: ${taken.join("; ")}; stop what holds them or move ports.${key} to a free range of ${count}`));
        }
    }
    return problems;
}

function kafkaClient(): typeof Kafka {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require(esm) at call time: only a scale-down loads the client
    return require("@platformatic/kafka") as typeof Kafka;
}

/** "topic-partition" replicas each broker holds, read from the brokers' log directories (internal topics included). */
export async function replicasByBroker(bootstrap: string[]): Promise<Map<number, string[]>> {
    const admin = new (kafkaClient().Admin)({ clientId: "streamstack-preflight", bootstrapBrokers: bootstrap, retries: 1, timeout: 10_000 });
    try {
        const topics = await admin.listTopics({ includeInternals: true });
        const partitions = Array.from({ length: MAX_PARTITIONS }, (_, i) => i);
        const dirs = await admin.describeLogDirs({ topics: topics.map((name) => ({ name, partitions })) });
        return new Map(dirs.map((dir) => [dir.broker, dir.results.flatMap((result) =>
            result.topics.flatMap((topic) => topic.partitions.map((p) => `${topic.name}-${p.partitionIndex}`)))]));
    } finally {
        await admin.close();
    }
}

/** Lowering kafka.brokers removes the highest ordinals: refused while they hold partition replicas. */
export async function brokerScaleDownProblems(settings: PlatformSettings, stackPrefix: string, containers: RunningContainer[],
    readReplicas = replicasByBroker): Promise<ConfigProblem[]> {
    const brokers = containers
        .filter((c) => c.labels[STACK_LABEL] === stackPrefix && /^kafka-\d+$/.test(c.labels[MEMBER_LABEL] ?? ""))
        .map((c) => ({ id: Number(c.labels[MEMBER_LABEL]!.slice("kafka-".length)), container: c }));
    const removed = brokers.filter((b) => b.id >= settings.kafka.brokers).map((b) => b.id).sort((a, b) => a - b);
    if (removed.length === 0) return [];
    const bootstrap = brokers.flatMap((b) => b.container.published.map((p) => `${settings.ports.bindAddress === "0.0.0.0" ? "127.0.0.1" : settings.ports.bindAddress}:${p.port}`));
    const kept = Array.from({ length: settings.kafka.brokers }, (_, i) => i).join(",");
    const reassign = `move them first: in a broker (docker exec -it ${stackPrefix}-kafka-0 bash) run kafka-reassign-partitions.sh --bootstrap-server kafka-0:9092 ` +
        `--topics-to-move-json-file <topics.json> --broker-list ${kept} --generate, then --execute with the proposed plan and --verify until done; then lower kafka.brokers`;
    let byBroker: Map<number, string[]>;
    try {
        byBroker = await readReplicas(bootstrap);
    } catch (error) {
        return [configProblem("kafka.brokers", settings.kafka.brokers, `would remove broker ${removed.join(", ")}, and whether it holds partition replicas could not be read ` +
            `(${error instanceof Error ? error.message : String(error)}); bring the brokers up healthy and preview again`)];
    }
    const held = removed.flatMap((id) => byBroker.get(id) ?? []);
    if (held.length === 0) return [];
    return [configProblem("kafka.brokers", settings.kafka.brokers, `would remove broker ${removed.join(", ")}, which still hold${removed.length === 1 ? "s" : ""} ` +
        `partition replicas (${replicasPerTopic(held)}) whose data would go with ${removed.length === 1 ? "its volume" : "their volumes"}; ${reassign}`)];
}

/** "events: 6, __consumer_offsets: 50": the platform's own topics first, Kafka's internal ones after. */
export function replicasPerTopic(replicas: string[]): string {
    const counts = new Map<string, number>();
    for (const replica of replicas) {
        const topic = replica.slice(0, replica.lastIndexOf("-"));
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    return [...counts.entries()]
        .sort(([a], [b]) => Number(a.startsWith("__")) - Number(b.startsWith("__")) || a.localeCompare(b))
        .map(([topic, count]) => `${topic}: ${count}`).join(", ");
}

/** Every machine-level problem of a Docker stack, all at once. */
export async function dockerPreflight(settings: PlatformSettings, stackPrefix: string): Promise<ConfigProblem[]> {
    const containers = await runningContainers();
    return [
        ...(await hostPortProblems(settings, stackPrefix, containers)),
        ...(await brokerScaleDownProblems(settings, stackPrefix, containers)),
    ];
}

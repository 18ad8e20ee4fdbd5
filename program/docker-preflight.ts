import { PlatformSettings } from "../components/config";
import { ConfigProblem, configProblem } from "../components/config/problem";
import { publishedPortRanges } from "../components/config/published-ports";
import { scaleDownProblems } from "../components/kafka/replica-placement";
import { groupMembers, KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION, KAFKA_METADATA_ANNOTATION, KAFKA_VERSION_ANNOTATION, KAFKA_REPLICATION_ANNOTATION, recordedStateCa, STACK_LABEL, stackOfPrefix, ZOOKEEPER_AUTHENTICATION_ANNOTATION } from "../components/model/labels";
import { replicationStepProblems } from "../components/kafka/replication";
import { internalAuthenticationStepProblems } from "../components/kafka/internal-authentication";
import { CONTROLLER_GROUP, quorumChangeProblems, versionChangeProblems } from "../components/kafka/kraft";
import { metadataStepProblems, runningMetadataSteps } from "../components/kafka/migration";
import { authenticationStepProblems } from "../components/zookeeper/rules";
import { ZOOKEEPER_GROUP } from "../components/zookeeper/render";
import { KAFKA_GROUP } from "../components/kafka/render";
import { containersAtStart, ListedContainer, localImageIdAtStart, runningStateLogin } from "../live/docker-engine";
import { replicasByBroker } from "../live/kafka";
import { portFree, portHolder } from "../live/ports";

/**
 * Checks of the Docker target that need the machine, not just the config, run before any
 * resource is declared so that preview fails with all of them and nothing is created: every
 * host port free or already this stack's, and no broker removed while it holds replicas.
 */

function publishes(container: ListedContainer, bindAddress: string, port: number): boolean {
    return container.published.some((p) => p.port === port && (p.ip === bindAddress || p.ip === "0.0.0.0" || bindAddress === "0.0.0.0"));
}

/** Host ports already taken on the bind address, by another container (named) or process (named when /proc tells). */
export async function hostPortProblems(settings: PlatformSettings, stackPrefix: string, containers: ListedContainer[]): Promise<ConfigProblem[]> {
    const bindAddress = settings.ports.bindAddress;
    const problems: ConfigProblem[] = [];
    for (const { key, start, count } of publishedPortRanges(settings)) {
        const taken: string[] = [];
        for (let port = start; port < start + count; port++) {
            const holder = containers.find((c) => publishes(c, bindAddress, port));
            if (holder) {
                const stack = holder.labels[STACK_LABEL];
                if (stack !== stackPrefix) taken.push(`${port} by container ${holder.name}${stack ? ` (stack ${stackOfPrefix(stack) ?? stack})` : ""}`);
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

/** Lowering kafka.brokers removes the highest ordinals: refused while they hold partition replicas. */
export async function brokerScaleDownProblems(settings: PlatformSettings, stackPrefix: string, containers: ListedContainer[],
    readReplicas = replicasByBroker, readLogin = runningStateLogin): Promise<ConfigProblem[]> {
    const brokers = groupMembers(containers, stackPrefix, KAFKA_GROUP).map(({ ordinal, container }) => ({ id: ordinal, container }));
    const removed = brokers.filter((b) => b.id >= settings.kafka.brokers).map((b) => b.id).sort((a, b) => a - b);
    const bootstrap = brokers.flatMap((b) => b.container.published.map((p) => `${settings.ports.bindAddress === "0.0.0.0" ? "127.0.0.1" : settings.ports.bindAddress}:${p.port}`));
    return scaleDownProblems(settings, {
        removed, bootstrap,
        caCertificate: recordedStateCa(brokers.map((b) => b.container.labels)),
        login: removed.length === 0 ? undefined : await readLogin(containers, stackPrefix, KAFKA_GROUP),
        shell: `docker exec -it ${stackPrefix}-kafka-0 bash`,
        dataFate: removed.length === 1 ? "whose data would go with its volume" : "whose data would go with their volumes",
    }, readReplicas);
}

/** zookeeper.authentication moving more than one step from what the stack's servers run (their label). */
export function zookeeperAuthenticationProblems(settings: PlatformSettings, stackPrefix: string, containers: ListedContainer[]): ConfigProblem[] {
    const servers = groupMembers(containers, stackPrefix, ZOOKEEPER_GROUP);
    return authenticationStepProblems(servers.map(({ container }) => container.labels[ZOOKEEPER_AUTHENTICATION_ANNOTATION]), settings);
}

/** kafka.replication and kafka.internalAuthentication moving more than one step from what a running broker of the stack runs (its labels). */
export function kafkaReplicationProblems(settings: PlatformSettings, stackPrefix: string, containers: ListedContainer[]): ConfigProblem[] {
    const brokers = groupMembers(containers, stackPrefix, KAFKA_GROUP).map(({ container }) => container.labels);
    return [
        ...replicationStepProblems(brokers.map((labels) => labels[KAFKA_REPLICATION_ANNOTATION]), settings),
        ...internalAuthenticationStepProblems(brokers.map((labels) => labels[KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION]), settings),
    ];
}

/**
 * A change of kafka.metadata other than a migration's next step (or the one back), of the KRaft
 * quorum's voters, or a step back of its Kafka version, read from every container of the stack,
 * running or not (a stopped controller is still a voter).
 */
export function kraftQuorumProblems(settings: PlatformSettings, stackPrefix: string, containers: ListedContainer[]): ConfigProblem[] {
    const controllers = groupMembers(containers, stackPrefix, CONTROLLER_GROUP);
    const brokers = groupMembers(containers, stackPrefix, KAFKA_GROUP);
    const kraftBrokers = brokers.filter(({ container }) => container.labels[KAFKA_METADATA_ANNOTATION] === "kraft").map(({ ordinal }) => ordinal);
    const versions = [...controllers, ...brokers].map(({ container }) => container.labels[KAFKA_VERSION_ANNOTATION]);
    const steps = runningMetadataSteps(brokers.map(({ container }) => container.labels[KAFKA_METADATA_ANNOTATION]), controllers.map(({ container }) => container.labels[KAFKA_METADATA_ANNOTATION]));
    return [
        ...metadataStepProblems(steps, settings),
        ...quorumChangeProblems({ controllers: controllers.map(({ ordinal }) => ordinal), kraftBrokers }, settings),
        ...versionChangeProblems(versions, settings),
    ];
}

/** Images the engine does not have: nothing is pulled from a registry, set-up builds them. */
export async function missingImageProblems(settings: PlatformSettings, imageId = localImageIdAtStart): Promise<ConfigProblem[]> {
    const kinds = Object.keys(settings.images) as (keyof PlatformSettings["images"])[];
    const ids = await Promise.all(kinds.map((kind) => imageId(settings.images[kind])));
    return kinds.flatMap((kind, i) => ids[i] !== undefined ? [] : [configProblem(`images.${kind}`, settings.images[kind],
        "no such image in the local Docker engine (nothing is pulled from a registry); build the project's images with " +
        "'bash scripts/setup/images.sh', or name an image that `docker image ls` lists")]);
}

/** Every machine-level problem of a Docker stack, all at once. */
export async function dockerPreflight(settings: PlatformSettings, stackPrefix: string): Promise<ConfigProblem[]> {
    // What `docker ps` lists (a paused or restarting container still holds its ports).
    const images = missingImageProblems(settings);
    const everyContainer = await containersAtStart();
    const containers = everyContainer.filter((c) => ["running", "paused", "restarting"].includes(c.state));
    return [
        ...(await images),
        ...(await hostPortProblems(settings, stackPrefix, containers)),
        ...(await brokerScaleDownProblems(settings, stackPrefix, containers)),
        ...zookeeperAuthenticationProblems(settings, stackPrefix, containers),
        ...kafkaReplicationProblems(settings, stackPrefix, containers),
        ...kraftQuorumProblems(settings, stackPrefix, everyContainer),
    ];
}

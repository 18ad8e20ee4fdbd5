import { readResourceName, resourceNameScope } from "../components/model/resource-names";
import {
    DOCKER_CONTAINER_TYPE, DOCKER_VOLUME_TYPE, KAFKA_TOPIC_TYPE, KUBERNETES_CLAIM_TYPE, KUBERNETES_CONFIG_MAP_TYPE, KUBERNETES_STATEFUL_SET_TYPE,
    READINESS_GATE_TYPE, ROLLOUT_GATE_TYPE, STREAMING_JOB_TYPE,
} from "../components/model/resource-tokens";
import { COMPONENT_KINDS } from "../components/model/workload";
import { PreviewJson, PreviewStep, resourceName, resourceType, reviewedSteps } from "./preview-json";

/** The platform's parts, in the order a reviewer reads them. */
export const COMPONENTS = ["ZooKeeper", "Kafka", "Topics", "Spark", "Platform"] as const;
export type Component = (typeof COMPONENTS)[number];

export type ResourceKind = "container" | "volume" | "gate" | "topic" | "job" | "workload" | "files" | "other";
export type ReviewedOp = "create" | "update" | "replace" | "delete";

/** One resource operation of the preview, in the platform's terms. */
export interface PlatformChange {
    op: ReviewedOp;
    kind: ResourceKind;
    component: Component;
    /** The resource's name: a member (kafka-0), a volume, a gate, a topic key, a Kubernetes object. */
    name: string;
    /** The group it belongs to (kafka, spark-worker, …), when it belongs to one. */
    group?: string;
    step: PreviewStep;
}

const GROUP_COMPONENT: Record<string, Component> = { zookeeper: "ZooKeeper", kafka: "Kafka", "kafka-controller": "Kafka", "spark-master": "Spark", "spark-worker": "Spark" };

/** kafka-2 -> kafka; spark-master-ready -> spark-master; volume-zookeeper-1-data -> zookeeper; kafka-config -> kafka (the model reads the name). */
export function groupOf(name: string): string | undefined {
    return readResourceName(name, COMPONENT_KINDS)?.group;
}

function kindOf(type: string): ResourceKind {
    if (type === DOCKER_CONTAINER_TYPE) return "container";
    if (type === DOCKER_VOLUME_TYPE || type === KUBERNETES_CLAIM_TYPE) return "volume";
    if (type === READINESS_GATE_TYPE || type === ROLLOUT_GATE_TYPE) return "gate";
    if (type === KAFKA_TOPIC_TYPE) return "topic";
    if (type === STREAMING_JOB_TYPE) return "job";
    if (type === KUBERNETES_STATEFUL_SET_TYPE) return "workload";
    // The Kubernetes target's rendered files (zoo.cfg, server.properties, …), one per group.
    if (type === KUBERNETES_CONFIG_MAP_TYPE) return "files";
    return "other";
}

function componentOf(kind: ResourceKind, name: string, group: string | undefined): Component {
    if (kind === "topic") return "Topics";
    if (kind === "job") return "Spark";
    if (group) return GROUP_COMPONENT[group]!;
    // The shared checkpoint volume, in a platform's scope or not (`streamstack-volume-checkpoints`).
    if (/(^|-)(volume-)?checkpoints$/.test(name)) return "Spark";
    return "Platform";
}

/**
 * A resource's name as the reviewer knows it: when every member's resource the preview touches
 * is in one platform's scope, without it (`kafka-0`, not `streamstack-kafka-0`; topics too), as
 * the model names it; with several platforms, whole, so that their members stay apart.
 */
function reviewedName(preview: PreviewJson): (urn: string) => string {
    const scopes = new Set(preview.steps.map((step) => resourceNameScope(resourceName(step.urn), COMPONENT_KINDS)).filter((scope) => scope !== undefined));
    const scope = scopes.size === 1 ? [...scopes][0] : "";
    return (urn) => {
        const name = resourceName(urn);
        return scope && name.startsWith(scope) ? name.slice(scope.length) : name;
    };
}

/** The operations a reviewer needs, classified; `same` steps and provider bookkeeping are left out. */
export function platformChanges(preview: PreviewJson): PlatformChange[] {
    const nameOf = reviewedName(preview);
    return reviewedSteps(preview).flatMap((step): PlatformChange[] => {
        if (!["create", "update", "replace", "delete"].includes(step.op)) return [];
        const type = resourceType(step);
        const kind = kindOf(type);
        // A topic by its name in Kafka, whatever its resource is called.
        const topicName = (step.newState ?? step.oldState)?.inputs?.name;
        const name = kind === "topic" && typeof topicName === "string" ? topicName : nameOf(step.urn);
        const group = groupOf(name);
        return [{ op: step.op as ReviewedOp, kind, component: componentOf(kind, name, group), name, group, step }];
    });
}

/** Every resource the program declares after the change (same, created, updated, replaced), by type. */
export function resourcesAfter(preview: PreviewJson, type: string): PreviewStep[] {
    return preview.steps.filter((step) => step.op !== "delete" && step.op !== "delete-replaced" && step.newState?.type === type);
}

/** …and before it. */
export function resourcesBefore(preview: PreviewJson, type: string): PreviewStep[] {
    return preview.steps.filter((step) => step.op !== "create" && step.op !== "create-replacement" && step.oldState?.type === type);
}

import { PolicyResource } from "@pulumi/policy";
import { readResourceName, ResourceRole } from "../components/model/resource-names";
import { DOCKER_CONTAINER_TYPE, KAFKA_TOPIC_TYPE, KUBERNETES_CONFIG_MAP_TYPE, KUBERNETES_STATEFUL_SET_TYPE } from "../components/model/resource-tokens";
import { COMPONENT_KINDS, ComponentKind } from "../components/model/workload";

/**
 * The platform as the policies read it from the proposed resources, on either target: Docker
 * containers (one per member, rendered files as `uploads`) or Kubernetes StatefulSets and
 * ConfigMaps (files as `data`).
 */

export type Group = ComponentKind;

/** Whether a resource name is the group's resource of that role, as the model names them (never parsed here). */
function isGroups(name: string, group: Group, role: ResourceRole): boolean {
    const parts = readResourceName(name, COMPONENT_KINDS);
    return parts?.role === role && parts.group === group;
}

/** Members of a group: Docker containers named `<group>-<i>`, or the replicas of the StatefulSet named `<group>`. */
export function memberCount(resources: PolicyResource[], group: Group): number | undefined {
    const containers = resources.filter((r) => r.type === DOCKER_CONTAINER_TYPE && isGroups(r.name, group, "member"));
    if (containers.length > 0) return containers.length;
    const set = resources.find((r) => r.type === KUBERNETES_STATEFUL_SET_TYPE && isGroups(r.name, group, "group"));
    return set ? Number(set.props.spec?.replicas ?? 1) : undefined;
}

/** A group's rendered files by name (identical for every member). */
export function groupFiles(resources: PolicyResource[], group: Group): Map<string, string> {
    const container = resources.find((r) => r.type === DOCKER_CONTAINER_TYPE && isGroups(r.name, group, "member"));
    if (container) {
        const uploads = (container.props.uploads ?? []) as { file: string; content?: string }[];
        return new Map(uploads.map((u) => [u.file.slice(u.file.lastIndexOf("/") + 1), u.content ?? ""]));
    }
    const configMap = resources.find((r) => r.type === KUBERNETES_CONFIG_MAP_TYPE && isGroups(r.name, group, "config-map"));
    return new Map(Object.entries((configMap?.props.data ?? {}) as Record<string, string>));
}

/** `key value` (spark-defaults.conf) or `key=value` (server.properties, spark-env.sh) lines. */
export function settingsOf(text: string | undefined): Map<string, string> {
    const settings = new Map<string, string>();
    for (const line of (text ?? "").split("\n")) {
        const match = /^\s*([\w.-]+)\s*(?:=|\s)\s*(.*?)\s*$/.exec(line);
        if (match && !line.trim().startsWith("#")) settings.set(match[1]!, match[2]!.replace(/^"(.*)"$/, "$1"));
    }
    return settings;
}

export interface TopicView {
    name: string;
    replicationFactor: number;
    minInsyncReplicas: number;
    /** Whether min.insync.replicas comes from the topic (else the brokers' default). */
    explicitMinInsync: boolean;
}

export function topics(resources: PolicyResource[]): TopicView[] {
    const brokerDefault = Number(settingsOf(groupFiles(resources, "kafka").get("server.properties")).get("min.insync.replicas") ?? 1);
    return resources.filter((r) => r.type === KAFKA_TOPIC_TYPE).map((r) => {
        const explicit = (r.props.config as Record<string, string> | undefined)?.["min.insync.replicas"];
        return {
            name: String(r.props.name ?? r.name),
            replicationFactor: Number(r.props.replicationFactor),
            minInsyncReplicas: explicit === undefined ? brokerDefault : Number(explicit),
            explicitMinInsync: explicit !== undefined,
        };
    });
}

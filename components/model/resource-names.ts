/**
 * The model names the targets give the resources they declare, built here and read back here:
 * the targets call the builders (and name each resource `<platform>-<model name>`, see
 * ResourceScope), and the policy pack and the PR review call readResourceName instead of
 * parsing names themselves.
 */
import { memberName, parseMemberName } from "./workload";

const GATE_SUFFIX = "-ready";
const GUARD_SUFFIX = "-guard";
const CONFIG_SUFFIX = "-config";
const VOLUME_PREFIX = "volume-";

/** A member's own resource (Docker: its container), named as the member. */
export const memberResourceName = memberName;

/** The readiness gate of one member (Docker target). */
export function memberGateName(group: string, ordinal: number): string {
    return `${memberName(group, ordinal)}${GATE_SUFFIX}`;
}

/** The readiness gate of a whole group, which dependents wait on (Docker target). */
export function groupGateName(group: string): string {
    return `${group}${GATE_SUFFIX}`;
}

/** A member's own volume: its key (`kafka-0-data`) names the Docker volume and its resources. */
export function memberVolumeKey(group: string, ordinal: number, volume: string): string {
    return `${memberName(group, ordinal)}-${volume}`;
}

/** A Docker volume resource, by its key (a member volume's or a shared one's, `checkpoints`). */
export function volumeResourceName(key: string): string {
    return `${VOLUME_PREFIX}${key}`;
}

/** The guard declared before a Docker volume (streamstack:docker:VolumeGuard). */
export function volumeGuardName(key: string): string {
    return `${volumeResourceName(key)}${GUARD_SUFFIX}`;
}

/**
 * The guard's name from its volume's resource name, scoped or not (the guard's is the volume's,
 * suffixed); undefined for a name the model did not give a volume.
 */
export function volumeGuardNameOf(volumeResource: string): string | undefined {
    const named = volumeResource.startsWith(VOLUME_PREFIX) || volumeResource.includes(`-${VOLUME_PREFIX}`);
    return named && !volumeResource.endsWith(GUARD_SUFFIX) ? `${volumeResource}${GUARD_SUFFIX}` : undefined;
}

/** The guard of a StatefulSet's claim sizes (Kubernetes target). */
export function claimTemplateGuardName(group: string): string {
    return `${group}-claims${GUARD_SUFFIX}`;
}

/** A group's rendered files (Kubernetes ConfigMap). */
export function configMapName(group: string): string {
    return `${group}${CONFIG_SUFFIX}`;
}

/** A group's secret files (Kubernetes Secret). */
export function secretFilesName(group: string): string {
    return `${group}-secret-files`;
}

/** A group's workload (Kubernetes StatefulSet, PodDisruptionBudget, client Service): the group's name. */
export function groupResourceName(group: string): string {
    return group;
}

export type ResourceRole = "member" | "member-gate" | "group-gate" | "member-volume" | "volume-guard" | "config-map" | "group";

export interface ResourceNameParts {
    role: ResourceRole;
    group: string;
    /** The member's ordinal, for a member's own resources. */
    ordinal?: number;
}

/** `<group>-<ordinal>` followed by nothing or by `-<rest>`, for one of `groups`. */
function memberPrefix(name: string, groups: readonly string[]): { group: string; ordinal: number; rest: string } | undefined {
    for (const group of groups) {
        if (!name.startsWith(`${group}-`)) continue;
        const afterGroup = name.slice(group.length + 1);
        const end = afterGroup.indexOf("-");
        const parsed = parseMemberName(`${group}-${end < 0 ? afterGroup : afterGroup.slice(0, end)}`);
        if (parsed?.group === group) return { group, ordinal: parsed.ordinal, rest: end < 0 ? "" : afterGroup.slice(end + 1) };
    }
    return undefined;
}

/**
 * What a resource name says, given the model's groups (zookeeper, kafka, spark-master,
 * spark-worker): the builders above, read backwards, after the platform's name (`orders-`, see
 * ResourceScope) if there is one — the first reading that works, from the whole name on.
 * Undefined for a name of no group's (the network, the namespace, a topic's key, the shared
 * checkpoint volume).
 */
export function readResourceName(name: string, groups: readonly string[]): ResourceNameParts | undefined {
    return readScoped(name, groups)?.parts;
}

/**
 * The platform's part of a resource name that readResourceName reads (`orders-` of
 * `orders-kafka-0`; "" for an unscoped one); undefined for a name of no group's.
 */
export function resourceNameScope(name: string, groups: readonly string[]): string | undefined {
    return readScoped(name, groups)?.scope;
}

function readScoped(name: string, groups: readonly string[]): { scope: string; parts: ResourceNameParts } | undefined {
    // Longest first: a group whose name starts with another's must win.
    const ordered = [...groups].sort((a, b) => b.length - a.length);
    for (let at = 0; ;) {
        const parts = readModelName(name.slice(at), ordered);
        if (parts !== undefined) return { scope: name.slice(0, at), parts };
        const dash = name.indexOf("-", at);
        if (dash < 0) return undefined;
        at = dash + 1;
    }
}

/** readResourceName for a name without the platform's, the groups longest first. */
function readModelName(name: string, ordered: readonly string[]): ResourceNameParts | undefined {
    if (name.startsWith(VOLUME_PREFIX)) {
        const guarded = name.endsWith(GUARD_SUFFIX);
        const key = name.slice(VOLUME_PREFIX.length, guarded ? -GUARD_SUFFIX.length : undefined);
        const member = memberPrefix(key, ordered);
        return member && member.rest !== "" ? { role: guarded ? "volume-guard" : "member-volume", group: member.group, ordinal: member.ordinal } : undefined;
    }
    if (name.endsWith(GATE_SUFFIX)) {
        const gated = name.slice(0, -GATE_SUFFIX.length);
        if (ordered.includes(gated)) return { role: "group-gate", group: gated };
        const member = memberPrefix(gated, ordered);
        return member && member.rest === "" ? { role: "member-gate", group: member.group, ordinal: member.ordinal } : undefined;
    }
    if (name.endsWith(CONFIG_SUFFIX) && ordered.includes(name.slice(0, -CONFIG_SUFFIX.length))) {
        return { role: "config-map", group: name.slice(0, -CONFIG_SUFFIX.length) };
    }
    if (ordered.includes(name)) return { role: "group", group: name };
    const member = memberPrefix(name, ordered);
    return member && member.rest === "" ? { role: "member", group: member.group, ordinal: member.ordinal } : undefined;
}

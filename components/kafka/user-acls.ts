/**
 * A Kafka user's ACLs as a stack file writes them — a map from a resource pattern to the
 * operations allowed on it — and the bindings the authorizer keeps for them. Pure: the user
 * rules check what a stack says with it, the provider turns it into CreateAcls / DeleteAcls.
 *
 *   "topic:events": [read, describe]        one topic
 *   "topic:logs-*": [write]                 every topic whose name starts with "logs-"
 *   "group:*": [read]                       every consumer group
 *   "cluster": [describe]                   the cluster itself
 */

export const ACL_RESOURCE_TYPES = ["topic", "group", "cluster", "transactional-id"] as const;
export type AclResourceType = typeof ACL_RESOURCE_TYPES[number];

export const ACL_OPERATIONS = ["all", "read", "write", "create", "delete", "alter", "describe", "cluster-action",
    "describe-configs", "alter-configs", "idempotent-write"] as const;
export type AclOperation = typeof ACL_OPERATIONS[number];

/** One allow rule the authorizer keeps: a principal may do one operation on a resource pattern, from any host. */
export interface AclBinding {
    resourceType: AclResourceType;
    /** A name, "*" for any, or with patternType "prefixed" a prefix. */
    name: string;
    patternType: "literal" | "prefixed";
    operation: AclOperation;
}

/** The only name of the cluster resource in Kafka's ACLs. */
export const CLUSTER_RESOURCE_NAME = "kafka-cluster";

/** The authorizer's principal for a SCRAM user name. */
export function userPrincipal(name: string): string {
    return `User:${name}`;
}

/** What is wrong with a user name, or undefined: SCRAM names and principals take it verbatim, so keep it plain. */
export function userNameProblem(name: string): string | undefined {
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)
        ? undefined
        : "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit (the principal is User:<name>)";
}

/** A resource pattern key ("topic:events", "group:app-*", "cluster") as a binding's target, or what is wrong with it. */
export function parseAclResource(key: string): Omit<AclBinding, "operation"> | string {
    if (key === "cluster") return { resourceType: "cluster", name: CLUSTER_RESOURCE_NAME, patternType: "literal" };
    const at = key.indexOf(":");
    const type = at < 0 ? key : key.slice(0, at);
    if (!(ACL_RESOURCE_TYPES as readonly string[]).includes(type) || type === "cluster") {
        return `must be "cluster" or "<type>:<name>" with type topic, group or transactional-id (a name ending in * is a prefix; "*" alone is any)`;
    }
    const name = key.slice(at + 1);
    if (at < 0 || name === "") return `names no ${type}: write "${type}:<name>", "${type}:<prefix>*" or "${type}:*"`;
    if (name !== "*" && name.endsWith("*")) {
        const prefix = name.slice(0, -1);
        if (prefix.includes("*")) return "a * may only end a name (a prefix)";
        return { resourceType: type as AclResourceType, name: prefix, patternType: "prefixed" };
    }
    if (name.includes("*") && name !== "*") return "a * may only end a name (a prefix)";
    return { resourceType: type as AclResourceType, name, patternType: "literal" };
}

/** Every problem of a user's ACL map, as [resource key, message]. */
export function aclProblems(acls: Record<string, unknown>): [string, string][] {
    const problems: [string, string][] = [];
    for (const [key, operations] of Object.entries(acls)) {
        const target = parseAclResource(key);
        if (typeof target === "string") problems.push([key, target]);
        if (!Array.isArray(operations) || operations.length === 0 || operations.some((op) => typeof op !== "string")) {
            problems.push([key, `must list the operations allowed (${ACL_OPERATIONS.join(", ")})`]);
            continue;
        }
        const unknown = operations.filter((op) => !(ACL_OPERATIONS as readonly string[]).includes(op as string));
        if (unknown.length > 0) problems.push([key, `unknown operation${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; use ${ACL_OPERATIONS.join(", ")}`]);
    }
    return problems;
}

/** A binding's identity: two bindings with one key are the same rule. */
export function bindingKey(binding: AclBinding): string {
    return `${binding.resourceType}|${binding.patternType}|${binding.name}|${binding.operation}`;
}

/** The bindings a (checked) ACL map stands for, one per operation, in a stable order. */
export function aclBindings(acls: Record<string, string[]>): AclBinding[] {
    const bindings = new Map<string, AclBinding>();
    for (const [key, operations] of Object.entries(acls)) {
        const target = parseAclResource(key);
        if (typeof target === "string") throw new Error(`ACL "${key}": ${target}`);
        for (const operation of operations) {
            const binding = { ...target, operation: operation as AclOperation };
            bindings.set(bindingKey(binding), binding);
        }
    }
    return [...bindings.values()].sort((a, b) => bindingKey(a).localeCompare(bindingKey(b)));
}

/** The ACL map back from bindings (what refresh reads from the cluster), in the stack file's notation. */
export function aclMap(bindings: AclBinding[]): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const binding of [...bindings].sort((a, b) => bindingKey(a).localeCompare(bindingKey(b)))) {
        const key = binding.resourceType === "cluster" ? "cluster"
            : `${binding.resourceType}:${binding.name}${binding.patternType === "prefixed" ? "*" : ""}`;
        (map[key] ??= []).push(binding.operation);
    }
    return map;
}

/** What to create and what to delete to go from one set of bindings to another. */
export function aclChanges(from: AclBinding[], to: AclBinding[]): { create: AclBinding[]; delete: AclBinding[] } {
    const fromKeys = new Set(from.map(bindingKey));
    const toKeys = new Set(to.map(bindingKey));
    return { create: to.filter((b) => !fromKeys.has(bindingKey(b))), delete: from.filter((b) => !toKeys.has(bindingKey(b))) };
}

/**
 * What an interrupted `pulumi up` left pending in a stack's state, and what `npm run recover`
 * does with each: the pieces of recovery, kept free of I/O.
 */
import { volumeGuardNameOf } from "../components/model/resource-names";
import { DOCKER_CONTAINER_TYPE, DOCKER_VOLUME_TYPE, KAFKA_TOPIC_TYPE, VOLUME_GUARD_TYPE } from "../components/model/resource-tokens";

export interface PendingCreate {
    urn: string;
    type: string;
    parent?: string;
    inputs: Record<string, unknown>;
}

interface StateResource { urn: string; type: string; parent?: string; inputs?: Record<string, unknown> }

interface Deployment {
    resources?: StateResource[];
    pending_operations?: { type: string; resource: StateResource }[];
}

export function pendingCreates(deployment: Deployment): PendingCreate[] {
    return (deployment.pending_operations ?? [])
        .filter((op) => op.type === "creating")
        .map((op) => ({ urn: op.resource.urn, type: op.resource.type, parent: op.resource.parent, inputs: op.resource.inputs ?? {} }));
}

/**
 * What recover does with a pending create whose object exists live:
 * - adopt (import under its pending URN): topics, which hold data and which the provider
 *   refuses to create over; volume guards, whose volume the killed update went on to make;
 * - remove: containers carrying the stack's label, which hold no data (that is in volumes), so
 *   the next `up` creates them again (the docker plugin's create fails on a name in use).
 * Everything else pending is dropped: the next `up` creates it (Docker hands a volume whose
 * guard is recorded back to its create).
 */
export type Recovery = "adopt" | "remove" | "drop";

export function recoveryOf(type: string): Recovery {
    if (type === KAFKA_TOPIC_TYPE || type === VOLUME_GUARD_TYPE) return "adopt";
    if (type === DOCKER_CONTAINER_TYPE) return "remove";
    return "drop";
}

/**
 * The URN of the guard the Docker target declares for a volume: same parent, the guard's type,
 * and the name the model gives the guard of that volume. Undefined for a volume resource the
 * model did not name.
 */
export function guardUrnOf(volumeUrn: string): string | undefined {
    const at = volumeUrn.lastIndexOf("::");
    const types = volumeUrn.slice(0, at);
    const guard = volumeGuardNameOf(volumeUrn.slice(at + 2));
    if (!types.endsWith(DOCKER_VOLUME_TYPE) || guard === undefined) return undefined;
    return `${types.slice(0, -DOCKER_VOLUME_TYPE.length)}${VOLUME_GUARD_TYPE}::${guard}`;
}

/**
 * Data volumes the state holds without a guard beside them: a stack deployed before volume
 * guards existed. Recover records a guard for each, so the next preview knows them as the stack's own.
 */
export function unguardedVolumes(deployment: Deployment): { urn: string; parent?: string; volume: string }[] {
    const resources = deployment.resources ?? [];
    const urns = new Set(resources.map((r) => r.urn));
    return resources
        .filter((r) => r.type === DOCKER_VOLUME_TYPE && typeof r.inputs?.name === "string")
        .flatMap((r) => {
            const urn = guardUrnOf(r.urn);
            return urn === undefined || urns.has(urn) ? [] : [{ urn, parent: r.parent, volume: r.inputs!.name as string }];
        });
}

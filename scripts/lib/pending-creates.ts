/**
 * Creates an interrupted `pulumi up` left pending in a stack's state, and what exists of them
 * live: the pieces of `npm run recover`, kept free of I/O where they can be.
 */

export interface PendingCreate {
    urn: string;
    type: string;
    parent?: string;
    inputs: Record<string, unknown>;
}

interface Deployment {
    pending_operations?: { type: string; resource: { urn: string; type: string; parent?: string; inputs?: Record<string, unknown> } }[];
}

export function pendingCreates(deployment: Deployment): PendingCreate[] {
    return (deployment.pending_operations ?? [])
        .filter((op) => op.type === "creating")
        .map((op) => ({ urn: op.resource.urn, type: op.resource.type, parent: op.resource.parent, inputs: op.resource.inputs ?? {} }));
}

/**
 * What is adopted (imported under its pending URN) rather than dropped: topics, which hold data
 * and which the provider refuses to create over (adopting must be deliberate; here it is the
 * stack's own). Containers are dropped: the next `up` replaces a container its stack left
 * behind (the docker plugin removes a same-named container carrying the stack's label first).
 * Volumes and networks are made first and fast, so a kill rarely leaves them pending; a left
 * volume is refused with the command that adopts it.
 */
export const ADOPTED_TYPES = ["streamstack:kafka:Topic"];

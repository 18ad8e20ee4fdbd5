/**
 * Labels on every Docker object of a stack: how a stack finds its own containers, networks and
 * volumes (and never touches anything else) without the Pulumi state.
 */

/** Value: the stack's prefix (`streamstack-<stack>`). */
export const STACK_LABEL = "streamstack.stack";
/** Value: the member name (`kafka-2`). */
export const MEMBER_LABEL = "streamstack.member";

/** A Docker `label=` filter selecting every object of the stack. */
export function stackFilter(stackPrefix: string): string {
    return `${STACK_LABEL}=${stackPrefix}`;
}

/**
 * A setting whose values are steps in a fixed order, each `up` allowed to move every running
 * member at most one step (kafka.replication, kafka.internalAuthentication): members at two
 * steps apart could not talk to each other. Pure; each concept words its own message.
 */

/** Where the running members are and the step this `up` must take instead, when `wanted` is more than one step away. */
export interface SteppedChange<Step extends string> {
    /** The live step furthest from `wanted` (after an interrupted `up` the members differ). */
    from: Step;
    /** The one step from there towards `wanted`. */
    next: Step;
}

/** `live`: each running member's step (an unknown value counts as the first step); empty when none runs. */
export function steppedChangeProblem<Step extends string>(steps: readonly Step[], live: readonly string[], wanted: Step): SteppedChange<Step> | undefined {
    const to = steps.indexOf(wanted);
    if (to < 0) return undefined;
    const positions = live.map((step) => Math.max(steps.indexOf(step as Step), 0));
    const from = positions.reduce((furthest, step) => (Math.abs(step - to) > Math.abs(furthest - to) ? step : furthest), to);
    if (Math.abs(to - from) <= 1) return undefined;
    return { from: steps[from]!, next: steps[from + Math.sign(to - from)]! };
}

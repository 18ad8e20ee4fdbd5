/** A loop started by pacedLoop: stop() lets the step under way finish, then resolves. */
export interface PacedLoop {
    stop(): Promise<void>;
}

/**
 * Runs `step` once every `intervalMs` until stopped, as the load and watches of the e2e tests
 * and benchmarks do: a step that takes longer than the interval delays the next one, never
 * overlaps it. `tick` counts the steps from 0.
 */
export function pacedLoop(intervalMs: number, step: (tick: number) => Promise<void>): PacedLoop {
    let running = true;
    const loop = (async () => {
        for (let tick = 0; running; tick++) {
            const startedAt = Date.now();
            await step(tick);
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - startedAt))));
        }
    })();
    return {
        async stop() {
            running = false;
            await loop;
        },
    };
}

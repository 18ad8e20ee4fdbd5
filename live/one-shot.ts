/** What a one-shot client run is, whichever target starts it (live/docker-one-shot.ts, live/kube-one-shot.ts). */
export interface OneShotRun {
    /** Name prefix; the target makes each run's name its own. */
    namePrefix: string;
    image: string;
    labels: Record<string, string>;
    user: number;
    command: string[];
    /** Absolute paths, in place before the command starts, readable by `user` only: never in the container's or pod's spec. */
    files: { path: string; content: string }[];
    timeoutMs: number;
}

export interface OneShotResult {
    exitCode: number;
    /** stdout and stderr, interleaved as written. */
    log: string;
}

/** `--runs N` of a benchmark's arguments (`defaultRuns` without it): a positive whole number, or a clear error naming the flag. */
export function runsFromArgs(args: string[], defaultRuns: number): number {
    return wholeNumberFlag(args, "--runs", defaultRuns);
}

/** `<flag> N` of a benchmark's arguments (`fallback` without it): a positive whole number, or a clear error naming the flag. */
export function wholeNumberFlag(args: string[], flag: string, fallback: number): number {
    const at = args.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} must be a positive whole number, got '${args[at + 1] ?? ""}'`);
    return value;
}

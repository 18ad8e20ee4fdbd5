/** `--runs N` of a benchmark's arguments (`defaultRuns` without it): a positive whole number, or a clear error naming the flag. */
export function runsFromArgs(args: string[], defaultRuns: number): number {
    const at = args.indexOf("--runs");
    if (at < 0) return defaultRuns;
    const runs = Number(args[at + 1]);
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got '${args[at + 1] ?? ""}'`);
    return runs;
}

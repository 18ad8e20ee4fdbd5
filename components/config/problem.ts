/** One thing wrong with the stack configuration: which key, what value, and how to fix it. */
export interface ConfigProblem {
    /** Full config key, e.g. `streamstack:spark.coresMax` or `streamstack:topics[1].name`. */
    key: string;
    /** What is wrong and how to fix it, in one sentence. */
    message: string;
    /** The offending value, when the problem is about a value (not a missing or unknown key). */
    value?: unknown;
}

/** Records one problem: the key's path under `streamstack:`, its value, what is wrong and the fix. */
export type Report = (path: string, value: unknown, message: string) => void;

export const CONFIG_NAMESPACE = "streamstack";

export function configKey(path: string): string {
    return `${CONFIG_NAMESPACE}:${path}`;
}

/** A problem with the value at `path` (under `streamstack:`): what is wrong and the fix. */
export function configProblem(path: string, value: unknown, message: string): ConfigProblem {
    return { key: configKey(path), value, message };
}

export function formatValue(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
}

/**
 * Every problem found in the configuration, thrown before any resource is registered so
 * that `pulumi preview` fails with the full list and nothing is created.
 */
export class ConfigError extends Error {
    constructor(readonly problems: ConfigProblem[]) {
        super(
            `streamstack configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
                problems.map((p) => `  - ${p.key}${"value" in p ? ` = ${formatValue(p.value)}` : ""}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

import { ConfigProblem, configKey, formatValue } from "./problem";
import { retiredKeyMessage } from "./retired-keys";
import { unknownKeyMessage } from "./suggest";

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
    if (Array.isArray(value)) return "a list";
    if (value === null) return "null";
    return typeof value === "object" ? "an object" : `the ${typeof value} ${formatValue(value)}`;
}

/**
 * Overlays `raw` on `defaults`, key by key, taking the shape of `defaults` as the schema:
 * unknown keys and values of the wrong type become problems (and keep the default), so
 * one run reports everything. Numbers in the contract are integers.
 */
export function mergeWithDefaults<T>(path: string, raw: unknown, defaults: T, problems: ConfigProblem[]): T {
    if (raw === undefined) return structuredClone(defaults);

    if (isPlainObject(defaults)) {
        if (!isPlainObject(raw)) {
            problems.push({ key: configKey(path), message: `expected an object, got ${describeType(raw)}` });
            return structuredClone(defaults);
        }
        const known = Object.keys(defaults);
        const merged: Plain = {};
        for (const key of Object.keys(raw)) {
            if (!known.includes(key)) {
                problems.push({ key: configKey(`${path}.${key}`), message: retiredKeyMessage(`${path}.${key}`) ?? unknownKeyMessage(key, known) });
            }
        }
        for (const key of known) {
            merged[key] = mergeWithDefaults(`${path}.${key}`, raw[key], (defaults as Plain)[key], problems);
        }
        return merged as T;
    }

    if (typeof defaults === "number") {
        const value = typeof raw === "string" && /^-?[0-9]+$/.test(raw) ? Number(raw) : raw;
        if (typeof value !== "number" || !Number.isInteger(value)) {
            problems.push({ key: configKey(path), message: `expected a whole number, got ${describeType(raw)}` });
            return defaults;
        }
        return value as T;
    }

    if (typeof defaults === "boolean") {
        const value = raw === "true" ? true : raw === "false" ? false : raw;
        if (typeof value !== "boolean") {
            problems.push({ key: configKey(path), message: `expected true or false, got ${describeType(raw)}` });
            return defaults;
        }
        return value as T;
    }

    if (typeof defaults === "string") {
        if (typeof raw !== "string") {
            problems.push({ key: configKey(path), message: `expected a string, got ${describeType(raw)}; quote it in the stack file` });
            return defaults;
        }
        return raw as T;
    }

    if (Array.isArray(defaults)) {
        // Lists inside objects are lists of names (kubernetes.clientNamespaces); topics and
        // jobs, lists of objects, have parsers of their own.
        if (!Array.isArray(raw) || raw.some((item) => typeof item !== "string")) {
            problems.push({ key: configKey(path), message: `expected a list of strings, got ${describeType(raw)}` });
            return structuredClone(defaults);
        }
        return [...raw] as T;
    }

    return raw as T;
}

/**
 * A free-form string map (Kafka topic configs): values may be written as YAML numbers or
 * booleans and are kept as the strings Kafka expects.
 */
export function stringMap(path: string, raw: unknown, problems: ConfigProblem[]): Record<string, string> {
    if (raw === undefined) return {};
    if (!isPlainObject(raw)) {
        problems.push({ key: configKey(path), message: `expected a map of config names to values, got ${describeType(raw)}` });
        return {};
    }
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
            result[key] = String(value);
        } else {
            problems.push({ key: configKey(`${path}.${key}`), message: `expected a string value, got ${describeType(value)}` });
        }
    }
    return result;
}

export { isPlainObject, describeType };

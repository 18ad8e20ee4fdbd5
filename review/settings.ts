import { PlatformSettings } from "../components/config";
import { resolveSettings } from "../components/platform/settings";
import { readStackConfig } from "../components/config/stack-config";

/** One setting as the user wrote it in the stack config, before and after. */
export interface SettingChange {
    /** Config key with the path inside its object, e.g. `streamstack:kafka.heapMb`, `streamstack:topics[0].partitions`. */
    key: string;
    /** The value in effect; "(default)" follows a value the stack file does not state. */
    before?: string;
    after?: string;
}

const SECRET_KEY = /password|secret|token|sasl|credential/i;
const MASK = "[secret]";

function flatten(prefix: string, value: unknown, into: Map<string, string>): void {
    if (Array.isArray(value)) {
        value.forEach((item, i) => flatten(`${prefix}[${i}]`, item, into));
    } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) flatten(/^[\w-]+$/.test(key) ? `${prefix}.${key}` : `${prefix}["${key}"]`, item, into);
    } else {
        into.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
    }
}

/** `{ "streamstack:kafka": "{\"heapMb\":640}" }` -> `streamstack:kafka.heapMb` = 640 (objects are stored as JSON strings). */
export function flatConfig(config: Record<string, string>): Map<string, string> {
    const flat = new Map<string, string>();
    for (const [key, raw] of Object.entries(config)) {
        let value: unknown = raw;
        if (/^[[{]/.test(raw.trim())) {
            try { value = JSON.parse(raw); } catch { /* a plain string that starts with a bracket */ }
        }
        flatten(key, value, flat);
    }
    return flat;
}

/** The settings in effect (the stack file merged with the defaults, as the program resolves them); undefined when they do not resolve (the preview then fails and says why). */
export function effectiveSettings(config: Record<string, string>): PlatformSettings | undefined {
    try {
        return resolveSettings(readStackConfig(config));
    } catch {
        return undefined;
    }
}

/** effectiveSettings, flattened like flatConfig. */
function effectiveConfig(config: Record<string, string>): Map<string, string> | undefined {
    const settings = effectiveSettings(config);
    if (!settings) return undefined;
    const flat = new Map<string, string>();
    for (const [key, value] of Object.entries(settings)) flatten(`streamstack:${key}`, value, flat);
    return flat;
}

/** Changed, added and removed settings in effect, secrets masked, each marked when it comes from the defaults. */
export function settingChanges(before: Record<string, string>, after: Record<string, string>): SettingChange[] {
    const writtenBefore = flatConfig(before);
    const writtenAfter = flatConfig(after);
    const a = effectiveConfig(before) ?? writtenBefore;
    const b = effectiveConfig(after) ?? writtenAfter;
    const keys = [...new Set([...b.keys(), ...a.keys()])];
    const shown = (key: string, value: string | undefined, written: Map<string, string>) => {
        if (value === undefined) return undefined;
        if (SECRET_KEY.test(key) || written.get(key) === MASK) return MASK;
        return written.has(key) ? value : `${value} (default)`;
    };
    const changed = keys.filter((key) => a.get(key) !== b.get(key))
        .map((key) => ({ key, before: shown(key, a.get(key), writtenBefore), after: shown(key, b.get(key), writtenAfter) }));
    return collapseEntries(changed, writtenBefore, writtenAfter);
}

/** A list entry added or removed as a whole (a topic, a job) is one row: the entry as the stack file writes it. */
function collapseEntries(changes: SettingChange[], writtenBefore: Map<string, string>, writtenAfter: Map<string, string>): SettingChange[] {
    const entryOf = (key: string) => /^(streamstack:\w+\[\d+\])[.[]/.exec(key)?.[1];
    const entries = new Set(changes.map((c) => entryOf(c.key)).filter((e): e is string => e !== undefined));
    const whole = new Map<string, SettingChange>();
    for (const entry of entries) {
        const own = changes.filter((c) => entryOf(c.key) === entry);
        const removed = own.every((c) => c.after === undefined);
        const added = own.every((c) => c.before === undefined);
        if (!removed && !added) continue;
        const written = removed ? writtenBefore : writtenAfter;
        const text = [...written.entries()].filter(([key]) => entryOf(key) === entry).map(([key, value]) => `${key.slice(entry.length + 1)}: ${value}`).join(", ");
        whole.set(entry, { key: entry, before: removed ? `{${text}}` : undefined, after: added ? `{${text}}` : undefined });
    }
    const out: SettingChange[] = [];
    for (const change of changes) {
        const entry = entryOf(change.key);
        if (entry && whole.has(entry)) {
            if (!out.includes(whole.get(entry)!)) out.push(whole.get(entry)!);
        } else {
            out.push(change);
        }
    }
    return out;
}

/** Which part of the platform a setting configures. */
export function settingComponent(key: string): "ZooKeeper" | "Kafka" | "Topics" | "Spark" | "Platform" {
    const [first, second] = key.replace(/^streamstack:/, "").split(/[.[]/);
    // images.<group> belongs to the group it runs.
    const name = first === "images" ? second : first;
    switch (name) {
        case "zookeeper": return "ZooKeeper";
        case "kafka": return "Kafka";
        case "topics": return "Topics";
        case "spark": case "jobs": return "Spark";
        default: return "Platform";
    }
}

/** One setting as the user wrote it in the stack config, before and after. */
export interface SettingChange {
    /** Config key with the path inside its object, e.g. `streamstack:kafka.heapMb`, `streamstack:topics[0].partitions`. */
    key: string;
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

/** Changed, added and removed settings, secrets masked; keys in config order. */
export function settingChanges(before: Record<string, string>, after: Record<string, string>): SettingChange[] {
    const a = flatConfig(before);
    const b = flatConfig(after);
    const keys = [...new Set([...a.keys(), ...b.keys()])];
    const mask = (key: string, value: string | undefined) => (value !== undefined && (SECRET_KEY.test(key) || value === MASK) ? MASK : value);
    return keys.filter((key) => a.get(key) !== b.get(key)).map((key) => ({ key, before: mask(key, a.get(key)), after: mask(key, b.get(key)) }));
}

/** Which part of the platform a setting configures. */
export function settingComponent(key: string): "ZooKeeper" | "Kafka" | "Topics" | "Spark" | "Platform" {
    const name = key.replace(/^streamstack:/, "").split(/[.[]/)[0];
    switch (name) {
        case "zookeeper": return "ZooKeeper";
        case "kafka": return "Kafka";
        case "topics": return "Topics";
        case "spark": case "jobs": return "Spark";
        default: return "Platform";
    }
}

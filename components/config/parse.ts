import { DEFAULTS, PlatformSettings, TOP_LEVEL_KEYS, TOPIC_DEFAULTS, TopicSettings } from "./defaults";
import { describeType, isPlainObject, mergeWithDefaults, stringMap } from "./merge";
import { ConfigProblem, configKey } from "./problem";
import { unknownKeyMessage } from "./suggest";
import { parseJob } from "./parse-job";
import { parseUser } from "./parse-user";

const TOPIC_KEYS = ["key", "name", "partitions", "replicationFactor", "config", "import", "recreateOnRename", "retainOnDelete", "protect"] as const;

function parseTopic(index: number, raw: unknown, defaultRf: number, problems: ConfigProblem[]): TopicSettings | undefined {
    const path = `topics[${index}]`;
    if (!isPlainObject(raw)) {
        problems.push({ key: configKey(path), message: `expected a topic object { name, partitions, replicationFactor, config }, got ${describeType(raw)}` });
        return undefined;
    }
    for (const key of Object.keys(raw)) {
        if (!(TOPIC_KEYS as readonly string[]).includes(key)) {
            problems.push({ key: configKey(`${path}.${key}`), message: unknownKeyMessage(key, TOPIC_KEYS) });
        }
    }
    if (typeof raw.name !== "string") {
        problems.push({ key: configKey(`${path}.name`), message: `every topic needs a name (a string), got ${describeType(raw.name)}` });
    }
    if (raw.key !== undefined && (typeof raw.key !== "string" || raw.key === "")) {
        problems.push({ key: configKey(`${path}.key`), message: `a topic's key is a non-empty string (it defaults to the name), got ${describeType(raw.key)}` });
    }
    const scalars = mergeWithDefaults(path,
        { partitions: raw.partitions, replicationFactor: raw.replicationFactor, import: raw.import, recreateOnRename: raw.recreateOnRename, retainOnDelete: raw.retainOnDelete, protect: raw.protect },
        { ...TOPIC_DEFAULTS, replicationFactor: defaultRf }, problems);
    const name = typeof raw.name === "string" ? raw.name : "";
    return {
        key: typeof raw.key === "string" && raw.key !== "" ? raw.key : name,
        name,
        partitions: scalars.partitions,
        replicationFactor: scalars.replicationFactor,
        config: stringMap(`${path}.config`, raw.config, problems),
        import: scalars.import,
        recreateOnRename: scalars.recreateOnRename,
        retainOnDelete: scalars.retainOnDelete,
        protect: scalars.protect,
    };
}

/**
 * Raw stack config (keys without the `streamstack:` prefix, values already JSON-decoded)
 * to typed settings with every default filled in. Shape problems are collected, not thrown.
 */
export function parseSettings(raw: Record<string, unknown>, problems: ConfigProblem[]): PlatformSettings {
    for (const key of Object.keys(raw)) {
        if (!(TOP_LEVEL_KEYS as string[]).includes(key)) {
            problems.push({ key: configKey(key), message: unknownKeyMessage(key, TOP_LEVEL_KEYS) });
        }
    }
    const settings = structuredClone(DEFAULTS);
    const merged = settings as unknown as Record<string, unknown>;
    for (const key of TOP_LEVEL_KEYS) {
        if (key !== "topics" && key !== "jobs" && key !== "users") merged[key] = mergeWithDefaults(key, raw[key], DEFAULTS[key], problems);
    }

    // The default image follows kafka.version: set-up tags one image per version (and the
    // default version's also :local, the name stacks made before kafka.version run on).
    const rawImages = raw.images as Record<string, unknown> | undefined;
    if (settings.kafka.version !== DEFAULTS.kafka.version && (!isPlainObject(rawImages) || rawImages.kafka === undefined)) {
        settings.images.kafka = `streamstack/kafka:${settings.kafka.version}`;
    }

    // The default topic's replication factor follows kafka.defaultReplicationFactor, as any
    // entry's does that does not set one: a one-broker platform needs no topics setting.
    const topics = raw.topics ?? DEFAULTS.topics.map(({ replicationFactor: _followsTheBrokers, ...topic }) => topic);
    settings.topics = parseList("topics", topics, (topic, i) => parseTopic(i, topic, settings.kafka.defaultReplicationFactor, problems), problems);
    settings.jobs = parseList("jobs", raw.jobs, (job, i) => parseJob(i, job, problems), problems);
    settings.users = parseList("users", raw.users, (user, i) => parseUser(i, user, problems), problems);
    return settings;
}

/**
 * A list key (`topics`, `users`, `jobs`): its defaults when absent, a problem (and an empty list) when
 * it is not a list, else every entry that parsed.
 */
function parseList<K extends "topics" | "users" | "jobs">(key: K, raw: unknown, parseEntry: (entry: unknown, index: number) => PlatformSettings[K][number] | undefined, problems: ConfigProblem[]): PlatformSettings[K] {
    if (raw === undefined) return structuredClone(DEFAULTS[key]);
    if (!Array.isArray(raw)) {
        problems.push({ key: configKey(key), message: `expected a list of ${key}, got ${describeType(raw)}` });
        return [];
    }
    return raw.map(parseEntry).filter((entry) => entry !== undefined) as PlatformSettings[K];
}

import { KafkaUserSettings } from "./defaults";
import { describeType, isPlainObject } from "./merge";
import { ConfigProblem, configKey } from "./problem";
import { unknownKeyMessage } from "./suggest";

const USER_KEYS = ["name", "acls"] as const;

/** One `streamstack:users[i]` entry with its defaults filled in; shape problems are collected (the ACLs' meaning is the user rules'). */
export function parseUser(index: number, raw: unknown, problems: ConfigProblem[]): KafkaUserSettings | undefined {
    const path = `users[${index}]`;
    if (!isPlainObject(raw)) {
        problems.push({ key: configKey(path), message: `expected a user object { name, acls }, got ${describeType(raw)}` });
        return undefined;
    }
    for (const key of Object.keys(raw)) {
        if (!(USER_KEYS as readonly string[]).includes(key)) problems.push({ key: configKey(`${path}.${key}`), message: unknownKeyMessage(key, USER_KEYS) });
    }
    if (typeof raw.name !== "string") {
        problems.push({ key: configKey(`${path}.name`), message: `every user needs a name (a string), got ${describeType(raw.name)}` });
    }
    if (raw.acls !== undefined && !isPlainObject(raw.acls)) {
        problems.push({ key: configKey(`${path}.acls`), message: `expected a map of resource to operations ({"topic:events": [read]}), got ${describeType(raw.acls)}` });
    }
    return {
        name: typeof raw.name === "string" ? raw.name : "",
        acls: isPlainObject(raw.acls) ? raw.acls as Record<string, string[]> : {},
    };
}

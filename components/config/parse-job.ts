import { JOB_DEFAULTS, JobSettings } from "./defaults";
import { describeType, isPlainObject, mergeWithDefaults, stringMap } from "./merge";
import { ConfigProblem, configKey } from "./problem";
import { unknownKeyMessage } from "./suggest";

const JOB_KEYS = ["name", "mainClass", "jar", "args", "cores", "executorMemory", "driverMemory", "driverCores", "conf", "acls"] as const;

/** One `streamstack:jobs[i]` entry with its defaults filled in; shape problems are collected. */
export function parseJob(index: number, raw: unknown, problems: ConfigProblem[]): JobSettings | undefined {
    const path = `jobs[${index}]`;
    if (!isPlainObject(raw)) {
        problems.push({ key: configKey(path), message: `expected a job object { name, args, cores, executorMemory }, got ${describeType(raw)}` });
        return undefined;
    }
    for (const key of Object.keys(raw)) {
        if (!(JOB_KEYS as readonly string[]).includes(key)) {
            problems.push({ key: configKey(`${path}.${key}`), message: unknownKeyMessage(key, JOB_KEYS) });
        }
    }
    if (typeof raw.name !== "string") {
        problems.push({ key: configKey(`${path}.name`), message: `every job needs a name (a string), got ${describeType(raw.name)}` });
    }
    const scalars = mergeWithDefaults(path, {
        mainClass: raw.mainClass, jar: raw.jar, cores: raw.cores, executorMemory: raw.executorMemory,
        driverMemory: raw.driverMemory, driverCores: raw.driverCores,
    }, JOB_DEFAULTS, problems);
    return {
        name: typeof raw.name === "string" ? raw.name : "",
        ...scalars,
        args: stringMap(`${path}.args`, raw.args, problems),
        conf: stringMap(`${path}.conf`, raw.conf, problems),
        acls: aclMap(`${path}.acls`, raw.acls, problems),
    };
}

/** `acls` as written (resource → operations); its meaning is checked by the job rules, beside the users' ACLs. */
function aclMap(path: string, raw: unknown, problems: ConfigProblem[]): Record<string, string[]> {
    if (raw === undefined) return {};
    if (!isPlainObject(raw)) {
        problems.push({ key: configKey(path), message: `expected a map of resource to operations ({"topic:events": [read]}), got ${describeType(raw)}` });
        return {};
    }
    return raw as Record<string, string[]>;
}

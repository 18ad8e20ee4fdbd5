import { PlatformSettings } from "./defaults";
import { parseSettings } from "./parse";
import { ConfigError, ConfigProblem } from "./problem";
import { checkRules } from "./rules";

export * from "./defaults";
export { ConfigError, ConfigProblem } from "./problem";
export { parseJvmMemoryMb } from "./memory";
export { topicNameError } from "./topic-name";

/** Typed, defaulted and validated settings, or a ConfigError listing every problem. */
export function resolveSettings(raw: Record<string, unknown>): PlatformSettings {
    const problems: ConfigProblem[] = [];
    const settings = parseSettings(raw, problems);
    problems.push(...checkRules(settings));
    if (problems.length > 0) throw new ConfigError(problems);
    return settings;
}

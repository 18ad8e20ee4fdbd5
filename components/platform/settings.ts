import { checkGeneralRules, ConfigError, ConfigProblem, parseSettings, PlatformSettings } from "../config";
import { configProblem, Report } from "../config/problem";
import { checkKafka, checkTopics } from "../kafka/rules";
import { checkUsers } from "../kafka/user-rules";
import { checkJobPrincipals } from "../kafka/job-principal";
import { checkJobs, checkSpark } from "../spark/rules";
import { checkZooKeeper } from "../zookeeper/rules";

/**
 * Settings as the platform takes them: the stack config's shape (components/config), then
 * every rule, the general ones and each concept's own, gathered here above both so that
 * neither config nor a concept imports the other's rules.
 */

export interface MachineFacts {
    /**
     * This machine's IPv4 addresses, when the platform is declared on it: the Docker target
     * publishes on ports.bindAddress, which must be one of them. Left out, that check is not made.
     */
    localAddresses?: string[];
}

/** Semantic rules over merged settings; every violation is reported, not just the first. */
export function checkRules(settings: PlatformSettings, machine: MachineFacts = {}): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const report: Report = (path, value, message) => problems.push(configProblem(path, value, message));
    checkGeneralRules(settings, report, machine.localAddresses);
    checkZooKeeper(settings, report);
    checkKafka(settings, report);
    checkSpark(settings, report);
    checkTopics(settings, report);
    checkUsers(settings, report);
    checkJobs(settings, report);
    checkJobPrincipals(settings, report);
    return problems;
}

/** Typed, defaulted and validated settings, or a ConfigError listing every problem. */
export function resolveSettings(raw: Record<string, unknown>, machine: MachineFacts = {}): PlatformSettings {
    const problems: ConfigProblem[] = [];
    const settings = parseSettings(raw, problems);
    problems.push(...checkRules(settings, machine));
    if (problems.length > 0) throw new ConfigError(problems);
    return settings;
}

import { PlatformSettings } from "../config";
import { configProblem, ConfigProblem } from "../config/problem";
import { publishedPortRanges } from "../config/published-ports";

/** A platform another part of the same program declared before. */
export interface DeclaredPlatform {
    name: string;
    settings: PlatformSettings;
}

function sameCluster(a: PlatformSettings, b: PlatformSettings): boolean {
    return a.kubernetes.kubeconfig === b.kubernetes.kubeconfig && a.kubernetes.context === b.kubernetes.context;
}

function sharedHostAddress(a: PlatformSettings, b: PlatformSettings): boolean {
    return a.ports.bindAddress === b.ports.bindAddress || a.ports.bindAddress === "0.0.0.0" || b.ports.bindAddress === "0.0.0.0";
}

/**
 * What one platform would take from another declared in the same program: host ports (Docker)
 * or NodePorts and the namespace (Kubernetes, same cluster). Each platform's own checks cannot
 * see these, and Docker or the API server would refuse the second one halfway through an up.
 */
export function coexistenceProblems(settings: PlatformSettings, declared: DeclaredPlatform[]): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const other of declared) {
        if (other.settings.target !== settings.target) continue;
        const kubernetes = settings.target === "kubernetes";
        if (kubernetes && !sameCluster(settings, other.settings)) continue;
        if (!kubernetes && !sharedHostAddress(settings, other.settings)) continue;
        if (kubernetes && settings.kubernetes.namespace === other.settings.kubernetes.namespace) {
            problems.push(configProblem("kubernetes.namespace", settings.kubernetes.namespace,
                `platform "${other.name}" of this program uses the same namespace; give each platform its own`));
        }
        const published = (s: PlatformSettings) => publishedPortRanges(s).filter((range) => !kubernetes || range.nodePort);
        for (const mine of published(settings)) {
            for (const theirs of published(other.settings)) {
                if (mine.start < theirs.start + theirs.count && theirs.start < mine.start + mine.count) {
                    problems.push(configProblem(`ports.${mine.key}`, mine.start, `its ports ${mine.start}-${mine.start + mine.count - 1} overlap ports.${theirs.key} ` +
                        `of platform "${other.name}" of this program (${theirs.start}-${theirs.start + theirs.count - 1}); move one of them`));
                }
            }
        }
    }
    return problems;
}

import { stringify } from "yaml";
import { range } from "../../components/model/addressing";
import { CONFIG_DIR, memberName, ORDINAL_ENV, SECRETS_DIR, WorkloadGroup } from "../../components/model/workload";
import { STACK_LABEL } from "../../components/model/labels";

/** Compose interpolates `$VAR` everywhere; the rendered scripts mean the shell's `$`. */
function escapeInterpolation(text: string): string {
    return text.replace(/\$/g, "$$$$");
}

/**
 * The workload model as a Compose file: the baseline `scripts/bench-up` compares
 * `pulumi up` against (same images, same rendered files, same health checks). Not a
 * deployment target of the program; it exists so the comparison is like for like.
 */
export function renderComposeFile(groups: WorkloadGroup[], project: string, bindAddress: string, secrets: Record<string, Record<string, string>> = {}): string {
    const services: Record<string, unknown> = {};
    const volumes: Record<string, unknown> = {};
    const configs: Record<string, unknown> = {};

    for (const group of groups) {
        for (const file of group.files) configs[`${group.name}-${file.name}`] = { content: escapeInterpolation(file.content) };
        // A baseline on this machine: the secret files are configs too (Compose's secrets need swarm or a file).
        for (const file of group.secretFiles) {
            const value = secrets[group.name]?.[file.name];
            if (value === undefined) throw new Error(`the Compose baseline needs a value for the secret file ${file.name} of ${group.name}`);
            configs[`${group.name}-secret-${file.name}`] = { content: escapeInterpolation(value) };
        }
        for (const ordinal of range(group.replicas)) {
            const member = memberName(group.name, ordinal);
            const mounts = group.volumes.map((volume) => {
                const name = volume.scope === "shared" ? volume.name : `${member}-${volume.name}`;
                volumes[name] = { labels: { [STACK_LABEL]: project } };
                return `${name}:${volume.mountPath}`;
            });
            services[member] = {
                image: group.image,
                hostname: member,
                command: group.command,
                user: `${group.runAsUser}:${group.runAsUser}`,
                init: true,
                restart: "unless-stopped",
                environment: { ...group.env, [ORDINAL_ENV]: String(ordinal), STREAMSTACK_GROUP: group.name },
                labels: { [STACK_LABEL]: project },
                configs: [
                    ...group.files.map((file) => ({ source: `${group.name}-${file.name}`, target: `${CONFIG_DIR}/${file.name}` })),
                    ...group.secretFiles.map((file) => ({ source: `${group.name}-secret-${file.name}`, target: `${SECRETS_DIR}/${file.name}` })),
                ],
                ports: group.ports.filter((p) => p.hostPortBase !== undefined)
                    .map((p) => `${bindAddress}:${p.hostPortBase! + ordinal}:${p.containerPort}`),
                volumes: mounts,
                mem_limit: `${group.memoryMb}m`,
                cpus: group.cpus,
                healthcheck: {
                    test: ["CMD", ...group.readiness.command.map(escapeInterpolation)],
                    interval: `${group.readiness.periodSeconds}s`,
                    timeout: `${group.readiness.timeoutSeconds}s`,
                    retries: group.readiness.failureThreshold,
                    start_period: `${group.readiness.initialDelaySeconds}s`,
                },
                depends_on: Object.fromEntries(group.dependsOn.flatMap((dependency) => {
                    const dependencyGroup = groups.find((g) => g.name === dependency);
                    return range(dependencyGroup?.replicas ?? 0).map((i) => [memberName(dependency, i), { condition: "service_healthy" }]);
                })),
            };
        }
    }
    return stringify({ name: project, services, volumes, configs }, { lineWidth: 0 });
}

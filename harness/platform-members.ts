import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { kubectl } from "./k8s-local";
import { docker, labelled } from "./platform-probe";

const run = promisify(execFile);

/** A running platform's members as a soak reads them: their logs and whether they restarted. */
export interface PlatformMembers {
    /** Lines matching `pattern` in the logs of the members whose name matches `member`, since `since`. */
    logLines(member: RegExp, since: Date, pattern: RegExp): Promise<number>;
    /** Each member's incarnation: it changes when the member restarts (by its runtime's policy or a crash). */
    incarnations(): Promise<Record<string, string>>;
}

const matching = (text: string, pattern: RegExp) => text.split("\n").filter((line) => pattern.test(line)).length;

/** A Docker platform's containers (`<prefix>-<member>`, labelled with the prefix). */
export function dockerMembers(prefix: string): PlatformMembers {
    const containers = () => labelled("container", prefix);
    return {
        logLines: async (member, since, pattern) => {
            let count = 0;
            for (const container of (await containers()).filter((name) => member.test(name))) {
                const { stdout, stderr } = await run("docker", ["logs", "--since", since.toISOString(), container], { maxBuffer: 256 * 1024 * 1024 });
                count += matching(`${stdout}\n${stderr}`, pattern);
            }
            return count;
        },
        incarnations: async () => Object.fromEntries(await Promise.all((await containers()).map(async (name) =>
            [name, (await docker(["inspect", "--format", "{{.State.StartedAt}}", name])).trim()] as const))),
    };
}

/** The platform's pods in `namespace` of the local cluster (pod name = member). */
export function kubernetesMembers(namespace: string): PlatformMembers {
    const pods = async () => (JSON.parse(await kubectl("-n", namespace, "get", "pods", "-o", "json")) as {
        items: { metadata: { name: string; uid: string }; status: { containerStatuses?: { restartCount: number }[] } }[];
    }).items;
    return {
        logLines: async (member, since, pattern) => {
            let count = 0;
            for (const pod of (await pods()).filter((p) => member.test(p.metadata.name))) {
                count += matching(await kubectl("-n", namespace, "logs", "--since-time", since.toISOString(), pod.metadata.name), pattern);
            }
            return count;
        },
        // A new pod (a new uid) or a container the kubelet restarted in it.
        incarnations: async () => Object.fromEntries((await pods()).map((pod) =>
            [pod.metadata.name, `${pod.metadata.uid}/${(pod.status.containerStatuses ?? []).map((c) => c.restartCount).join(",")}`])),
    };
}

/**
 * Prints the resource graph of each stack file in stacks/ (or the ones named on the command
 * line), built against Pulumi's mock engine: what `pulumi up` would register, for review.
 * Usage: npm run graph [-- local k8s]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { resolveSettings } from "../components/platform/settings";
import { mockGraph, RegisteredResource } from "../operations/mock-graph";

const root = path.resolve(__dirname, "..", "..");

function stackConfig(stack: string): Record<string, unknown> {
    const file = path.join(root, "stacks", `Pulumi.${stack}.yaml`);
    const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config ?? {})
        .filter(([key]) => key.startsWith("streamstack:"))
        .map(([key, value]) => [key.slice("streamstack:".length), value]));
}

function summary(resource: RegisteredResource): string {
    const inputs = resource.inputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (inputs.hostname) {
        const ports = (inputs.ports as { hostIp: string; hostPort: number; containerPort: number }[])
            .map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}`).join(" ");
        const mounts = (inputs.mounts as { volume: string; target: string }[]).map((m) => `${m.volume}:${m.target}`).join(" ");
        return `image=${inputs.image} mem=${inputs.memoryMb}Mi cpus=${inputs.cpus} ports=[${ports}] mounts=[${mounts}]`;
    }
    if (inputs.spec?.replicas !== undefined) return `replicas=${inputs.spec.replicas} image=${inputs.spec.template.spec.containers[0].image}`;
    if (inputs.spec?.minAvailable !== undefined) return `minAvailable=${inputs.spec.minAvailable}`;
    if (inputs.spec?.accessModes) return `${inputs.spec.accessModes.join(",")} ${inputs.spec.resources.requests.storage}`;
    if (inputs.data) return `files=${Object.keys(inputs.data).join(",")}`;
    return inputs.name ? `name=${inputs.name}` : "";
}

async function main(): Promise<void> {
    const stacks = process.argv.slice(2).length > 0 ? process.argv.slice(2)
        : fs.readdirSync(path.join(root, "stacks")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
    for (const stack of stacks) {
        const graph = await mockGraph(resolveSettings(stackConfig(stack)), stack);
        console.log(`# stack ${stack}: ${graph.length} resources`);
        const lines = graph.map((r) => `${r.type.padEnd(56)} ${r.name.padEnd(22)} ${summary(r)}`);
        for (const line of lines.sort()) console.log(line.trimEnd());
        console.log();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

/**
 * One-command migration of a stack whose Kafka topics are dynamic-provider resources
 * (`pulumi-nodejs:dynamic/kafka:Topic`, streamstack before the provider plugin) to the
 * streamstack provider's `streamstack:kafka:Topic`, without touching a single topic:
 *   1. `pulumi import` every such topic as `streamstack:kafka:Topic`, under the same parent and
 *      name (the provider reads it from the brokers; nothing is created or changed);
 *   2. `pulumi state delete` the old entries (state only: the old provider is never called),
 *      and the default pulumi-nodejs provider once nothing uses it any more.
 * The next `pulumi preview` is empty. Safe to run again: a stack with no old topics is left alone.
 * Usage: npm run migrate:topics -- --stack <name>
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { KAFKA_TOPIC_TYPE } from "../components/model/resource-tokens";
import { LEGACY_TOPIC_TYPE, planTopicMigration, StateResource, unusedDynamicProviders } from "../operations/topic-migration";
import { stackArgument } from "../operations/stack-argument";

const run = promisify(execFile);

async function pulumi(args: string[]): Promise<string> {
    const { stdout } = await run("pulumi", [...args, "--non-interactive"], { maxBuffer: 256 << 20 });
    return stdout;
}

async function stateResources(stack: string): Promise<StateResource[]> {
    const exported = JSON.parse(await pulumi(["stack", "export", "--stack", stack])) as { deployment: { resources?: StateResource[] } };
    return exported.deployment.resources ?? [];
}

async function main(): Promise<void> {
    const stack = stackArgument(process.argv.slice(2));
    if (!stack) throw new Error("usage: npm run migrate:topics -- --stack <name>");
    const { importFile, legacyUrns } = planTopicMigration(await stateResources(stack));
    if (legacyUrns.length === 0) {
        console.log(`stack ${stack}: no ${LEGACY_TOPIC_TYPE} resources; nothing to migrate`);
        return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-migrate-"));
    try {
        const file = path.join(dir, "topics.json");
        fs.writeFileSync(file, JSON.stringify(importFile, null, 2));
        // --generate-code=false: the language host built here has no program generator.
        await pulumi(["import", "--file", file, "--yes", "--protect=false", "--generate-code=false", "--stack", stack]);
        for (const urn of legacyUrns) await pulumi(["state", "delete", urn, "--force", "--yes", "--stack", stack]);
        // Otherwise the next preview would show the engine deleting the unused provider.
        for (const urn of unusedDynamicProviders(await stateResources(stack))) await pulumi(["state", "delete", urn, "--yes", "--stack", stack]);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(`stack ${stack}: ${legacyUrns.length} topic(s) now ${KAFKA_TOPIC_TYPE}: ${importFile.resources.map((r) => r.name).join(", ")}`);
}

main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

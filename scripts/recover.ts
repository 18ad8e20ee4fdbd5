/**
 * `npm run recover -- --stack <name>`: after a `pulumi up` was killed (SIGKILL, a crash, a lost
 * machine), unlock the stack and settle what the killed update left pending, so that the next
 * `pulumi up` converges on the docker plugin as published: topics and volume guards it had
 * already made are adopted (imported under their pending URNs, so no data is orphaned), the
 * stack's containers it had made are removed (they hold no data; the next up makes them
 * again), the rest is dropped. A stack deployed before volume guards existed gets a guard
 * recorded for each data volume it holds. Prints each step.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { STACK_LABEL } from "../components/model/labels";
import { KAFKA_TOPIC_TYPE, VOLUME_GUARD_TYPE } from "../components/model/resource-tokens";
import { inspectContainer, removeContainer, volumeLabels } from "../live/docker-engine";
import { TopicAdmin } from "../plugins/streamstack/kafka/admin";
import { ImportEntry, importFileFor } from "../operations/import-file";
import { topicImportId } from "../components/kafka/topic-import-id";
import { PendingCreate, pendingCreates, recoveryOf, unguardedVolumes } from "../operations/pending-creates";
import { stackArgument } from "../operations/stack-argument";

const env = { ...process.env, PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "" };

function run(command: string, args: string[], quiet = false): string {
    if (!quiet) process.stdout.write(`$ ${command} ${args.join(" ")}\n`);
    return execFileSync(command, args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/** The provider ID of a pending create's object if it exists live, else undefined. */
async function liveId(pending: PendingCreate): Promise<string | undefined> {
    if (pending.type === KAFKA_TOPIC_TYPE) {
        const name = pending.inputs.name as string | undefined;
        if (!name) return undefined;
        const admin = new TopicAdmin(pending.inputs.bootstrapServers as string);
        try {
            // Adopted by `pulumi import`, whose id names the brokers as well as the topic.
            return (await admin.describe(name)) ? topicImportId(pending.inputs.bootstrapServers as string, name) : undefined;
        } finally {
            await admin.close().catch(() => undefined);
        }
    }
    if (pending.type === VOLUME_GUARD_TYPE) {
        const volume = pending.inputs.volume as string | undefined;
        return volume && (await volumeLabels(volume)) !== undefined ? volume : undefined;
    }
    return undefined;
}

/** Removes the container a pending create made, if it is there and carries the stack's label; says what it did. */
async function removeLeftContainer(pending: PendingCreate, stackPrefix: string | undefined): Promise<string> {
    const name = pending.inputs.name as string | undefined;
    const container = name ? await inspectContainer(name) : undefined;
    if (!container) return "not created, dropping it";
    if (container.labels[STACK_LABEL] !== stackPrefix) return `a container of that name exists and is not this stack's: left alone (remove it: docker rm -f ${name})`;
    await removeContainer(container.id);
    return `made by the killed update: removed (it holds no data), the next up creates it again`;
}

async function main(): Promise<void> {
    const stack = stackArgument(process.argv.slice(2)) ?? "local";
    try {
        run("pulumi", ["cancel", "--yes", "--stack", stack]);
    } catch (error) {
        process.stdout.write(`  (nothing to cancel: ${String((error as { stderr?: string }).stderr ?? error).trim().split("\n")[0]})\n`);
    }
    const deployment = JSON.parse(run("pulumi", ["stack", "export", "--stack", stack], true)).deployment;
    const pending = pendingCreates(deployment);
    const found: ImportEntry[] = [];
    let removed = 0;
    for (const create of pending) {
        const label = `pending ${create.type} ${create.urn.split("::").pop()}`;
        switch (recoveryOf(create.type)) {
            case "adopt": {
                const id = await liveId(create);
                process.stdout.write(`  ${label}: ${id ? `exists (${id}), adopting it` : "not created, dropping it"}\n`);
                if (id) found.push({ urn: create.urn, type: create.type, id, parent: create.parent });
                break;
            }
            case "remove": {
                const said = await removeLeftContainer(create, create.inputs.labels ? stackLabelOf(create.inputs.labels) : undefined);
                if (said.startsWith("made by")) removed++;
                process.stdout.write(`  ${label}: ${said}\n`);
                break;
            }
            case "drop":
                process.stdout.write(`  ${label}: dropped (the next up creates it)\n`);
        }
    }
    const guards = unguardedVolumes(deployment);
    for (const guard of guards) {
        process.stdout.write(`  volume ${guard.volume}: held by the stack without a guard (deployed before guards existed), recording one\n`);
        found.push({ urn: guard.urn, type: VOLUME_GUARD_TYPE, id: guard.volume, parent: guard.parent });
    }
    run("pulumi", ["refresh", "--yes", "--skip-preview", "--non-interactive", "--clear-pending-creates", "--stack", stack]);
    if (found.length > 0) {
        // Under the same parent and name, so the program's next registration is this resource.
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-recover-")), "import.json");
        fs.writeFileSync(file, JSON.stringify(importFileFor(found)));
        run("pulumi", ["import", "--file", file, "--yes", "--protect=false", "--generate-code=false", "--non-interactive", "--stack", stack]);
    }
    const adopted = found.length - guards.length;
    process.stdout.write(`stack ${stack} recovered: ${adopted} adopted, ${removed} removed, ${pending.length - adopted - removed} dropped` +
        `${guards.length > 0 ? `, ${guards.length} volume guards recorded` : ""}; run pulumi up\n`);
}

/** The streamstack.stack value among a pending container's label blocks. */
function stackLabelOf(labels: unknown): string | undefined {
    return Array.isArray(labels) ? (labels as { label?: string; value?: string }[]).find((l) => l.label === STACK_LABEL)?.value : undefined;
}

main().catch((error: unknown) => {
    process.stderr.write(`recover: ${(error as { stderr?: string }).stderr ?? (error as Error).message}\n`);
    process.exitCode = 1;
});

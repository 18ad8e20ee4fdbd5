/**
 * `npm run recover -- --stack <name>`: after a `pulumi up` was killed (SIGKILL, a crash, a lost
 * machine), unlock the stack, adopt the topics the killed update had already created (imported
 * under their pending URNs, so no data is orphaned) and drop the other pending creates; the next `pulumi up` converges. Prints each step.
 */
import { execFileSync } from "node:child_process";
import { TopicAdmin } from "../plugins/streamstack/kafka/admin";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ImportEntry, importFileFor } from "./lib/import-file";
import { ADOPTED_TYPES, PendingCreate, pendingCreates } from "./lib/pending-creates";
import { stackArgument } from "./lib/stack-argument";

const env = { ...process.env, PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "" };

function run(command: string, args: string[], quiet = false): string {
    if (!quiet) process.stdout.write(`$ ${command} ${args.join(" ")}\n`);
    return execFileSync(command, args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/** The provider ID of a pending create's object if it exists live, else undefined. */
async function liveId(pending: PendingCreate): Promise<string | undefined> {
    const name = pending.inputs.name as string | undefined;
    if (!name) return undefined;
    if (pending.type === "streamstack:kafka:Topic") {
        const admin = new TopicAdmin(pending.inputs.bootstrapServers as string);
        try {
            return (await admin.describe(name)) ? name : undefined;
        } finally {
            await admin.close().catch(() => undefined);
        }
    }
    return undefined;
}

async function main(): Promise<void> {
    const stack = stackArgument(process.argv.slice(2)) ?? "local";
    try {
        run("pulumi", ["cancel", "--yes", "--stack", stack]);
    } catch (error) {
        process.stdout.write(`  (nothing to cancel: ${String((error as { stderr?: string }).stderr ?? error).trim().split("\n")[0]})\n`);
    }
    const pending = pendingCreates(JSON.parse(run("pulumi", ["stack", "export", "--stack", stack], true)).deployment);
    const found: ImportEntry[] = [];
    for (const create of pending.filter((p) => ADOPTED_TYPES.includes(p.type))) {
        const id = await liveId(create);
        process.stdout.write(`  pending ${create.type} ${create.urn.split("::").pop()}: ${id ? `exists (${id}), adopting it` : "not created, dropping it"}\n`);
        if (id) found.push({ urn: create.urn, type: create.type, id, parent: create.parent });
    }
    for (const create of pending.filter((p) => !ADOPTED_TYPES.includes(p.type))) {
        process.stdout.write(`  pending ${create.type} ${create.urn.split("::").pop()}: dropped (the next up replaces what is left of it)\n`);
    }
    run("pulumi", ["refresh", "--yes", "--skip-preview", "--non-interactive", "--clear-pending-creates", "--stack", stack]);
    if (found.length > 0) {
        // Under the same parent and name, so the program's next registration is this resource.
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-recover-")), "import.json");
        fs.writeFileSync(file, JSON.stringify(importFileFor(found)));
        run("pulumi", ["import", "--file", file, "--yes", "--protect=false", "--generate-code=false", "--non-interactive", "--stack", stack]);
    }
    process.stdout.write(`stack ${stack} recovered: ${found.length} adopted, ${pending.length - found.length} dropped; run pulumi up\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`recover: ${(error as { stderr?: string }).stderr ?? (error as Error).message}\n`);
    process.exitCode = 1;
});

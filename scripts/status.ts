/**
 * `npm run status -- --stack <name>`: one table of every ZooKeeper server, broker, Spark
 * master, worker and streaming job of a running stack, read from the platform itself (not
 * from Pulumi's state). Exits 1 when any member is missing or unhealthy, so scripts can wait on it.
 */
import { execFileSync } from "node:child_process";
import { collectStatus, PlatformEndpoints, renderStatusTable } from "../operations/status-report";
import { stackArgument } from "../operations/stack-argument";

async function main(): Promise<void> {
    const stack = stackArgument(process.argv.slice(2)) ?? "local";
    let outputs: PlatformEndpoints;
    try {
        outputs = JSON.parse(execFileSync("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", stack], {
            encoding: "utf8", env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "" },
        })) as PlatformEndpoints;
    } catch {
        throw new Error(`could not read the outputs of stack "${stack}"; is it up? (pulumi stack ls)`);
    }
    if (!outputs.kafkaBootstrapServers) throw new Error(`stack "${stack}" has no platform outputs; run pulumi up first`);
    const rows = await collectStatus(outputs);
    process.stdout.write(renderStatusTable(rows));
    const unhealthy = rows.filter((row) => !row.healthy).length;
    process.stdout.write(unhealthy === 0 ? `all ${rows.length} members healthy\n` : `${unhealthy} of ${rows.length} members need attention (!)\n`);
    process.exitCode = unhealthy === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
    process.stderr.write(`status: ${(error as Error).message}\n`);
    process.exitCode = 2;
});

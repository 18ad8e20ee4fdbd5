/**
 * Benchmark: what TLS on Kafka's external listener costs (kafka.security "tls" against
 * "plaintext"), and TLS with SCRAM logins and the authorizer (kafka.authentication
 * "scram-sha-512"), and, as "secured", all of that with logins inside the platform too
 * (kafka.secureOnDocker: Kubernetes's default), measured on platforms of the same shape in one
 * run, one after the other: cold `pulumi up` to a healthy platform, `pulumi up` of 20 topics
 * (the topic provider's admin connections), a new client's first answer (connect + metadata:
 * what a gate, `npm run status` or a preview's read pays) and an acks=all round trip of 1,000
 * messages from the host.
 * Usage: npm run bench:tls [-- --runs 5]   (about 15 minutes)
 */
import { createStack, E2eStack, removeStack, setConfig, stackEndpoints } from "../harness/e2e-stack";
import { median } from "../harness/median";
import { runsFromArgs } from "../harness/bench-args";
import { kafkaCluster } from "../live";
import { brokersOf, produceAndConsume } from "../harness/kafka-client";

const PORTS = { zookeeperClient: 18381, kafkaExternal: 18392, sparkMasterUi: 18380, sparkWorkerUi: 18480 };
const SHAPE = {
    zookeeper: { replicas: 1 },
    spark: { masters: 1, workers: 1, workerCores: 1, workerMemory: "1g", coresMax: 1, defaultCores: 1, executorMemory: "512m" },
};
const TOPICS = Array.from({ length: 20 }, (_, i) => ({ name: `bench-${i}`, partitions: 3, replicationFactor: 3 }));
const MESSAGES = 1000;

/**
 * What the external listener does: plaintext and open, TLS, TLS with logins (as the admin);
 * "secured": that, and logins inside the platform too (kafka.secureOnDocker, Kubernetes's
 * default), which the host's clients do not see but the brokers' start pays for.
 */
type Security = "plaintext" | "tls" | "tls+scram" | "secured";
const MODES: Security[] = ["plaintext", "tls", "tls+scram", "secured"];

function kafkaConfig(security: Security): Record<string, unknown> {
    if (security === "secured") return { secureOnDocker: true };
    return security === "plaintext" ? { security } : { security: "tls", authentication: security === "tls+scram" ? "scram-sha-512" : "none" };
}

interface Figures { coldUp: number; topicsUp: number; firstAnswer: number; roundTrip: number }

async function seconds(work: () => Promise<unknown>): Promise<number> {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e9;
}

async function measure(security: Security, runs: number): Promise<Figures> {
    const kafka = kafkaConfig(security);
    const bench: E2eStack = await createStack(`bench-tls-${security.replace("+", "-")}-${process.pid}`, { target: "docker", ports: PORTS, ...SHAPE, kafka, topics: [] });
    try {
        const coldUp = await seconds(() => bench.stack.up());
        await setConfig(bench.stack, { topics: TOPICS });
        const topicsUp = await seconds(() => bench.stack.up());
        const brokers = brokersOf(await stackEndpoints(bench));
        const firstAnswers: number[] = [];
        for (let i = 0; i < runs * 4; i++) firstAnswers.push(await seconds(() => kafkaCluster(brokers.bootstrap, brokers)));
        const roundTrips: number[] = [];
        for (let i = 0; i < runs; i++) {
            roundTrips.push(await seconds(async () => {
                const read = await produceAndConsume(brokers, TOPICS[i % TOPICS.length]!.name, MESSAGES);
                if (read.length < MESSAGES) throw new Error(`read back ${read.length} of ${MESSAGES}`);
            }));
        }
        return { coldUp, topicsUp, firstAnswer: median(firstAnswers), roundTrip: median(roundTrips) };
    } finally {
        await setConfig(bench.stack, { topics: [] });
        await removeStack(bench);
    }
}

async function main(): Promise<void> {
    const runs = runsFromArgs(process.argv.slice(2), 5);
    // Twice each, in the order plaintext, tls, tls+scram, secured, then back, so that a machine warming up
    // (or slowing down) over the run weighs on every mode alike; a figure is the mean of a mode's two.
    const cycles: [Security, Figures][] = [];
    for (const security of [...MODES, ...[...MODES].reverse()]) cycles.push([security, await measure(security, runs)]);
    const meanOf = (security: Security): Figures => {
        const mine = cycles.filter(([mode]) => mode === security).map(([, figures]) => figures);
        const mean = (key: keyof Figures) => mine.reduce((sum, figures) => sum + figures[key], 0) / mine.length;
        return { coldUp: mean("coldUp"), topicsUp: mean("topicsUp"), firstAnswer: mean("firstAnswer"), roundTrip: mean("roundTrip") };
    };
    const means = MODES.map(meanOf);
    const plaintext = means[0]!;
    const others = MODES.slice(1);
    const row = (what: string, key: keyof Figures, unit: "s" | "ms") => {
        const show = (value: number) => unit === "ms" ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(1)} s`;
        const ratios = means.slice(1).map((figures) => `${(figures[key] / plaintext[key]).toFixed(2)}x`.padStart(14)).join("");
        console.log(`${what.padEnd(44)}${means.map((figures) => show(figures[key]).padStart(11)).join("")}${ratios}`);
    };
    console.log(`platform: 1 ZooKeeper, 3 brokers, 1 master, 1 worker; each mode twice (${MODES.join(", ")}, then back), ` +
        `the mean of its two: ups once each, the others medians of ${runs} (first answer: ${runs * 4})`);
    console.log(`${"".padEnd(44)}${MODES.map((mode) => mode.padStart(11)).join("")}${others.map((mode) => `${mode}/pt`.padStart(14)).join("")}`);
    row("cold pulumi up to a healthy platform", "coldUp", "s");
    row(`pulumi up of ${TOPICS.length} topics`, "topicsUp", "s");
    row("new client: connect + metadata", "firstAnswer", "ms");
    row(`acks=all round trip, ${MESSAGES} messages`, "roundTrip", "ms");
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

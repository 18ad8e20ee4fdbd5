import { KafkaSettings } from "../config";
import { PlatformSettings } from "../config/defaults";
import { ConfigProblem, configProblem, Report } from "../config/problem";
import { steppedChangeProblem } from "../model/stepped-setting";

/**
 * The migration of a running ZooKeeper-mode cluster to KRaft (Kafka 3.9, KIP-866), as steps of
 * kafka.metadata, one per `up`, each changing one group of members so that the order Kafka
 * documents holds within Pulumi's (a resource changes once per `up`; removals come last):
 *
 * 1. "migration-prepared": the brokers, still in ZooKeeper mode, roll with the migration flag and
 *    the controllers' (static) voters; no controller runs yet, the brokers' own controller leads.
 * 2. "migration": the dedicated controllers start with the migration flag and a ZooKeeper login;
 *    once every broker has registered with them, the active one claims ZooKeeper's /controller,
 *    copies the metadata into its log and from then on writes every change to both (dual write).
 *    The `up` ends when ZooKeeper shows that (MetadataMigration).
 * 3. "kraft-brokers": the brokers roll onto KRaft (node.id, no ZooKeeper); the controllers still
 *    write to ZooKeeper too.
 * 4. "kraft-migrated": the controllers roll without ZooKeeper: finalized, never back
 *    (kafka.finalizeMigration).
 *
 * Back, one step per `up` too, until finalized: from 3 the brokers roll back to ZooKeeper mode;
 * from 2 the controllers go and then ZooKeeper is handed back to the brokers (their claim and the
 * migration's state deleted: ZooKeeperHandback), which elect a controller of their own; from 1
 * the brokers roll without the flag. The brokers-first order forwards is what makes this order
 * backwards possible: brokers never run without the migration flag while a KRaft controller leads
 * them. Pure; the preflights read the running step from the members' labels.
 */

/** kafka.metadata's steps from ZooKeeper mode to a migrated KRaft cluster, in order. */
export const MIGRATION_STEPS = ["zookeeper", "migration-prepared", "migration", "kraft-brokers", "kraft-migrated"] as const;
export type MigrationStep = typeof MIGRATION_STEPS[number];

type Metadata = Pick<KafkaSettings, "metadata">;

/** A step of the migration other than where it starts: a KRaft quorum of its own making (static voters, ZooKeeper's cluster id). */
export function isMigrated({ metadata }: Metadata): boolean {
    return metadata !== "zookeeper" && (MIGRATION_STEPS as readonly string[]).includes(metadata);
}

/** The brokers run in ZooKeeper mode with the migration flag and the controllers' voters. */
export function brokersInMigrationMode({ metadata }: Metadata): boolean {
    return metadata === "migration-prepared" || metadata === "migration";
}

/** The controllers run, with the migration flag and a ZooKeeper login: they write every change to ZooKeeper too. */
export function controllersDualWrite({ metadata }: Metadata): boolean {
    return metadata === "migration" || metadata === "kraft-brokers";
}

/** The migration's controllers run (dual writing or finalized). */
export function runsMigrationControllers({ metadata }: Metadata): boolean {
    return controllersDualWrite({ metadata }) || metadata === "kraft-migrated";
}

/**
 * What a member's streamstack.kafka-metadata label (annotation) says, the same for every step in
 * which its configuration is: brokers "migration" (migration mode) or "kraft"; the migration's
 * controllers "migration" (dual write) or "kraft-migrated". Absent: a broker in ZooKeeper mode, a
 * controller of a cluster made on KRaft.
 */
export function brokerMetadataLabel(kafka: Metadata & { metadata: string }): string | undefined {
    if (brokersInMigrationMode(kafka)) return "migration";
    return kafka.metadata === "zookeeper" ? undefined : "kraft";
}

export function controllerMetadataLabel(kafka: Metadata): string | undefined {
    if (controllersDualWrite(kafka)) return "migration";
    return kafka.metadata === "kraft-migrated" ? "kraft-migrated" : undefined;
}

/**
 * The steps the running members are at, from their labels (the brokers', and the dedicated
 * controllers' when any exist): ["kraft"] for a cluster made on KRaft; empty when no broker
 * runs. After an interrupted `up` the members differ, and each step any of them is at is listed.
 */
export function runningMetadataSteps(brokers: readonly (string | undefined)[], controllers: readonly (string | undefined)[]): KafkaSettings["metadata"][] {
    if (brokers.length === 0) return [];
    const madeOnKraft = controllers.length > 0 ? controllers.includes(undefined) : brokers.every((label) => label === "kraft");
    if (madeOnKraft) return ["kraft"];
    const finalizing = controllers.includes("kraft-migrated");
    const steps = brokers.map((label): KafkaSettings["metadata"] => {
        if (label === "kraft") return finalizing ? "kraft-migrated" : "kraft-brokers";
        if (label === "migration") return controllers.length > 0 ? "migration" : "migration-prepared";
        return "zookeeper";
    });
    return [...new Set([...steps, ...(finalizing ? ["kraft-migrated" as const] : [])])];
}

const MIGRATING_DOC = "docs/kraft.md › Migrating from ZooKeeper";

/** Kafka 3.9, the release a migration runs on until it is finalized (the last with ZooKeeper mode). */
function onKafka39(version: string): boolean {
    return /^3\.9\.\d+$/.test(version);
}

/**
 * Which way kafka.metadata may move from the running steps (runningMetadataSteps): one migration
 * step per `up`, finalization only with kafka.finalizeMigration, never back from it, and never
 * between a cluster made on KRaft and a migration's steps.
 */
export function metadataStepProblems(running: readonly KafkaSettings["metadata"][], settings: Pick<PlatformSettings, "kafka" | "target">): ConfigProblem[] {
    const { kafka } = settings;
    const wanted = kafka.metadata;
    const problem = (message: string) => [configProblem("kafka.metadata", wanted, message)];
    if (running.length === 0) {
        return isMigrated(kafka)
            ? problem(`"${wanted}" is a step of a running ZooKeeper-mode cluster's migration to KRaft, and no broker of this stack runs: a new platform starts at "zookeeper" or "kraft" (${MIGRATING_DOC})`)
            : [];
    }
    if (running.every((step) => step === wanted)) return [];
    if (running.includes("kraft")) {
        return problem("the running brokers are KRaft members of a cluster made on KRaft; it cannot go back to ZooKeeper mode or a migration's step: keep \"kraft\", or destroy the stack first (its data goes with it; docs/kraft.md)");
    }
    if (running.includes("kraft-migrated") && wanted !== "kraft-migrated") {
        return problem(wanted === "kraft"
            ? "this cluster was migrated from ZooKeeper, and its quorum's voters are fixed (static): keep \"kraft-migrated\" (docs/kraft.md)"
            : "the migration was finalized (the controllers no longer write to ZooKeeper), and the cluster cannot go back: keep \"kraft-migrated\", or destroy the stack first (its data goes with it)");
    }
    const steps = running as MigrationStep[];
    if (wanted === "kraft" && settings.target !== "docker") {
        return problem(`the running brokers keep their metadata in ZooKeeper; moving a running cluster to KRaft is a migration, which runs on the Docker target in this release: keep "zookeeper", or destroy the stack first (its data goes with it; ${MIGRATING_DOC})`);
    }
    if (wanted === "kraft") {
        return problem(`the running brokers are at "${steps[0]}"; a running cluster moves to KRaft by a migration, one step per up: set "${nextStep(steps[0]!, "kraft-migrated")}" next (${MIGRATING_DOC})`);
    }
    const stepped = steppedChangeProblem(MIGRATION_STEPS, steps, wanted as MigrationStep);
    if (stepped) {
        return problem(`the running cluster is at "${stepped.from}"; a migration moves one step per up, each step's members restarting once the step before holds: set "${stepped.next}" first (${MIGRATING_DOC})`);
    }
    if (wanted === "kraft-migrated" && !onKafka39(kafka.version)) {
        return [configProblem("kafka.version", kafka.version, "finalize the migration on Kafka 3.9 first, then upgrade in an up of its own " +
            `(Kafka advises against upgrading during a migration): keep the 3.9 release, such as "3.9.1", for this step (${MIGRATING_DOC})`)];
    }
    if (wanted === "kraft-migrated" && !kafka.finalizeMigration) {
        return [configProblem("kafka.finalizeMigration", kafka.finalizeMigration, "finalizing the migration (\"kraft-brokers\" → \"kraft-migrated\") is the point of no return: " +
            `the controllers stop writing to ZooKeeper and the cluster can never go back to ZooKeeper mode; set it to true to go ahead, or keep "kraft-brokers" (${MIGRATING_DOC})`)];
    }
    return [];
}

/** The step after `from` towards `to`. */
function nextStep(from: MigrationStep, to: MigrationStep): MigrationStep {
    const at = MIGRATION_STEPS.indexOf(from);
    return MIGRATION_STEPS[at + Math.sign(MIGRATION_STEPS.indexOf(to) - at)]!;
}

/** What a migration's step needs of the other settings, at preview. */
export function checkMigrationSettings(settings: PlatformSettings, report: Report): void {
    const { kafka } = settings;
    if (!isMigrated(kafka)) return;
    if (!onKafka39(kafka.version) && kafka.metadata !== "kraft-migrated") {
        report("kafka.version", kafka.version, `a migration from ZooKeeper runs on Kafka 3.9 (the last release with ZooKeeper mode): keep "3.9.1" until kafka.metadata is "kraft-migrated", then upgrade (${MIGRATING_DOC})`);
    }
    if (![1, 3, 5].includes(kafka.controllers)) {
        report("kafka.controllers", kafka.controllers, `a migration moves the metadata to dedicated controllers (Kafka does not migrate to combined mode): set 1, 3 or 5 (${MIGRATING_DOC})`);
    }
    if (settings.target !== "docker") {
        report("kafka.metadata", kafka.metadata, `the migration from ZooKeeper runs on the Docker target in this release: keep "zookeeper" on ${settings.target} (${MIGRATING_DOC})`);
    }
    if (kafka.replication !== "tls") {
        report("kafka.replication", kafka.replication, `the migration's controllers reach the brokers over REPLICATION (mutual TLS): set "tls" first (${MIGRATING_DOC})`);
    }
}

/** What moving to a step does, forwards (what restarts or starts), for the preview's and the review's words. */
export function describeMigrationStep(step: MigrationStep): string {
    switch (step) {
        case "zookeeper": return "ZooKeeper mode, no migration";
        case "migration-prepared": return "the brokers roll in migration mode: still in ZooKeeper mode, told of the controllers, none of which runs yet";
        case "migration": return "the KRaft controllers start, copy ZooKeeper's metadata and write every change to both (dual write); the up ends once ZooKeeper shows the copy done; no broker restarts";
        case "kraft-brokers": return "the brokers roll onto KRaft; the controllers still write to ZooKeeper too, so the way back stays open";
        case "kraft-migrated": return "the controllers roll without ZooKeeper: the migration is finalized, and there is no way back to ZooKeeper mode";
    }
}

/** What a step back does (from the step after `to`), for the same words. */
export function describeMigrationStepBack(to: MigrationStep): string {
    switch (to) {
        case "zookeeper": return "the brokers roll without the migration flag: plain ZooKeeper mode again";
        case "migration-prepared": return "the controllers go, then ZooKeeper is handed back to the brokers (the KRaft controller's claim on /controller and the migration's state deleted), which elect a controller of their own within seconds; no broker restarts";
        case "migration": return "the brokers roll back to ZooKeeper mode (in migration mode); the controllers keep writing to ZooKeeper";
        default: return "not a step back";
    }
}

/**
 * Where a migration stands at a step, and where it goes from there: what the preview logs and
 * the review shows while kafka.metadata names one of its steps; undefined outside a migration.
 */
export function migrationProgress(kafka: Pick<KafkaSettings, "metadata">): string | undefined {
    if (!isMigrated(kafka) || kafka.metadata === "kraft-migrated") return undefined;
    const step = kafka.metadata as MigrationStep;
    const at = MIGRATION_STEPS.indexOf(step);
    const next = MIGRATION_STEPS[at + 1]!;
    const back = MIGRATION_STEPS[at - 1]!;
    return `a migration from ZooKeeper to KRaft, at "${step}" (${at} of ${MIGRATION_STEPS.length - 1}). ` +
        `Next: "${next}"${next === "kraft-migrated" ? " with kafka.finalizeMigration true" : ""}: ${describeMigrationStep(next)}. ` +
        `Back: "${back}": ${describeMigrationStepBack(back)}. One step per up (${MIGRATING_DOC}).`;
}

/**
 * The migration from ZooKeeper mode to KRaft (kafka.metadata's steps): which step the running
 * members are at, which moves the preview allows, what each step's members are rendered with,
 * and the scripts the provider runs against ZooKeeper (checked by running them with a stub
 * zookeeper-shell.sh).
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { DEFAULTS, KafkaSettings } from "../../components/config";
import { flatAddressing } from "../../components/model/addressing";
import { kafkaWorkload, renderServerProperties } from "../../components/kafka/render";
import { controllerWorkload, renderControllerProperties } from "../../components/kafka/controllers";
import { brokerMetadataLabel, controllerMetadataLabel, MIGRATION_STEPS, MigrationStep, metadataStepProblems, runningMetadataSteps } from "../../components/kafka/migration";
import { renderDualWriteWait, renderZooKeeperHandback } from "../../components/kafka/migration-scripts";
import { hasDedicatedControllers, usesKraft } from "../../components/kafka/kraft";
import { assertProblem, problemsOf } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";
import { assertGolden } from "../support/golden";

const at = (metadata: KafkaSettings["metadata"], more: Partial<KafkaSettings> = {}): KafkaSettings => ({ ...DEFAULTS.kafka, metadata, ...more });
const docker = (kafka: KafkaSettings) => ({ kafka, target: "docker" as const });
const ZOOKEEPER = { connect: "zookeeper-0:2181", protectZnodes: true };

function renderInput(kafka: KafkaSettings) {
    return {
        kafka, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092,
        protectZnodes: true, externalSecurity: "tls" as const, externalAuthentication: "scram-sha-512" as const,
    };
}

/** The labels each step's members carry, as the preflight reads them back. */
function labelsAt(step: MigrationStep): { brokers: (string | undefined)[]; controllers: (string | undefined)[] } {
    const kafka = at(step);
    return {
        brokers: [0, 1, 2].map(() => brokerMetadataLabel(kafka)),
        controllers: hasDedicatedControllers(kafka) ? [0, 1, 2].map(() => controllerMetadataLabel(kafka)) : [],
    };
}

describe("kafka.metadata: a migration's steps as the preview sees them", () => {
    it("reads each step back from the labels its members carry, and a cluster made on KRaft as \"kraft\"", () => {
        for (const step of MIGRATION_STEPS) {
            const { brokers, controllers } = labelsAt(step);
            assert.deepEqual(runningMetadataSteps(brokers, controllers), [step], step);
        }
        assert.deepEqual(runningMetadataSteps(["kraft", "kraft"], [undefined, undefined, undefined]), ["kraft"], "dedicated controllers, made on KRaft");
        assert.deepEqual(runningMetadataSteps(["kraft", "kraft", "kraft"], []), ["kraft"], "combined mode");
        assert.deepEqual(runningMetadataSteps([], []), [], "nothing runs");
        assert.deepEqual(runningMetadataSteps([undefined, "migration", "migration"], []).sort(), ["migration-prepared", "zookeeper"], "a roll cut short");
    });

    it("gives the brokers one configuration in both steps before KRaft, and the controllers one while they write to ZooKeeper", () => {
        // Otherwise the controllers' step would roll the brokers again, and the brokers' step the controllers.
        assert.equal(renderServerProperties(renderInput(at("migration-prepared"))), renderServerProperties(renderInput(at("migration"))));
        assert.deepEqual(kafkaWorkload(renderInput(at("migration-prepared")), "i").annotations, kafkaWorkload(renderInput(at("migration")), "i").annotations);
        assert.equal(renderServerProperties(renderInput(at("kraft-brokers"))), renderServerProperties(renderInput(at("kraft-migrated"))));
        const controllers = (step: MigrationStep) => controllerWorkload({ kafka: at(step), addressing: flatAddressing, brokers: kafkaWorkload(renderInput(at(step)), "i"), logins: true, zookeeper: ZOOKEEPER }, "i");
        assert.deepEqual(controllers("migration").files, controllers("kraft-brokers").files);
        assert.deepEqual(controllers("migration").annotations, controllers("kraft-brokers").annotations);
        assert.notDeepEqual(controllers("kraft-brokers").files, controllers("kraft-migrated").files, "finalizing rolls them");
    });

    it("walks one step per up, either way, until finalized", () => {
        for (let i = 0; i + 1 < MIGRATION_STEPS.length - 1; i++) {
            const [from, to] = [MIGRATION_STEPS[i]!, MIGRATION_STEPS[i + 1]!];
            assert.deepEqual(metadataStepProblems([from], docker(at(to))), [], `${from} → ${to}`);
            assert.deepEqual(metadataStepProblems([to], docker(at(from))), [], `${to} → ${from}`);
        }
        const skipped = metadataStepProblems(["zookeeper"], docker(at("migration")));
        assert.deepEqual(skipped.map((p) => p.key), ["streamstack:kafka.metadata"]);
        assert.match(skipped[0]!.message, /at "zookeeper"; a migration moves one step per up.*set "migration-prepared" first/);
        assert.match(metadataStepProblems(["zookeeper"], docker(at("kraft")))[0]!.message, /a running cluster moves to KRaft by a migration.*set "migration-prepared" next/);
        assert.match(metadataStepProblems(["migration-prepared", "zookeeper"], docker(at("migration")))[0]!.message, /at "zookeeper"/, "a roll cut short: the members behind count");
    });

    it("finalizes only with kafka.finalizeMigration, and never goes back from it", () => {
        const unconfirmed = metadataStepProblems(["kraft-brokers"], docker(at("kraft-migrated")));
        assert.deepEqual(unconfirmed.map((p) => p.key), ["streamstack:kafka.finalizeMigration"]);
        assert.match(unconfirmed[0]!.message, /point of no return.*set it to true/);
        assert.deepEqual(metadataStepProblems(["kraft-brokers"], docker(at("kraft-migrated", { finalizeMigration: true }))), []);
        assert.match(metadataStepProblems(["kraft-migrated"], docker(at("kraft-brokers")))[0]!.message, /finalized.*cannot go back/);
        assert.match(metadataStepProblems(["kraft-brokers", "kraft-migrated"], docker(at("kraft-brokers")))[0]!.message, /finalized/, "half finalized is finalized");
        assert.match(metadataStepProblems(["kraft-migrated"], docker(at("kraft")))[0]!.message, /migrated from ZooKeeper.*static/);
        assert.deepEqual(metadataStepProblems(["kraft-migrated"], docker(at("kraft-migrated"))), [], "finalized, and staying");
        const upgradingToo = metadataStepProblems(["kraft-brokers"], docker(at("kraft-migrated", { finalizeMigration: true, version: "4.4.0" })));
        assert.deepEqual(upgradingToo.map((p) => p.key), ["streamstack:kafka.version"], "finalized on 3.9 first, upgraded after");
        assert.deepEqual(metadataStepProblems(["kraft-migrated"], docker(at("kraft-migrated", { version: "4.4.0" }))), [], "then upgraded");
    });

    it("refuses a migration's step on a stack with no broker running, and a cluster made on KRaft entering one", () => {
        assert.match(metadataStepProblems([], docker(at("migration-prepared")))[0]!.message, /no broker of this stack runs.*starts at "zookeeper" or "kraft"/);
        assert.match(metadataStepProblems(["kraft"], docker(at("kraft-migrated")))[0]!.message, /made on KRaft/);
    });
});

describe("kafka.metadata: a migration's rules at preview", () => {
    it("accepts every step on Docker with Kafka 3.9 and dedicated controllers", () => {
        for (const step of MIGRATION_STEPS) assert.deepEqual(problemsOf({ kafka: { metadata: step } }), [], step);
    });

    it("refuses Kafka 4 before the migration is finalized, combined mode, Kubernetes and replication over INTERNAL", () => {
        assertProblem({ kafka: { metadata: "kraft-brokers", version: "4.4.0" } }, "kafka.version", "runs on Kafka 3.9", '"kraft-migrated"');
        assert.deepEqual(problemsOf({ kafka: { metadata: "kraft-migrated", version: "4.4.0" } }), [], "upgraded once finalized");
        assertProblem({ kafka: { metadata: "migration", controllers: 0 } }, "kafka.controllers", "combined mode");
        assertProblem({ kafka: { metadata: "migration", replication: "migrating-2" } }, "kafka.replication", "REPLICATION");
        const onKubernetes = problemsOf(kubernetesConfig({ kafka: { metadata: "migration-prepared" } }));
        assert.ok(onKubernetes.some((p) => p.key === "streamstack:kafka.metadata" && /Docker target/.test(p.message)), JSON.stringify(onKubernetes));
    });
});

describe("a migration's members as rendered", () => {
    it("matches the golden files: a broker in migration mode, a controller writing to ZooKeeper too, a migrated broker", () => {
        assertGolden("migration-broker.properties", renderServerProperties(renderInput(at("migration"))));
        assertGolden("migration-controller.properties", renderControllerProperties(at("migration"), flatAddressing, "kafka", true, ZOOKEEPER));
        assertGolden("migrated-broker.properties", renderServerProperties(renderInput(at("kraft-brokers"))));
    });

    it("keeps the brokers in ZooKeeper mode until \"kraft-brokers\", and the controllers from \"migration\" on", () => {
        const modes = MIGRATION_STEPS.map((step) => `${step}: brokers ${usesKraft(at(step)) ? "kraft" : "zookeeper"}, controllers ${hasDedicatedControllers(at(step)) ? "run" : "none"}`);
        assert.deepEqual(modes, [
            "zookeeper: brokers zookeeper, controllers none",
            "migration-prepared: brokers zookeeper, controllers none",
            "migration: brokers zookeeper, controllers run",
            "kraft-brokers: brokers kraft, controllers run",
            "kraft-migrated: brokers kraft, controllers run",
        ]);
    });

    it("formats a migration's controller with ZooKeeper mode's cluster id, and a finalized one not at all", () => {
        const brokers = kafkaWorkload(renderInput(at("migration")), "i");
        const start = (step: MigrationStep) => controllerWorkload({ kafka: at(step), addressing: flatAddressing, brokers, zookeeper: ZOOKEEPER }, "i").files.find((f) => f.name === "start.sh")!.content;
        assert.match(start("migration"), /zookeeper-shell\.sh "zookeeper-0:2181\/kafka" get \/cluster\/id/);
        assert.doesNotMatch(start("migration"), /--initial-controllers|--add-scram/);
        assert.doesNotMatch(start("kraft-migrated"), /StorageTool|zookeeper-shell/);
        assert.throws(() => controllerWorkload({ kafka: at("migration"), addressing: flatAddressing, brokers }, "i"), /gave no ZooKeeper/);
    });
});

const run = promisify(execFile);

/** Runs a migration script with a zookeeper-shell.sh that answers `get` from `znodes` and records every call. */
async function runScript(script: string, znodes: Record<string, string>): Promise<{ code: number; out: string; calls: string[] }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-script-"));
    const calls = path.join(dir, "calls");
    const answers = Object.entries(znodes).map(([znode, data]) => `  "${znode}") echo '${data}' ;;`).join("\n");
    fs.writeFileSync(path.join(dir, "zookeeper-shell.sh"), `#!/bin/bash\necho "$2 $3" >> ${calls}\n[ "$2" = get ] || exit 0\necho Connecting\ncase "$3" in\n${answers}\nesac\n`, { mode: 0o755 });
    try {
        const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
        return { code: 0, out: stdout, calls: fs.readFileSync(calls, "utf8").trim().split("\n") };
    } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, out: failed.stdout, calls: fs.readFileSync(calls, "utf8").trim().split("\n") };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("the provider's scripts against ZooKeeper", () => {
    const claimed = '{"version":2,"brokerid":1000,"timestamp":"1","kraftControllerEpoch":3}';

    it("waits for dual write: a KRaft controller's claim and a copied offset", async () => {
        const done = await runScript(renderDualWriteWait("zk:2181/kafka", 5), { "/controller": claimed, "/migration": '{"version":0,"kraft_metadata_offset":42,"kraft_metadata_epoch":1}' });
        assert.equal(done.code, 0, done.out);
        assert.match(done.out, /seen: \/controller .*kraftControllerEpoch.*\/migration .*"kraft_metadata_offset":42/);
        const copying = await runScript(renderDualWriteWait("zk:2181/kafka", 1), { "/controller": claimed, "/migration": '{"version":0,"kraft_metadata_offset":-1}' });
        assert.equal(copying.code, 1, "offset -1: not copied yet");
        const brokerLeads = await runScript(renderDualWriteWait("zk:2181/kafka", 1), { "/controller": '{"version":2,"brokerid":0,"timestamp":"1","kraftControllerEpoch":-1}' });
        assert.equal(brokerLeads.code, 1, "a broker's claim: no KRaft controller yet");
        assert.match(brokerLeads.out, /\/migration absent/);
    });

    it("hands back only a KRaft controller's claim, and removes the migration's state", async () => {
        const kraft = await runScript(renderZooKeeperHandback("zk:2181/kafka"), { "/controller": claimed });
        assert.ok(kraft.calls.includes("delete /controller") && kraft.calls.includes("delete /migration"), kraft.calls.join("; "));
        // A broker in migration mode writes kraftControllerEpoch -1 in its own claim (seen live).
        const broker = await runScript(renderZooKeeperHandback("zk:2181/kafka"), { "/controller": '{"version":2,"brokerid":1,"timestamp":"1","kraftControllerEpoch":-1}' });
        assert.ok(!broker.calls.includes("delete /controller"), "a broker's own claim stays");
        assert.equal(broker.code, 0, broker.out);
    });
});

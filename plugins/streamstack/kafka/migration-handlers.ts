import * as provider from "@pulumi/pulumi/provider";
import { ClientPlace } from "../../../components/model/target";
import { KAFKA_METADATA_MIGRATION_TYPE, ZOOKEEPER_HANDBACK_TYPE } from "../../../components/model/resource-tokens";
import { MIGRATION_CLIENT_JAAS, MIGRATION_CLIENT_SCRIPT, renderDualWriteWait, renderZooKeeperHandback, SEEN_PREFIX } from "../../../components/kafka/migration-scripts";
import { changedKeys, madeOutputsSchema, passThroughSchema, PropertySchema, ResourceHandler } from "../resource-handler";
import { logTail, runBesidePlatform } from "../one-shot-client";

/** Both resources' inputs: where the one-shot runs and how it reaches ZooKeeper. */
interface ZooKeeperAccessProps {
    place: ClientPlace;
    zookeeper: string;
    jaas: string;
}

const accessInputs: Record<string, PropertySchema> = {
    place: { type: "object", description: "Where the one-shot client runs beside the platform (the target's network or namespace, the Kafka image)." },
    zookeeper: { type: "string", description: "ZooKeeper's connect string with the cluster's chroot." },
    jaas: { type: "string", description: "The brokers' ZooKeeper login (a JAAS file).", secret: true },
};

/** Runs a migration script in a one-shot and returns the state it saw (its last `seen:` line); throws with the log's tail when it fails. */
async function runMigrationScript(access: ZooKeeperAccessProps, script: string, timeoutMs: number, what: string): Promise<string> {
    const result = await runBesidePlatform(access.place, {
        namePrefix: "kafka-migration",
        command: ["bash", MIGRATION_CLIENT_SCRIPT],
        files: [{ path: MIGRATION_CLIENT_SCRIPT, content: script }, { path: MIGRATION_CLIENT_JAAS, content: access.jaas }],
        timeoutMs,
    }, what);
    const seen = result.log.split("\n").filter((line) => line.startsWith(SEEN_PREFIX)).pop()?.slice(SEEN_PREFIX.length).trim() ?? "";
    if (result.exitCode !== 0) throw new Error(`${what}: exited with ${result.exitCode}:\n${logTail(result.log)}`);
    return seen;
}

interface MetadataMigrationProps extends ZooKeeperAccessProps {
    timeoutSeconds: number;
}

/** The one-shot's own start and ZooKeeper's first answers, beyond the wait it is given. */
const ONE_SHOT_OVERHEAD_MS = 60_000;

/**
 * `streamstack:kafka:MetadataMigration`: waits, once, until the migration's active controller has
 * copied ZooKeeper's metadata and writes to both. A new login or place changes nothing in the
 * cluster, so an update only keeps what was seen.
 */
export function metadataMigrationHandler(): ResourceHandler {
    const schema = {
        ...madeOutputsSchema("A migration from ZooKeeper to KRaft reaching dual write, waited for once the migration's controllers run.",
            { ...accessInputs, timeoutSeconds: { type: "integer", description: "How long the copy may take, in seconds." } },
            { seen: { type: "string", description: "What ZooKeeper held when the copy was seen done: /controller's claim and /migration." } }),
    };
    return {
        token: KAFKA_METADATA_MIGRATION_TYPE,
        schema,
        async check(_olds, news): Promise<provider.CheckResult> {
            return { inputs: news, failures: [] };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const changes = changedKeys(["place", "zookeeper", "jaas", "timeoutSeconds"], olds, news);
            return { changes: changes.length > 0, replaces: [], deleteBeforeReplace: false };
        },
        async create(inputs): Promise<provider.CreateResult> {
            const wanted = inputs as unknown as MetadataMigrationProps;
            const seen = await runMigrationScript(wanted, renderDualWriteWait(wanted.zookeeper, wanted.timeoutSeconds),
                wanted.timeoutSeconds * 1000 + ONE_SHOT_OVERHEAD_MS, "the migration from ZooKeeper to KRaft (waiting for dual write)");
            return { id: "metadata-migration", outs: { ...inputs, seen } };
        },
        async read(id, state): Promise<provider.ReadResult> {
            return { id, props: state, inputs: state };
        },
        async update(_id, olds, news): Promise<provider.UpdateResult> {
            return { outs: { ...news, seen: olds.seen } };
        },
        async delete(): Promise<void> {
            // The copy stays where it is: a step back removes the controllers, and ZooKeeperHandback the rest.
        },
    };
}

interface HandbackProps extends ZooKeeperAccessProps {
    handBack: boolean;
}

const HANDBACK_TIMEOUT_MS = 120_000;

/**
 * `streamstack:kafka:ZooKeeperHandback`: nothing on create or update; deleted after the
 * migration's controllers (which depend on it), it hands ZooKeeper back to the brokers, unless
 * the migration was finalized (handBack false), when nothing reads ZooKeeper's metadata any more.
 */
export function zookeeperHandbackHandler(): ResourceHandler {
    return {
        token: ZOOKEEPER_HANDBACK_TYPE,
        schema: passThroughSchema("Hands ZooKeeper back to the brokers when a migration's controllers go: the KRaft controller's claim on /controller and /migration deleted.",
            { ...accessInputs, handBack: { type: "boolean", description: "Whether deleting it hands ZooKeeper back (while the controllers write to it)." } }),
        async check(_olds, news): Promise<provider.CheckResult> {
            return { inputs: news, failures: [] };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const changes = changedKeys(["place", "zookeeper", "jaas", "handBack"], olds, news);
            return { changes: changes.length > 0, replaces: [], deleteBeforeReplace: false };
        },
        async create(inputs): Promise<provider.CreateResult> {
            return { id: "zookeeper-handback", outs: inputs };
        },
        async read(id, state): Promise<provider.ReadResult> {
            return { id, props: state, inputs: state };
        },
        async update(_id, _olds, news): Promise<provider.UpdateResult> {
            return { outs: news };
        },
        async delete(_id, props): Promise<void> {
            const state = props as unknown as HandbackProps;
            if (!state.handBack) return;
            await runMigrationScript(state, renderZooKeeperHandback(state.zookeeper), HANDBACK_TIMEOUT_MS, "handing ZooKeeper back to the brokers");
        },
    };
}

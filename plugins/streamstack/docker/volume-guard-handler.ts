import * as provider from "@pulumi/pulumi/provider";
import { VOLUME_GUARD_TYPE } from "../../../components/model/resource-tokens";
import { volumeLabels } from "../../../live/docker-engine";
import { passThroughSchema, PropertySchema, ResourceHandler } from "../resource-handler";

/**
 * `streamstack:docker:VolumeGuard`: the Docker target declares one before each data volume, and
 * the volume depends on it. Docker's "create volume" returns an existing volume of the same
 * name, so the docker plugin's create silently adopts whatever an earlier stack left there (a
 * stale ZooKeeper or Kafka log dir breaks a new cluster in confusing ways). The guard refuses
 * that at preview: its check runs with the stack's recorded inputs (`olds`), and a guard the
 * state does not hold yet, for a volume that already exists, fails naming the volume and the
 * two ways on. Once created, the guard is the state's record that the volume is the stack's own:
 * an `up` interrupted after the volume was made finds the guard recorded and goes on (the
 * volume's own create then adopts it, as Docker does).
 */

interface GuardProps {
    /** The Docker volume's name. */
    volume: string;
    /** The stack's streamstack.stack label value. */
    stack: string;
}

const inputs: Record<string, PropertySchema> = {
    volume: { type: "string", description: "The data volume guarded: its Docker name." },
    stack: { type: "string", description: "The stack's streamstack.stack label value (its prefix)." },
};

const schema = passThroughSchema("Refuses, at preview, to let a stack adopt a Docker volume that its state does not hold (an earlier stack's data).", inputs);

function guardProps(raw: Record<string, unknown>): GuardProps {
    return { volume: String(raw.volume ?? ""), stack: String(raw.stack ?? "") };
}

/** Why a volume that exists is refused, and the two ways on. */
export function leftoverVolumeReason(volume: string, labels: Record<string, string>, stack: string): string {
    const owner = labels["streamstack.stack"];
    const whose = owner === undefined ? "made outside streamstack" : owner === stack ? "left by an earlier stack of this name" : `of stack ${owner}`;
    return `a Docker volume named ${volume} already exists (${whose}) and this stack's state does not hold it: it may hold data that is not this ` +
        `platform's. If its data is not needed, remove it (docker volume rm ${volume}) and preview again; to keep it as this stack's ` +
        `(a stack deployed before volume guards existed, or data you mean to adopt), run npm run recover -- --stack <stack>, which records it.`;
}

export function volumeGuardHandler(labelsOf: (volume: string) => Promise<Record<string, string> | undefined> = volumeLabels): ResourceHandler {
    return {
        token: VOLUME_GUARD_TYPE,
        schema,
        async check(olds, news): Promise<provider.CheckResult> {
            const guard = guardProps(news);
            const recorded = olds !== undefined && typeof olds.volume === "string" && olds.volume === guard.volume;
            if (recorded || guard.volume === "") return { inputs: news, failures: [] };
            const labels = await labelsOf(guard.volume);
            return { inputs: news, failures: labels === undefined ? [] : [{ property: "volume", reason: leftoverVolumeReason(guard.volume, labels, guard.stack) }] };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const before = guardProps(olds);
            const after = guardProps(news);
            const replaces = before.volume === after.volume ? [] : ["volume"];
            return { changes: replaces.length > 0 || before.stack !== after.stack, replaces, deleteBeforeReplace: false };
        },
        async create(props): Promise<provider.CreateResult> {
            return { id: guardProps(props).volume, outs: props };
        },
        async read(id, props): Promise<provider.ReadResult> {
            // Imported by `npm run recover` for a volume the stack already holds: the volume must exist.
            const labels = await labelsOf(id);
            if (labels === undefined) return { id: "", props: {} };
            const read = Object.keys(props).length > 0 ? props : { volume: id, stack: labels["streamstack.stack"] ?? "" };
            return { id, props: read, inputs: read };
        },
        async update(_id, _olds, news): Promise<provider.UpdateResult> {
            return { outs: news };
        },
        async delete(): Promise<void> {
            // The guard is a record in the state; the volume is the docker plugin's to delete.
        },
    };
}

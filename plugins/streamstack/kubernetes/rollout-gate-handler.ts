import * as provider from "@pulumi/pulumi/provider";
import { ROLLOUT_GATE_TYPE } from "../../../components/model/resource-tokens";
import { KubeApi, kubeApi } from "../../../live/kube-api";
import { passThroughSchema, PropertySchema, ResourceHandler } from "../resource-handler";
import { sleep } from "../spark/master-client";

/**
 * `streamstack:kubernetes:RolloutGate`: waits until a StatefulSet has rolled out the generation
 * the update made — the controller has observed it, every pod runs the update revision and is
 * ready (a broker's readiness means registered and in every ISR) — before what depends on the
 * group goes on. The kubernetes plugin's own await can return before a StatefulSet has rolled
 * (pulumi/pulumi-kubernetes#4094, fixed in 4.26); the platform checks it itself, so a rolling
 * change is one member at a time on any plugin.
 */

interface GateProps {
    namespace: string;
    statefulSet: string;
    /** metadata.generation after the update: the one the controller must have observed. */
    generation: number;
    replicas: number;
    /** As the stack config gives them ("" = the default kubeconfig / current context). */
    kubeconfig: string;
    context: string;
    timeoutSeconds: number;
}

interface StatefulSetStatus {
    metadata: { generation?: number };
    spec: { replicas?: number };
    status?: { observedGeneration?: number; readyReplicas?: number; updatedReplicas?: number; currentRevision?: string; updateRevision?: string };
}

const inputs: Record<string, PropertySchema> = {
    namespace: { type: "string", description: "The StatefulSet's namespace." },
    statefulSet: { type: "string", description: "The StatefulSet watched." },
    generation: { type: "integer", description: "The generation the update made (a new one makes the gate wait again)." },
    replicas: { type: "integer", description: "How many pods must run the update revision, ready." },
    kubeconfig: { type: "string", description: "The kubeconfig file (empty: $KUBECONFIG or ~/.kube/config)." },
    context: { type: "string", description: "The kubeconfig context (empty: the current one)." },
    timeoutSeconds: { type: "integer", description: "How long one wait may take before the update fails, saying what it saw." },
};

const schema = passThroughSchema("Waits until a StatefulSet has rolled out its current generation, every pod ready; dependents wait with it.", inputs);

function gateProps(raw: Record<string, unknown>): GateProps {
    return raw as unknown as GateProps;
}

/** What is still missing for the rollout to be complete; undefined when it is. */
export function rolloutShortfall(live: StatefulSetStatus | undefined, gate: Pick<GateProps, "generation" | "replicas">): string | undefined {
    if (!live) return "the StatefulSet does not exist";
    const status = live.status ?? {};
    const observed = status.observedGeneration ?? 0;
    if (observed < gate.generation) return `the controller has observed generation ${observed} of ${gate.generation}`;
    const updated = status.updatedReplicas ?? 0;
    const ready = status.readyReplicas ?? 0;
    if (updated < gate.replicas) return `${updated} of ${gate.replicas} pods run the update revision ${status.updateRevision ?? "?"}`;
    if (ready < gate.replicas) return `${ready} of ${gate.replicas} pods ready`;
    if (status.currentRevision !== status.updateRevision) return `the rollout to ${status.updateRevision ?? "?"} is not recorded as complete (current ${status.currentRevision ?? "?"})`;
    return undefined;
}

export async function waitUntilRolled(gate: GateProps, api: KubeApi, pollMs = 1000): Promise<void> {
    const path = `/apis/apps/v1/namespaces/${encodeURIComponent(gate.namespace)}/statefulsets/${encodeURIComponent(gate.statefulSet)}`;
    const deadline = Date.now() + gate.timeoutSeconds * 1000;
    for (;;) {
        let seen: string | undefined;
        try {
            seen = rolloutShortfall(await api.get<StatefulSetStatus>(path), gate);
        } catch (error) {
            seen = `the API did not answer: ${error instanceof Error ? error.message : String(error)}`;
        }
        if (seen === undefined) return;
        if (Date.now() >= deadline) {
            throw new Error(`StatefulSet ${gate.namespace}/${gate.statefulSet} not rolled out after ${gate.timeoutSeconds} s: ${seen} ` +
                `(kubectl -n ${gate.namespace} rollout status statefulset/${gate.statefulSet}; the pods' logs say why)`);
        }
        await sleep(pollMs);
    }
}

/**
 * One API client per (kubeconfig, context) for the plugin's life (one deployment): an `up` runs
 * a gate per StatefulSet, and each would otherwise read and parse the kubeconfig again. A
 * kubeconfig that could not be used is not remembered, so a later gate tries again.
 */
function apiCache(): (gate: GateProps) => KubeApi {
    const clients = new Map<string, KubeApi>();
    return (gate) => {
        const key = JSON.stringify([gate.kubeconfig, gate.context]);
        const cached = clients.get(key);
        if (cached) return cached;
        const api = kubeApi(gate.kubeconfig, gate.context);
        if (typeof api === "string") throw new Error(`the rollout of ${gate.statefulSet} cannot be watched: ${api}`);
        clients.set(key, api);
        return api;
    };
}

export function rolloutGateHandler(): ResourceHandler {
    const apiFor = apiCache();
    return {
        token: ROLLOUT_GATE_TYPE,
        schema,
        async check(_olds, news): Promise<provider.CheckResult> {
            const gate = gateProps(news);
            const failures = gate.timeoutSeconds > 0 ? [] : [{ property: "timeoutSeconds", reason: "must be a positive number of seconds" }];
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const [before, after] = [gateProps(olds), gateProps(news)];
            const changes = (["namespace", "statefulSet", "generation", "replicas", "kubeconfig", "context", "timeoutSeconds"] as const)
                .some((key) => before[key] !== after[key]);
            // Never replaced: a replacement would make the engine delete its dependents first.
            return { changes, replaces: [], deleteBeforeReplace: false };
        },
        async create(props): Promise<provider.CreateResult> {
            const gate = gateProps(props);
            await waitUntilRolled(gate, apiFor(gate));
            return { id: `${gate.namespace}/${gate.statefulSet}`, outs: props };
        },
        async read(id, props): Promise<provider.ReadResult> {
            // A gate holds no state of its own in the cluster: what was recorded stands.
            return { id, props, inputs: props };
        },
        async update(_id, _olds, news): Promise<provider.UpdateResult> {
            const gate = gateProps(news);
            await waitUntilRolled(gate, apiFor(gate));
            return { outs: news };
        },
        async delete(): Promise<void> {
            // Nothing exists outside Pulumi's state.
        },
    };
}

import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, ROLLOUT_GATE_TYPE } from "../../components/model/resource-tokens";

export interface RolloutGateArgs {
    namespace: string;
    statefulSet: string;
    /** The StatefulSet's metadata.generation after the update (a new one makes the gate wait again). */
    generation: pulumi.Input<number>;
    replicas: number;
    kubeconfig: string;
    context: string;
    timeoutSeconds: number;
}

/**
 * Waits until a StatefulSet has rolled out its current generation, every pod ready; what depends
 * on the group (the next group, topics, jobs) waits on it, whatever the kubernetes plugin's own
 * await does (served by the streamstack provider: plugins/streamstack/kubernetes/rollout-gate-handler.ts).
 */
export class RolloutGate extends pulumi.CustomResource {
    constructor(name: string, args: RolloutGateArgs, opts?: pulumi.CustomResourceOptions) {
        super(ROLLOUT_GATE_TYPE, name, { ...args }, { ...opts, version: PROVIDER_VERSION });
    }
}

import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, VOLUME_GUARD_TYPE } from "../../components/model/resource-tokens";

export interface VolumeGuardArgs {
    /** The data volume's Docker name. */
    volume: string;
    /** The stack's streamstack.stack label value. */
    stack: string;
}

/**
 * The state's record that a data volume is this stack's own, declared before the volume (which
 * depends on it). A guard the state does not hold yet, for a volume that already exists, fails
 * the preview naming the volume: Docker would otherwise hand the new stack an earlier stack's
 * data (served by the streamstack provider: plugins/streamstack/docker/volume-guard-handler.ts).
 */
export class VolumeGuard extends pulumi.CustomResource {
    constructor(name: string, args: VolumeGuardArgs, opts?: pulumi.CustomResourceOptions) {
        super(VOLUME_GUARD_TYPE, name, { ...args }, { ...opts, version: PROVIDER_VERSION });
    }
}

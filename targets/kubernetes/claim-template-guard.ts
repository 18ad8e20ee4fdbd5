import * as pulumi from "@pulumi/pulumi";
import { CLAIM_TEMPLATE_GUARD_TYPE, PROVIDER_VERSION } from "../../components/model/resource-tokens";

export interface ClaimTemplateGuardArgs {
    statefulSet: string;
    /** Per claim template: its size and the setting that sizes it. */
    claims: Record<string, { size: string; setting: string }>;
    /** Whether the program read the live StatefulSet in this run (its own preview check then decided). */
    liveChecked: pulumi.Input<boolean>;
}

/**
 * The claim sizes a StatefulSet was made with, recorded in the stack's state and declared before
 * it: when the live cluster cannot be read, a size change (which would replace the StatefulSet and
 * delete its claims) is refused at preview from the recorded sizes (served by the streamstack
 * provider: plugins/streamstack/kubernetes/claim-guard-handler.ts).
 */
export class ClaimTemplateGuard extends pulumi.CustomResource {
    constructor(name: string, args: ClaimTemplateGuardArgs, opts?: pulumi.CustomResourceOptions) {
        super(CLAIM_TEMPLATE_GUARD_TYPE, name, { ...args }, { ...opts, version: PROVIDER_VERSION });
    }
}

import * as pulumi from "@pulumi/pulumi";
import { CA_ROTATION_GUARD_TYPE, PROVIDER_VERSION } from "../model/resource-tokens";

export interface CaRotationGuardArgs {
    /** The CAs the listener's clients trust, by name, in order. */
    authorities: pulumi.Input<pulumi.Input<string>[]>;
    /** The one of them that signs the members' certificates. */
    signer: pulumi.Input<string>;
}

/**
 * The state's record of which CAs a TLS listener's clients trust and which one signs, declared
 * before the certificates (which depend on it). The streamstack provider's check compares each
 * `up` with the record it replaces and refuses, at preview, a step that would present
 * certificates a client holding the running bundle cannot verify (components/kafka/ca-rotation.ts
 * has the order; plugins/streamstack/security/ca-rotation-guard-handler.ts serves it).
 */
export class CaRotationGuard extends pulumi.CustomResource {
    constructor(name: string, args: CaRotationGuardArgs, opts?: pulumi.CustomResourceOptions) {
        super(CA_ROTATION_GUARD_TYPE, name, { ...args }, { ...opts, version: PROVIDER_VERSION });
    }
}

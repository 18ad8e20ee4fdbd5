import * as pulumi from "@pulumi/pulumi";
import { GENERATED_SECRET_TYPE, PROVIDER_VERSION } from "../model/resource-tokens";

export interface GeneratedSecretArgs {
    /** What the secret is for, as previews show it. */
    purpose: pulumi.Input<string>;
    /** Random bytes (at least 16); a change makes a new secret. Default 32. */
    bytes?: pulumi.Input<number>;
}

/**
 * A random secret made once by the streamstack provider and kept, encrypted, in the stack's
 * state: the same on every `up`, `[secret]` wherever Pulumi shows it.
 */
export class GeneratedSecret extends pulumi.CustomResource {
    /** base64url, no padding. */
    declare readonly value: pulumi.Output<string>;

    constructor(name: string, args: GeneratedSecretArgs, opts?: pulumi.CustomResourceOptions) {
        super(GENERATED_SECRET_TYPE, name, { purpose: args.purpose, bytes: args.bytes ?? 32, value: undefined },
            { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["value"] });
    }
}

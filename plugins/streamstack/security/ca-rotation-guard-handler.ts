import * as provider from "@pulumi/pulumi/provider";
import { CA_ROTATION_GUARD_TYPE } from "../../../components/model/resource-tokens";
import { CaTrust, caRotationProblems } from "../../../components/kafka/ca-rotation";
import { changedKeys, passThroughSchema, PropertySchema, ResourceHandler } from "../resource-handler";

/**
 * `streamstack:security:CaRotationGuard`: the record, in the stack's state, of which CAs the
 * external listener's clients trust and which one signs the brokers' certificates. Its check
 * runs with the inputs the state holds (`olds`) beside the new ones, so an `up` that would skip
 * a step of a rotation (a CA signing before it was trusted, or retired while it still signs) fails
 * at preview, naming the setting and the step to take first. Nothing outside the state holds it.
 */

const inputs: Record<string, PropertySchema> = {
    authorities: { type: "array", items: { type: "string" }, description: "The CAs the listener's clients trust, by name, in order." },
    signer: { type: "string", description: "The CA (one of authorities) that signs the members' certificates." },
};

const schema = passThroughSchema("Holds each up of a TLS listener to the CA rotation order: a CA is trusted before it signs and retires only after it stopped signing.", inputs);

/** The trust the props record; undefined when they are not a record (a create, where olds are empty). */
function recordedTrust(props: Record<string, unknown> | undefined): CaTrust | undefined {
    const authorities = props?.authorities;
    const signer = props?.signer;
    if (!Array.isArray(authorities) || !authorities.every((name) => typeof name === "string") || typeof signer !== "string") return undefined;
    return { authorities: authorities as string[], signer };
}

export function caRotationGuardHandler(): ResourceHandler {
    return {
        token: CA_ROTATION_GUARD_TYPE,
        schema,
        async check(olds, news): Promise<provider.CheckResult> {
            const running = recordedTrust(olds);
            const next = recordedTrust(news);
            if (next === undefined) return { inputs: news, failures: [{ property: "authorities", reason: "must be a list of CA names beside the signer's name" }] };
            const failures = running === undefined ? [] : caRotationProblems(running, next).map((reason) => ({ property: "signer", reason }));
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            return { changes: changedKeys(Object.keys(inputs), olds, news).length > 0, replaces: [], deleteBeforeReplace: false };
        },
        async create(props): Promise<provider.CreateResult> {
            return { id: "ca-rotation", outs: props };
        },
        async read(id, props): Promise<provider.ReadResult> {
            return { id, props, inputs: props };
        },
        async update(_id, _olds, news): Promise<provider.UpdateResult> {
            return { outs: news };
        },
        async delete(): Promise<void> {
            // A record in the state only.
        },
    };
}

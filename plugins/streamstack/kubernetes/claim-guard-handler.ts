import * as provider from "@pulumi/pulumi/provider";
import { storageBytes } from "../../../components/config/memory";
import { CLAIM_TEMPLATE_GUARD_TYPE } from "../../../components/model/resource-tokens";
import { passThroughSchema, PropertySchema, ResourceHandler } from "../resource-handler";

/**
 * `streamstack:kubernetes:ClaimTemplateGuard`: the claim sizes a StatefulSet was made with, as the
 * stack's state records them. A StatefulSet cannot change its volumeClaimTemplates, so a new size
 * makes Pulumi replace it — and the claims it owns go with it (whenDeleted: Delete). The program's
 * preview check reads the live StatefulSet for that; when the cluster cannot be read (a pull
 * request's preview without credentials, say), this guard's check still sees the recorded sizes
 * (`olds`) and refuses the change at preview instead of letting it through unchecked.
 */

interface ClaimProps {
    statefulSet: string;
    /** Per claim template: its size and the setting that sizes it. */
    claims: Record<string, { size: string; setting: string }>;
    /** Whether the program read the live StatefulSet this run (its own check then decided). */
    liveChecked: boolean;
}

const inputs: Record<string, PropertySchema> = {
    statefulSet: { type: "string", description: "The StatefulSet whose claims are guarded." },
    claims: { type: "object", description: "Per claim template name: {size, setting}." },
    liveChecked: { type: "boolean", description: "Whether the program read the live StatefulSet in this run (its own preview check then decided)." },
};

const schema = passThroughSchema("Refuses, at preview, a claim size change that would make Pulumi replace a StatefulSet (deleting its claims) when the live cluster could not be read.", inputs);

function claimProps(raw: Record<string, unknown>): ClaimProps {
    return {
        statefulSet: String(raw.statefulSet ?? ""),
        claims: (raw.claims ?? {}) as ClaimProps["claims"],
        liveChecked: raw.liveChecked === true,
    };
}

/** Claims whose size the change moves, against the recorded one. */
function resized(olds: ClaimProps, news: ClaimProps): { claim: string; from: string; to: string; setting: string }[] {
    return Object.entries(news.claims).flatMap(([claim, { size, setting }]) => {
        const recorded = olds.claims[claim]?.size;
        return recorded !== undefined && storageBytes(recorded) !== storageBytes(size) ? [{ claim, from: recorded, to: size, setting }] : [];
    });
}

export function claimTemplateGuardHandler(): ResourceHandler {
    return {
        token: CLAIM_TEMPLATE_GUARD_TYPE,
        schema,
        async check(olds, news): Promise<provider.CheckResult> {
            const next = claimProps(news);
            if (!olds || next.liveChecked) return { inputs: news, failures: [] };
            const failures = resized(claimProps(olds), next).map(({ claim, from, to, setting }) => ({
                property: "claims",
                reason: `streamstack:${setting} = ${to}: the ${next.statefulSet} StatefulSet's ${claim} claims were made with ${from} (as the stack's state ` +
                    "records them) and the live cluster could not be read to check otherwise. A StatefulSet cannot change its volumeClaimTemplates: " +
                    `Pulumi would replace it and delete every member's data volume. Set it back to "${from}"; to grow the disks, resize the claims ` +
                    "in place and re-adopt the StatefulSet (docs/kubernetes.md › Growing data volumes), with the cluster reachable",
            }));
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            // Whether the cluster was read is about the run, not the guard: no change for it.
            const changed = JSON.stringify(claimProps(olds).claims) !== JSON.stringify(claimProps(news).claims);
            return { changes: changed, replaces: [], deleteBeforeReplace: false };
        },
        async create(props): Promise<provider.CreateResult> {
            return { id: claimProps(props).statefulSet, outs: props };
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

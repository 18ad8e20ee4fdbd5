import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DOCKER_VOLUME_TYPE, KAFKA_TOPIC_TYPE, KUBERNETES_CLAIM_TYPE, KUBERNETES_STATEFUL_SET_TYPE } from "../../components/model/resource-tokens";

const DATA_VOLUMES = [DOCKER_VOLUME_TYPE, KUBERNETES_CLAIM_TYPE];

interface ClaimTemplate {
    metadata?: { name?: string };
    spec?: { accessModes?: string[]; storageClassName?: string; resources?: { requests?: { storage?: string } } };
}

interface StatefulSetSpec {
    selector?: unknown;
    serviceName?: unknown;
    podManagementPolicy?: unknown;
    volumeClaimTemplates?: ClaimTemplate[];
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string };
}

/** JSON with every object's keys sorted: the checkpoint stores them sorted, the analyzer hands them over as the program declared them. */
function canonicalJson(value: unknown): string {
    const sorted = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(sorted);
        if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sorted(x)]));
        return v;
    };
    return JSON.stringify(sorted(value));
}

/**
 * What Kubernetes cannot change on a StatefulSet in place: a change to any makes Pulumi replace
 * it. Of the claim templates, what a program declares: the analyzer hands over the templates as
 * the API server completed them (apiVersion, kind, volumeMode, status), the checkpoint as written.
 */
function immutablePart(spec: StatefulSetSpec | undefined): string {
    const templates = (spec?.volumeClaimTemplates ?? []).map((t) => [t.metadata?.name, t.spec?.accessModes, t.spec?.storageClassName ?? null, t.spec?.resources?.requests?.storage]);
    return canonicalJson([spec?.selector, spec?.serviceName, spec?.podManagementPolicy ?? "OrderedReady", templates]);
}

/**
 * A StatefulSet that owns claims (volumeClaimTemplates) and deletes them with itself
 * (whenDeleted: Delete, as the Kubernetes target sets it): deleting or replacing it loses every
 * member's data, though no PersistentVolumeClaim resource of the stack changes.
 */
function statefulSetLoss(old: DeployedResource, now: PolicyResource | undefined): { name: string; what: string } | undefined {
    const before = (old.inputs?.spec ?? {}) as StatefulSetSpec;
    if ((before.volumeClaimTemplates ?? []).length === 0 || before.persistentVolumeClaimRetentionPolicy?.whenDeleted !== "Delete") return undefined;
    const name = String((old.inputs?.metadata as { name?: string } | undefined)?.name ?? old.urn.split("::").pop());
    if (!now) return old.retainOnDelete ? undefined : { name, what: `StatefulSet ${name} is deleted, and with it the claims it owns (every member's data volume)` };
    if (immutablePart(before) === immutablePart((now.props.spec ?? {}) as StatefulSetSpec)) return undefined;
    return { name, what: `StatefulSet ${name} is replaced (a field Kubernetes cannot change in place changed: volumeClaimTemplates, selector, serviceName), and the claims it owns are deleted with it (every member's data volume)` };
}

/** A resource of the stack's last checkpoint (what is deployed now). */
export interface DeployedResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
    retainOnDelete?: boolean;
}

/**
 * The stack's resources as last deployed, read from a file backend's checkpoint
 * (`<backend>/.pulumi/stacks/<project>/<stack>.json`); a string says why they cannot be read.
 */
export function deployedResources(proposed: PolicyResource[], backendUrl = process.env.PULUMI_BACKEND_URL ?? ""): DeployedResource[] | string {
    const urn = proposed[0]?.urn;
    if (!urn) return [];
    // urn:pulumi:<stack>::<project>::<type>::<name>
    const [stack = "", project = ""] = urn.slice("urn:pulumi:".length).split("::");
    if (!backendUrl.startsWith("file://")) return `the stack's state is not in a file backend (PULUMI_BACKEND_URL=${backendUrl || "unset"}), so the deployed resources cannot be compared`;
    const root = backendUrl.slice("file://".length).replace(/^~(?=\/)/, process.env.HOME ?? "~");
    const candidates = [path.join(root, ".pulumi", "stacks", project, `${stack}.json`), path.join(root, ".pulumi", "stacks", `${stack}.json`)];
    const file = candidates.find((candidate) => fs.existsSync(candidate));
    if (!file) return [];
    const state = JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoint?: { latest?: { resources?: DeployedResource[] } } };
    return state.checkpoint?.latest?.resources ?? [];
}

/** What the change would lose: topics deleted or recreated, data volumes deleted or recreated, StatefulSets that own claims deleted or replaced. */
export function dataLosses(deployed: DeployedResource[], proposed: PolicyResource[]): { name: string; what: string }[] {
    const byUrn = new Map(proposed.map((r) => [r.urn, r]));
    return deployed.flatMap((old) => {
        if (old.type === KUBERNETES_STATEFUL_SET_TYPE) {
            const loss = statefulSetLoss(old, byUrn.get(old.urn));
            return loss ? [loss] : [];
        }
        const isTopic = old.type === KAFKA_TOPIC_TYPE;
        if (!isTopic && !DATA_VOLUMES.includes(old.type)) return [];
        const dataName = String(isTopic ? old.inputs?.name : old.inputs?.name ?? (old.inputs?.metadata as { name?: string } | undefined)?.name ?? old.urn.split("::").pop());
        const now = byUrn.get(old.urn);
        const kind = isTopic ? "topic" : "data volume";
        if (!now) return old.retainOnDelete ? [] : [{ name: dataName, what: `${kind} ${dataName} is deleted` }];
        const newName = String(isTopic ? now.props.name : now.props.name ?? (now.props.metadata as { name?: string } | undefined)?.name ?? dataName);
        return newName !== dataName ? [{ name: dataName, what: `${kind} ${dataName} is replaced by ${newName} (emptied)` }] : [];
    });
}

export const noDataLossWithoutOptIn: StackValidationPolicy = {
    name: "no-data-loss-without-opt-in",
    description: "No topic is deleted and no data volume (or StatefulSet owning claims) deleted or replaced unless the change opts in by name (policy config allowDataLoss).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { allowDataLoss: { type: "array", items: { type: "string" }, description: "Names of the topics and data volumes this change may delete or replace." } },
    },
    validateStack: (args, reportViolation) => {
        const deployed = deployedResources(args.resources);
        if (typeof deployed === "string") return args.notApplicable(deployed);
        const allowed = new Set(args.getConfig<{ allowDataLoss?: string[] }>().allowDataLoss ?? []);
        for (const loss of dataLosses(deployed, args.resources).filter((l) => !allowed.has(l.name))) {
            reportViolation(`${loss.what}, and its data with it. If that is intended, opt in for this change: ` +
                `pulumi preview --policy-pack policy --policy-pack-config <file with {"no-data-loss-without-opt-in": {"allowDataLoss": ["${loss.name}"]}}>; ` +
                "otherwise keep it in the config (for a topic, retainOnDelete: true keeps it in Kafka when it leaves the stack)");
        }
    },
};

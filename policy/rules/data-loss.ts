import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TOPIC } from "../platform-view";

const DATA_VOLUMES = ["docker:index/volume:Volume", "kubernetes:core/v1:PersistentVolumeClaim"];

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

/** What the change would lose: topics deleted or recreated, data volumes deleted or recreated. */
export function dataLosses(deployed: DeployedResource[], proposed: PolicyResource[]): { name: string; what: string }[] {
    const byUrn = new Map(proposed.map((r) => [r.urn, r]));
    return deployed.flatMap((old) => {
        const isTopic = old.type === TOPIC;
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
    description: "No topic is deleted and no data volume deleted or replaced unless the change opts in by name (policy config allowDataLoss).",
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

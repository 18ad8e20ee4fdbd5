import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { KUBERNETES_DISRUPTION_BUDGET_TYPE, KUBERNETES_STATEFUL_SET_TYPE } from "../../components/model/resource-tokens";

interface K8sContainer {
    name: string;
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

const WORKLOADS = [KUBERNETES_STATEFUL_SET_TYPE, "kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:DaemonSet", "kubernetes:batch/v1:Job", "kubernetes:core/v1:Pod"];

export const containerResources: ResourceValidationPolicy = {
    name: "kubernetes-container-resources",
    description: "Every Kubernetes container states CPU and memory requests and limits.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!WORKLOADS.includes(args.type)) return;
        const spec = args.type === "kubernetes:core/v1:Pod" ? args.props.spec : args.props.spec?.template?.spec;
        const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])] as K8sContainer[];
        for (const container of containers) {
            const missing = (["requests", "limits"] as const).flatMap((kind) => ["cpu", "memory"]
                .filter((resource) => !container.resources?.[kind]?.[resource]).map((resource) => `${kind}.${resource}`));
            if (missing.length > 0) reportViolation(`${args.name}/${container.name} has no ${missing.join(", ")}: the scheduler cannot place it safely and it can starve its neighbours`);
        }
    },
};

export const statefulSetDisruptionBudget: StackValidationPolicy = {
    name: "kubernetes-statefulset-pdb",
    description: "Every StatefulSet of more than one replica has a PodDisruptionBudget (a node drain evicts one member at a time).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const budgets = new Set(args.resources.filter((r) => r.type === KUBERNETES_DISRUPTION_BUDGET_TYPE).map((r) => String(r.props.metadata?.name ?? r.name)));
        for (const set of args.resources.filter((r) => r.type === KUBERNETES_STATEFUL_SET_TYPE && Number(r.props.spec?.replicas ?? 1) > 1)) {
            const name = String(set.props.metadata?.name ?? set.name);
            if (!budgets.has(name)) reportViolation(`StatefulSet ${name} (${set.props.spec?.replicas} replicas) has no PodDisruptionBudget: a node drain may evict every member at once`);
        }
    },
};

import * as pulumi from "@pulumi/pulumi";
import { DockerTarget, dockerStackPrefix } from "../../targets/docker";
import { dockerPreflight } from "../../targets/docker/preflight";
import { Target } from "../../targets/target";
import { PlatformSettings } from "../config";
import { ConfigProblem } from "../config/problem";

/**
 * The Kubernetes adapter and its preflight, loaded only for a kubernetes stack: they bring
 * @pulumi/kubernetes, about 50 ms of every docker preview and up for nothing.
 */
function kubernetesModules(): {
    target: typeof import("../../targets/kubernetes");
    api: typeof import("../../targets/kubernetes/kube-api");
    preflight: typeof import("../../targets/kubernetes/preflight");
} {
    /* eslint-disable @typescript-eslint/no-require-imports -- a synchronous, on-demand load (targetFor runs in a constructor) */
    return {
        target: require("../../targets/kubernetes") as typeof import("../../targets/kubernetes"),
        api: require("../../targets/kubernetes/kube-api") as typeof import("../../targets/kubernetes/kube-api"),
        preflight: require("../../targets/kubernetes/preflight") as typeof import("../../targets/kubernetes/preflight"),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The one place that maps `streamstack:target` to an adapter. */
export function targetFor(settings: PlatformSettings, stack: string, root: pulumi.Resource): Target {
    if (settings.target === "kubernetes") {
        return new (kubernetesModules().target.KubernetesTarget)({ stack, ...settings.kubernetes }, root);
    }
    return new DockerTarget({
        prefix: dockerStackPrefix(stack),
        stack,
        bindAddress: settings.ports.bindAddress,
        healthTimeoutSeconds: 240,
    }, root);
}

/**
 * What only the live target can tell about these settings (ports in use, brokers that would
 * leave with data, volumes a StatefulSet cannot resize), asked before any resource is declared.
 */
export async function preflightFor(settings: PlatformSettings, stack: string): Promise<ConfigProblem[]> {
    if (settings.target === "kubernetes") {
        const { api: { kubeApi }, preflight: { kubernetesPreflight } } = kubernetesModules();
        const api = kubeApi(settings.kubernetes.kubeconfig, settings.kubernetes.context);
        if (typeof api === "string") {
            // A preview without a cluster (a pull request's k8s preview) still shows the plan.
            pulumi.log.warn(`streamstack: the live cluster was not checked (${api}); a data volume size change or a broker scale-down would only fail at up`);
            return [];
        }
        return kubernetesPreflight(settings, api).catch((error: Error) => {
            throw new pulumi.RunError(`the Kubernetes API could not be asked about the stack's StatefulSets and claims (${error.message}); ` +
                "is the cluster reachable with this kubeconfig (kubectl get ns)?");
        });
    }
    return dockerPreflight(settings, dockerStackPrefix(stack)).catch((error: Error) => {
        throw new pulumi.RunError(`the Docker engine could not be asked about ports and running brokers (${error.message}); ` +
            "is Docker running and its socket readable (docker info)?");
    });
}

import * as pulumi from "@pulumi/pulumi";
import { PlatformSettings } from "../components/config";
import { ConfigProblem } from "../components/config/problem";
import { TargetFactory } from "../components/model/target";
import { DockerTarget } from "../targets/docker";
import { dockerPreflight } from "./docker-preflight";

/**
 * The Kubernetes adapter and its preflight, loaded only for a kubernetes stack: they bring
 * @pulumi/kubernetes, about 50 ms of every docker preview and up for nothing.
 */
function kubernetesModules(): {
    target: typeof import("../targets/kubernetes");
    api: typeof import("../live/kube-api");
    preflight: typeof import("./kubernetes-preflight");
} {
    /* eslint-disable @typescript-eslint/no-require-imports -- a synchronous, on-demand load */
    return {
        target: require("../targets/kubernetes") as typeof import("../targets/kubernetes"),
        api: require("../live/kube-api") as typeof import("../live/kube-api"),
        preflight: require("./kubernetes-preflight") as typeof import("./kubernetes-preflight"),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** What the preflight found, and whether it could read the live target at all. */
export interface Preflight {
    problems: ConfigProblem[];
    /** False when the live cluster could not be asked (no kubeconfig): guards in the state then decide. */
    liveChecked: boolean;
}

/** Where a platform is declared: the stack, and the prefix of its physical names (platformPrefix). */
export interface Placement {
    stack: string;
    prefix: string;
}

/** The one place that maps the `target` setting to an adapter. */
export function targetFor(settings: PlatformSettings, placement: Placement, liveChecked: pulumi.Input<boolean> = true): TargetFactory {
    const { stack, prefix } = placement;
    if (settings.target === "kubernetes") {
        return kubernetesModules().target.KubernetesTarget.factory({ stack, ...settings.kubernetes, liveChecked });
    }
    return DockerTarget.factory({
        prefix,
        stack,
        bindAddress: settings.ports.bindAddress,
        healthTimeoutSeconds: 240,
    });
}

/**
 * What only the live target can tell about these settings (ports in use, brokers that would
 * leave with data, volumes a StatefulSet cannot resize), asked before any resource is declared.
 */
export async function preflightFor(settings: PlatformSettings, placement: Placement): Promise<Preflight> {
    if (settings.target === "kubernetes") {
        const { api: { kubeApi }, preflight: { kubernetesPreflight } } = kubernetesModules();
        const api = kubeApi(settings.kubernetes.kubeconfig, settings.kubernetes.context);
        if (typeof api === "string") {
            // A preview without a cluster (a pull request's k8s preview) still shows the plan; a
            // claim size change is refused from the sizes the stack's state records instead.
            pulumi.log.warn(`streamstack: the live cluster was not checked (${api}); a broker scale-down would only be refused at up, ` +
                "and a data volume size change is refused from the sizes the stack's state records");
            return { problems: [], liveChecked: false };
        }
        const problems = await kubernetesPreflight(settings, api).catch((error: Error) => {
            throw new pulumi.RunError(`the Kubernetes API could not be asked about the stack's StatefulSets and claims (${error.message}); ` +
                "is the cluster reachable with this kubeconfig (kubectl get ns)?");
        });
        return { problems, liveChecked: true };
    }
    const problems = await dockerPreflight(settings, placement.prefix).catch((error: Error) => {
        throw new pulumi.RunError(`the Docker engine could not be asked about ports and running brokers (${error.message}); ` +
            "is Docker running and its socket readable (docker info)?");
    });
    return { problems, liveChecked: true };
}

import * as pulumi from "@pulumi/pulumi";
import { DockerTarget, dockerStackPrefix } from "../../targets/docker";
import { KubernetesTarget } from "../../targets/kubernetes";
import { Target } from "../../targets/target";
import { PlatformSettings } from "../config";

/** The one place that maps `streamstack:target` to an adapter. */
export function targetFor(settings: PlatformSettings, stack: string, root: pulumi.Resource): Target {
    if (settings.target === "kubernetes") {
        return new KubernetesTarget({ stack, ...settings.kubernetes }, root);
    }
    return new DockerTarget({
        prefix: dockerStackPrefix(stack),
        stack,
        bindAddress: settings.ports.bindAddress,
        healthTimeoutSeconds: 240,
    }, root);
}

import * as pulumi from "@pulumi/pulumi";
import { Addressing } from "../components/model/addressing";
import { PortExposure, WorkloadGroup } from "../components/model/workload";

/**
 * What a deployment target does with the model: turn one WorkloadGroup into resources.
 * Adding a target means implementing this in a new folder, and nothing else.
 */
export interface Target {
    readonly kind: "docker" | "kubernetes";
    /** How members address each other on this target. */
    readonly addressing: Addressing;
    /**
     * The address clients outside the platform reach published member ports on (Docker: the
     * bind address; Kubernetes: a node's address, where the NodePorts answer).
     */
    readonly hostAddress: string;
    /** Whether ports of this exposure are published at hostAddress (Kubernetes keeps operator ports in the cluster). */
    publishes(exposure: PortExposure): boolean;
    /** Declares the group's resources as children of `parent`; returns what dependents wait on. */
    deployGroup(group: WorkloadGroup, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): pulumi.Resource[];
}

/** Labels every target puts on everything it creates, so a stack's resources can be found and cleaned. */
export function platformLabels(stack: string, component: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": component,
        "app.kubernetes.io/instance": stack,
        "app.kubernetes.io/part-of": "streamstack",
        "app.kubernetes.io/managed-by": "pulumi",
    };
}

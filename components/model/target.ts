import * as pulumi from "@pulumi/pulumi";
import { Addressing } from "./addressing";
import { ResourceScope } from "./resource-scope";
import { PortExposure, WorkloadGroup } from "./workload";

/**
 * What a deployment target does with the model: turn one WorkloadGroup into resources.
 * Adding a target means implementing this in a new folder (targets/<name>), and nothing else;
 * the library sees targets only through this interface.
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

/**
 * How a program hands the platform its target: the platform calls it once with itself, the
 * parent of the target's shared resources (network, namespace, provider), so their URNs stay
 * under the platform whichever program declares it, and with the scope that names every
 * resource the target declares.
 */
export type TargetFactory = (root: pulumi.Resource, scope: ResourceScope) => Target;

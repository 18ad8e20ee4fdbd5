import { createHash } from "node:crypto";
import { StateAccess } from "./state-access";
import * as pulumi from "@pulumi/pulumi";
import { Addressing } from "./addressing";
import { ResourceScope } from "./resource-scope";
import { PortExposure, WorkloadGroup } from "./workload";

/** The values of secret files (WorkloadGroup.secretFiles) by name: Pulumi secrets. */
export type SecretValues = Record<string, pulumi.Input<string>>;

/** The value of one of a group's secret files; a missing one is a wiring error, said at once. */
export function secretValue(secrets: SecretValues, group: WorkloadGroup, name: string): pulumi.Input<string> {
    const value = secrets[name];
    if (value === undefined) throw new Error(`group ${group.name} mounts the secret file ${name}, but its component gave the target no value for it`);
    return pulumi.secret(value);
}

/**
 * A digest of the values of a group's secret files that restart its members
 * (SecretFileSpec.restartsMembers), for the target to record on each member
 * (RESTART_DIGEST_ANNOTATION) so that a new value replaces it; undefined when there are none.
 * Not a secret: 16 hex digits of a SHA-256 of values that are themselves random keys and
 * certificates tell nothing about them, and a secret label would hide every label in a diff.
 */
export function restartDigest(group: WorkloadGroup, secrets: SecretValues): pulumi.Output<string> | undefined {
    const files = group.secretFiles.filter((file) => file.restartsMembers);
    if (files.length === 0) return undefined;
    const values = pulumi.all(files.map((file) => secretValue(secrets, group, file.name)));
    return pulumi.unsecret(values.apply((texts) => createHash("sha256").update(texts.join("\0")).digest("hex").slice(0, 16)));
}

/** A one-shot client of the platform: its image, the component label it carries, its user. */
export interface OneShotClient {
    image: string;
    component: string;
    runAsUser: number;
}

/**
 * Where the streamstack provider runs a one-shot Spark client (spark-submit) beside the
 * platform's members, so that it reaches the masters' RPC port, which nothing outside the
 * platform does. The provider starts it through the target's own API (the Docker engine, the
 * Kubernetes API server), whose authentication guards it.
 */
export type ClientPlace =
    | { target: "docker"; network: string; image: string; labels: Record<string, string>; runAsUser: number }
    | { target: "kubernetes"; namespace: string; image: string; labels: Record<string, string>; runAsUser: number; kubeconfig: string; context: string };

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
    /**
     * Declares the group's resources as children of `parent`; returns what dependents wait on.
     * `secrets` holds the values of the group's secret files; `access`, how the target's
     * readiness checks reach the group's state port when it is secured: the CA (which the target
     * also records on each member, STATE_CA_ANNOTATION, for what a preview reads of the running
     * platform) and a login.
     */
    deployGroup(group: WorkloadGroup, parent: pulumi.Resource, dependsOn: pulumi.Resource[], secrets?: SecretValues, access?: StateAccess): pulumi.Resource[];
    /** Where one-shot clients run, beside the members. */
    clientPlace(client: OneShotClient): pulumi.Input<ClientPlace>;
}

/**
 * How a program hands the platform its target: the platform calls it once with itself, the
 * parent of the target's shared resources (network, namespace, provider), so their URNs stay
 * under the platform whichever program declares it, and with the scope that names every
 * resource the target declares.
 */
export type TargetFactory = (root: pulumi.Resource, scope: ResourceScope) => Target;

import { memberName, WorkloadGroup } from "./workload";

/**
 * How members find each other. Docker resolves the bare member name on the stack's network;
 * Kubernetes resolves `<pod>.<headless service>.<namespace>.svc.cluster.local`.
 */
export interface Addressing {
    /** Appended to a member name to make the host name its peers use. */
    domainSuffix(group: string): string;
    /**
     * Appended to a member name to make a host name whose address survives the member's
     * restarts, for groups whose members are reached that way (WorkloadGroup.stableMemberAddresses).
     * Docker: the bare member name (its DNS answers from the live network, uncached).
     * Kubernetes: the member's own ClusterIP Service, `<member>.<namespace>.svc.cluster.local`.
     */
    stableDomainSuffix(group: string): string;
}

export const flatAddressing: Addressing = { domainSuffix: () => "", stableDomainSuffix: () => "" };

export function clusterDnsAddressing(namespace: string): Addressing {
    return {
        domainSuffix: (group) => `.${group}-headless.${namespace}.svc.cluster.local`,
        stableDomainSuffix: () => `.${namespace}.svc.cluster.local`,
    };
}

export function memberHost(addressing: Addressing, group: string, ordinal: number): string {
    return memberName(group, ordinal) + addressing.domainSuffix(group);
}

/** A member's stable host name (Addressing.stableDomainSuffix). */
export function stableMemberHost(addressing: Addressing, group: string, ordinal: number): string {
    return memberName(group, ordinal) + addressing.stableDomainSuffix(group);
}

/**
 * The domain suffix of the host name a group's members go by among their peers (what a start
 * script's MEMBER_HOST ends in): the stable one where the group asks for stable addresses.
 */
export function peerDomainSuffix(addressing: Addressing, group: Pick<WorkloadGroup, "name" | "stableMemberAddresses">): string {
    return group.stableMemberAddresses ? addressing.stableDomainSuffix(group.name) : addressing.domainSuffix(group.name);
}

export function range(n: number): number[] {
    return Array.from({ length: Math.max(n, 0) }, (_, i) => i);
}

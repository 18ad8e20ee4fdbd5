import { memberName } from "./workload";

/**
 * How members find each other. Docker resolves the bare member name on the stack's network;
 * Kubernetes resolves `<pod>.<headless service>.<namespace>.svc.cluster.local`.
 */
export interface Addressing {
    /** Appended to a member name to make the host name its peers use. */
    domainSuffix(group: string): string;
}

export const flatAddressing: Addressing = { domainSuffix: () => "" };

export function clusterDnsAddressing(namespace: string): Addressing {
    return { domainSuffix: (group) => `.${group}-headless.${namespace}.svc.cluster.local` };
}

export function memberHost(addressing: Addressing, group: string, ordinal: number): string {
    return memberName(group, ordinal) + addressing.domainSuffix(group);
}

export function range(n: number): number[] {
    return Array.from({ length: Math.max(n, 0) }, (_, i) => i);
}

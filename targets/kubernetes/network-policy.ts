import * as k8s from "@pulumi/kubernetes";
import { PortExposure, WorkloadGroup } from "../../components/model/workload";

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Who reaches a group, port by port (PortSpec.exposure): the platform's own pods on any port
 * (Spark executors and drivers use ephemeral ports); pods of the declared client namespaces
 * on in-cluster client ports (Kafka's internal listener); anyone on external-client ports
 * (they are NodePorts). Nothing else — ZooKeeper answers the platform's pods only.
 */
export function networkPolicy(
    group: WorkloadGroup, namespace: string, stack: string, clientNamespaces: string[],
    labels: Record<string, string>, selector: Record<string, string>,
): k8s.networking.v1.NetworkPolicyArgs {
    const ports = (exposure: PortExposure) => group.ports.filter((p) => p.exposure === exposure).map((p) => ({ protocol: "TCP", port: p.containerPort }));
    const inCluster = ports("in-cluster-clients");
    const external = ports("external-clients");
    return {
        metadata: { name: group.name, namespace, labels },
        spec: {
            podSelector: { matchLabels: selector },
            policyTypes: ["Ingress"],
            ingress: [
                { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/part-of": "streamstack", "app.kubernetes.io/instance": stack } } }] },
                ...(inCluster.length > 0 && clientNamespaces.length > 0 ? [{
                    from: [{ namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "In", values: clientNamespaces }] } }],
                    ports: inCluster,
                }] : []),
                ...(external.length > 0 ? [{ ports: external }] : []),
            ],
        },
    };
}

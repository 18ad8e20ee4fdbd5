import * as k8s from "@pulumi/kubernetes";
import { WorkloadGroup } from "../../components/model/workload";

/**
 * Ingress only from the platform's own pods (any port), plus the client-facing ports (those the model
 * publishes to the host: ZooKeeper client, Kafka external, Spark UIs) from anywhere.
 */
export function networkPolicy(
    group: WorkloadGroup, namespace: string, stack: string, labels: Record<string, string>, selector: Record<string, string>,
): k8s.networking.v1.NetworkPolicyArgs {
    const clientPorts = group.ports.filter((p) => p.hostPortBase !== undefined).map((p) => ({ protocol: "TCP", port: p.containerPort }));
    return {
        metadata: { name: group.name, namespace, labels },
        spec: {
            podSelector: { matchLabels: selector },
            policyTypes: ["Ingress"],
            ingress: [
                {
                    // Any port: Spark executors and drivers talk on ephemeral ports.
                    from: [{ podSelector: { matchLabels: { "app.kubernetes.io/part-of": "streamstack", "app.kubernetes.io/instance": stack } } }],
                },
                ...(clientPorts.length > 0 ? [{ ports: clientPorts }] : []),
            ],
        },
    };
}

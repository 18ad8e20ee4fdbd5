import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { range } from "../../components/model/addressing";
import { memberName, WorkloadGroup } from "../../components/model/workload";
import { SERVICE_ANNOTATIONS } from "./service-await";

/**
 * One NodePort Service per member for the ports clients outside the cluster use: member i's
 * port answers on NodePort hostPortBase + i, the number the model advertises (a broker's
 * external listener is <externalHost>:<kafkaExternal + i>), so no port-forward is needed.
 * Each Service selects its one pod by the StatefulSet's pod-name label.
 */
export function externalServices(
    group: WorkloadGroup, namespace: string, labels: Record<string, string>,
    declared: (modelName: string) => { name: string; opts: pulumi.CustomResourceOptions },
): k8s.core.v1.Service[] {
    const published = group.ports.filter((p) => p.exposure === "external-clients" && p.hostPortBase !== undefined);
    if (published.length === 0) return [];
    return range(group.replicas).map((ordinal) => {
        const member = memberName(group.name, ordinal);
        const service = declared(`${member}-external`);
        return new k8s.core.v1.Service(service.name, {
            metadata: { name: `${member}-external`, namespace, labels, annotations: SERVICE_ANNOTATIONS },
            spec: {
                // Cluster (not Local) traffic policy: every node answers, so the one advertised
                // node address reaches a member wherever it is scheduled.
                type: "NodePort",
                selector: { "statefulset.kubernetes.io/pod-name": member },
                ports: published.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.containerPort, nodePort: p.hostPortBase! + ordinal })),
            },
        }, service.opts);
    });
}

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { range } from "../../components/model/addressing";
import { memberName, WorkloadGroup } from "../../components/model/workload";
import { SERVICE_ANNOTATIONS } from "./service-await";

/**
 * One ClusterIP Service per member, named as the member, for a group whose members are reached
 * at stable addresses (WorkloadGroup.stableMemberAddresses): `<member>.<namespace>.svc.cluster.local`
 * keeps its IP when the pod restarts with a new one, so no DNS cache can hand out a dead
 * address. It carries the ports peers and in-cluster clients use (not the external ones, which
 * have their NodePort Services), and routes to the pod before it is ready, as the headless
 * Service publishes it: a restarted broker becomes ready only once the controller reaches it.
 */
export function stableAddressServices(
    group: WorkloadGroup, namespace: string, labels: Record<string, string>,
    declared: (modelName: string) => { name: string; opts: pulumi.CustomResourceOptions },
): k8s.core.v1.Service[] {
    const inPlatform = group.ports.filter((p) => p.exposure !== "external-clients");
    if (!group.stableMemberAddresses || inPlatform.length === 0) return [];
    return range(group.replicas).map((ordinal) => {
        const member = memberName(group.name, ordinal);
        const service = declared(`${member}-address`);
        return new k8s.core.v1.Service(service.name, {
            metadata: { name: member, namespace, labels, annotations: SERVICE_ANNOTATIONS },
            spec: {
                type: "ClusterIP",
                publishNotReadyAddresses: true,
                selector: { "statefulset.kubernetes.io/pod-name": member },
                ports: inPlatform.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.containerPort })),
            },
        }, service.opts);
    });
}

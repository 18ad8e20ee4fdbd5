/**
 * The smallest valid `target: kubernetes` stack config: a node address for the NodePorts and
 * port bases inside the NodePort range (what the k8s stack file sets), merged with `extra`.
 */
export function kubernetesConfig(extra: { kubernetes?: Record<string, unknown>; ports?: Record<string, unknown>; [key: string]: unknown } = {}): Record<string, unknown> {
    const { kubernetes, ports, ...rest } = extra;
    return {
        target: "kubernetes",
        ...rest,
        ports: { kafkaExternal: 30092, sparkMasterUi: 30080, sparkWorkerUi: 30180, ...ports },
        kubernetes: { externalHost: "10.87.0.1", ...kubernetes },
    };
}

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { DOCKER_CONTAINER_TYPE, KUBERNETES_STATEFUL_SET_TYPE } from "../../components/model/resource-tokens";
import { groupFiles, settingsOf } from "../platform-view";

export const localPortsOnLoopback: ResourceValidationPolicy = {
    name: "local-ports-on-loopback",
    description: "On the Docker target every published port binds to 127.0.0.1: nothing of the platform is reachable from other machines.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== DOCKER_CONTAINER_TYPE) return;
        const ports = (args.props.ports ?? []) as { external?: number; ip?: string }[];
        for (const port of ports.filter((p) => p.ip !== "127.0.0.1")) {
            reportViolation(`${args.name} publishes ${port.ip ?? "0.0.0.0"}:${port.external}: beyond loopback, without authentication; keep streamstack:ports.bindAddress at 127.0.0.1 and tunnel to it`);
        }
    },
};

/**
 * On Kubernetes Kafka's external listener is a NodePort on every node, reachable beyond the
 * cluster: anything but TLS with logins there is flagged, from the brokers' rendered
 * server.properties (advisory: kubernetes.allowInsecureKafka is a decision the stack may have made).
 */
export const kafkaNodePortsSecured: StackValidationPolicy = {
    name: "kafka-node-ports-secured",
    description: "On Kubernetes, Kafka's external listener (NodePorts, beyond the cluster) speaks TLS and requires a login (SASL_SSL).",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        if (!args.resources.some((r) => r.type === KUBERNETES_STATEFUL_SET_TYPE)) return;
        const protocols = settingsOf(groupFiles(args.resources, "kafka").get("server.properties")).get("listener.security.protocol.map");
        const external = /(?:^|,)EXTERNAL:([A-Z_]+)/.exec(protocols ?? "")?.[1];
        if (external === undefined || external === "SASL_SSL") return;
        const missing = [...(external.includes("SSL") ? [] : ["plaintext (kafka.security)"]), ...(external.startsWith("SASL") ? [] : ["without logins (kafka.authentication)"])];
        reportViolation(`Kafka's external listener is ${external}: NodePorts reachable beyond the cluster, ${missing.join(" and ")}; ` +
            'set kafka.security to "tls" and kafka.authentication to "scram-sha-512" (the Kubernetes defaults) and drop kubernetes.allowInsecureKafka');
    },
};

import { ResourceValidationPolicy } from "@pulumi/policy";
import { DOCKER_CONTAINER_TYPE } from "../../components/model/resource-tokens";

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

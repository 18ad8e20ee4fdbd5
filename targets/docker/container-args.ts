import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_DIR, memberName, ORDINAL_ENV, ProbeSpec, SECRETS_DIR, WorkloadGroup } from "../../components/model/workload";
import { MEMBER_LABEL } from "../../components/model/labels";

/** What the target decides for a member beyond the model: where it runs and what it mounts. */
export interface MemberPlacement {
    /** Container name, e.g. `streamstack-local-kafka-0`. */
    containerName: string;
    /** Local image ID the tag resolved to (a rebuilt image under the same tag is a new container). */
    imageId: pulumi.Input<string>;
    network: pulumi.Input<string>;
    /** Docker volume name per model volume name. */
    volumeNames: Record<string, pulumi.Input<string>>;
    /** Values known at deployment only (the CA a member's TLS certificate is signed by) are inputs. */
    labels: Record<string, pulumi.Input<string>>;
    bindAddress: string;
    /** The volume holding the group's secret files (SecretFiles), when it has any. */
    secretVolume?: pulumi.Input<string>;
}

/** Docker durations are Go duration strings. */
function seconds(value: number): string {
    return `${value}s`;
}

/**
 * CPUs as the provider reads them back from Docker ("1.0", "0.5"), so a refresh or the next
 * preview sees no difference where there is none (a difference replaces the container).
 */
export function dockerCpus(cpus: number): string {
    return Number.isInteger(cpus) ? cpus.toFixed(1) : String(cpus);
}

export function dockerHealthcheck(probe: ProbeSpec): docker.types.input.ContainerHealthcheck {
    return {
        tests: ["CMD", ...probe.command],
        interval: seconds(probe.periodSeconds),
        timeout: seconds(probe.timeoutSeconds),
        retries: probe.failureThreshold,
        startPeriod: seconds(probe.initialDelaySeconds),
    };
}

/** Pure translation of one group member into a docker.Container's arguments. */
export function containerArgs(group: WorkloadGroup, ordinal: number, placement: MemberPlacement): docker.ContainerArgs {
    const member = memberName(group.name, ordinal);
    const user = String(group.runAsUser);
    const env = { ...group.env, [ORDINAL_ENV]: String(ordinal), STREAMSTACK_GROUP: group.name };
    const labels = { ...placement.labels, [MEMBER_LABEL]: member };
    return {
        name: placement.containerName,
        image: placement.imageId,
        hostname: member,
        networksAdvanced: [{ name: placement.network, aliases: [member] }],
        command: group.command,
        envs: Object.entries(env).map(([key, value]) => `${key}=${value}`),
        labels: Object.entries(labels).map(([label, value]) => ({ label, value })),
        // The rendered files are in the container before its process starts: read-only input,
        // owned by root (Docker cannot map owner "1000" without a passwd entry in the image).
        uploads: group.files.map((file) => ({ file: `${CONFIG_DIR}/${file.name}`, content: file.content, executable: file.executable })),
        ports: group.ports
            .filter((port) => port.hostPortBase !== undefined)
            .map((port) => ({ internal: port.containerPort, external: port.hostPortBase! + ordinal, ip: placement.bindAddress, protocol: "tcp" })),
        mounts: [
            ...group.volumes.map((volume) => ({ type: "volume", source: placement.volumeNames[volume.name], target: volume.mountPath })),
            // Secret files: never in the container's environment, command or uploads.
            ...(placement.secretVolume === undefined ? [] : [{ type: "volume", source: placement.secretVolume, target: SECRETS_DIR, readOnly: true }]),
        ],
        healthcheck: dockerHealthcheck(group.readiness),
        // Creating a container does not wait for it to be healthy: the readiness gates do
        // (targets/docker/readiness-gate.ts), so that a ZooKeeper quorum can form on a cold up
        // while its members start one after another.
        wait: false,
        memory: group.memoryMb,
        // No swap: a JVM that swaps misses heartbeats. Stated, because Docker's default (twice
        // the memory) is what a refresh would otherwise read back as drift.
        memorySwap: group.memoryMb,
        cpus: dockerCpus(group.cpus),
        user: `${user}:${user}`,
        init: true,
        restart: "unless-stopped",
        // A stopped member is drift: refresh reports it and the next `up` starts it again.
        mustRun: true,
        // Time for a clean shutdown (Kafka's controlled shutdown) before Docker kills it.
        destroyGraceSeconds: 20,
    };
}

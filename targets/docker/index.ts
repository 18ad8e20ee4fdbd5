import * as pulumi from "@pulumi/pulumi";
import { flatAddressing, range } from "../../components/model/addressing";
import { CONFIG_DIR, memberName, ORDINAL_ENV, WorkloadGroup } from "../../components/model/workload";
import { DockerContainer } from "../../providers/docker/container";
import { DockerNetwork } from "../../providers/docker/network";
import { DockerVolume } from "../../providers/docker/volume";
import { platformLabels, Target } from "../target";

export interface DockerTargetArgs {
    /** Prefix of every container, network and volume name, e.g. `streamstack-local`. */
    prefix: string;
    stack: string;
    /** Host address published ports bind to (127.0.0.1 unless the user asks otherwise). */
    bindAddress: string;
    /** How long `pulumi up` waits for each container to report healthy. */
    healthTimeoutSeconds: number;
}

/**
 * Docker: one user-defined network on which members resolve each other by member name,
 * named volumes, one container per member with the rendered files uploaded before start.
 */
export class DockerTarget implements Target {
    readonly kind = "docker" as const;
    readonly addressing = flatAddressing;
    private network?: DockerNetwork;
    private readonly sharedVolumes = new Map<string, DockerVolume>();

    constructor(private readonly args: DockerTargetArgs, private readonly root: pulumi.Resource) {}

    private labels(component: string): Record<string, string> {
        return { ...platformLabels(this.args.stack, component), "streamstack.stack": this.args.prefix };
    }

    private ensureNetwork(): DockerNetwork {
        this.network ??= new DockerNetwork("network", { name: this.args.prefix, labels: this.labels("network") }, { parent: this.root });
        return this.network;
    }

    private volumeName(name: string): string {
        return `${this.args.prefix}-${name}`;
    }

    private volume(name: string, component: string, parent: pulumi.Resource): DockerVolume {
        return new DockerVolume(`volume-${name}`, { name: this.volumeName(name), labels: this.labels(component) }, { parent });
    }

    /** Shared volumes (the Spark checkpoint volume) are created once and mounted by several groups. */
    private sharedVolume(name: string): DockerVolume {
        let volume = this.sharedVolumes.get(name);
        if (!volume) {
            volume = this.volume(name, name, this.root);
            this.sharedVolumes.set(name, volume);
        }
        return volume;
    }

    deployGroup(group: WorkloadGroup, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): pulumi.Resource[] {
        const network = this.ensureNetwork();
        const probe = group.readiness;
        return range(group.replicas).map((ordinal) => {
            const member = memberName(group.name, ordinal);
            const volumes = group.volumes.map((volume) => {
                const key = volume.scope === "shared" ? volume.name : `${member}-${volume.name}`;
                const resource = volume.scope === "shared" ? this.sharedVolume(key) : this.volume(key, group.kind, parent);
                return { resource, name: this.volumeName(key), target: volume.mountPath };
            });
            return new DockerContainer(member, {
                name: `${this.args.prefix}-${member}`,
                image: group.image,
                hostname: member,
                network: network.name,
                aliases: [member],
                command: group.command,
                env: { ...group.env, [ORDINAL_ENV]: String(ordinal), STREAMSTACK_GROUP: group.name },
                labels: { ...this.labels(group.kind), "streamstack.member": member },
                files: group.files,
                filesDir: CONFIG_DIR,
                ports: group.ports
                    .filter((port) => port.hostPortBase !== undefined)
                    .map((port) => ({ containerPort: port.containerPort, hostPort: port.hostPortBase! + ordinal, hostIp: this.args.bindAddress })),
                mounts: volumes.map((v) => ({ volume: v.name, target: v.target })),
                healthcheck: {
                    command: probe.command,
                    intervalSeconds: probe.periodSeconds,
                    timeoutSeconds: probe.timeoutSeconds,
                    retries: probe.failureThreshold,
                    startPeriodSeconds: probe.initialDelaySeconds,
                },
                memoryMb: group.memoryMb,
                cpus: group.cpus,
                user: group.runAsUser,
                // Dependents start only once this member is healthy. Members of one group are
                // created concurrently, so a ZooKeeper quorum can form while each waits.
                waitHealthySeconds: this.args.healthTimeoutSeconds,
            }, { parent, dependsOn: [...dependsOn, network, ...volumes.map((v) => v.resource)] });
        });
    }
}

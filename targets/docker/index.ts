import { StateAccess } from "../../components/model/state-access";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { flatAddressing, range } from "../../components/model/addressing";
import { PortExposure, WorkloadGroup } from "../../components/model/workload";
import { containerName, groupMembers, memberAnnotations, platformLabels, recordedStateCa, STACK_LABEL, volumeName } from "../../components/model/labels";
import { groupGateName, memberGateName, memberResourceName, memberVolumeKey, secretFilesName, volumeGuardName, volumeResourceName } from "../../components/model/resource-names";
import { ResourceScope, scopedOptions } from "../../components/model/resource-scope";
import { ClientPlace, OneShotClient, restartDigest, SecretValues, secretValue, Target, TargetFactory } from "../../components/model/target";
import { containerArgs } from "./container-args";
import { containersAtStart, ListedContainer, runningStateLogin } from "../../live/docker-engine";
import { localImageId } from "./local-image";
import { GateMember, ReadinessGate } from "./readiness-gate";
import { liveRollOrder, stateEndpoints } from "./roll-order";
import { SecretFiles } from "./secret-files";
import { VolumeGuard } from "./volume-guard";

export interface DockerTargetArgs {
    /** Prefix of every container, network and volume name, `<platform>-<stack>` (platformPrefix). */
    prefix: string;
    stack: string;
    /** Host address published ports bind to (127.0.0.1 unless the user asks otherwise). */
    bindAddress: string;
    /** How long `pulumi up` waits for a member (or a cold group) to be ready. */
    healthTimeoutSeconds: number;
}

type Labels = Record<string, string>;

function labelList(labels: Labels): docker.types.input.VolumeLabel[] {
    return Object.entries(labels).map(([label, value]) => ({ label, value }));
}

/**
 * Docker, through the docker provider (@pulumi/docker): one user-defined network on which
 * members resolve each other by member name, named volumes, one container per member with
 * the rendered files uploaded before start.
 */
export class DockerTarget implements Target {
    /** The factory a program hands StreamingPlatform: this target, rooted at the platform. */
    static factory(args: DockerTargetArgs): TargetFactory {
        return (root, scope) => new DockerTarget(args, root, scope);
    }

    readonly kind = "docker" as const;
    readonly addressing = flatAddressing;
    get hostAddress(): string {
        return this.args.bindAddress;
    }

    publishes(exposure: PortExposure): boolean {
        return exposure === "operators" || exposure === "external-clients";
    }
    private network?: docker.Network;
    private readonly sharedVolumes = new Map<string, docker.Volume>();

    /** The stack's containers that exist now (running or not); empty when Docker cannot be asked. */
    private readonly stackContainersAtStart: Promise<ListedContainer[]>;
    /** Their names. */
    private readonly stackContainers: Promise<string[]>;

    constructor(private readonly args: DockerTargetArgs, private readonly root: pulumi.Resource, private readonly scope: ResourceScope) {
        this.stackContainersAtStart = containersAtStart().then((containers) => containers.filter((c) => c.labels[STACK_LABEL] === args.prefix), () => []);
        this.stackContainers = this.stackContainersAtStart.then((containers) => containers.map((c) => c.name));
    }

    private labels(component: string): Labels {
        return { ...platformLabels(this.args.stack, component), [STACK_LABEL]: this.args.prefix };
    }

    private ensureNetwork(): docker.Network {
        this.network ??= new docker.Network(this.scope.name("network"), {
            name: this.args.prefix,
            driver: "bridge",
            labels: labelList(this.labels("network")),
        }, scopedOptions(this.scope, "network", { parent: this.root }));
        return this.network;
    }

    private volume(key: string, component: string, parent: pulumi.Resource): docker.Volume {
        const name = volumeName(this.args.prefix, key);
        // A volume that exists before the stack holds it is refused at preview (VolumeGuard).
        const guard = new VolumeGuard(this.scope.name(volumeGuardName(key)), { volume: name, stack: this.args.prefix },
            scopedOptions(this.scope, volumeGuardName(key), { parent }));
        return new docker.Volume(this.scope.name(volumeResourceName(key)), {
            name,
            driver: "local",
            labels: labelList(this.labels(component)),
        }, scopedOptions(this.scope, volumeResourceName(key), {
            parent,
            dependsOn: [guard],
            // Volumes hold the platform's data: labels are written once, and a label change
            // must never replace (empty) a data volume.
            ignoreChanges: ["labels"],
        }));
    }

    /** Shared volumes (the Spark checkpoint volume) are created once and mounted by several groups. */
    private sharedVolume(key: string): docker.Volume {
        let volume = this.sharedVolumes.get(key);
        if (!volume) {
            volume = this.volume(key, key, this.root);
            this.sharedVolumes.set(key, volume);
        }
        return volume;
    }

    /**
     * One container per member, created together on a cold `up` and changed one at a time
     * afterwards: once a group exists, each member depends on the readiness gate of the member
     * before it in the roll order (leader last), and a gate's update waits until its replaced
     * member is back and its group has converged. Dependents wait on the group's own gate.
     */
    clientPlace(client: OneShotClient): pulumi.Input<ClientPlace> {
        return pulumi.output(localImageId(client.image)).apply((imageId): ClientPlace => ({
            target: "docker",
            network: this.args.prefix,
            image: imageId,
            labels: this.labels(client.component),
            runAsUser: client.runAsUser,
        }));
    }

    /** The volume of a group's secret files, written before its members start; undefined when it has none. */
    private secretFiles(group: WorkloadGroup, imageId: pulumi.Input<string>, secrets: SecretValues, parent: pulumi.Resource): SecretFiles | undefined {
        if (group.secretFiles.length === 0) return undefined;
        const key = secretFilesName(group.name);
        return new SecretFiles(this.scope.name(key), {
            volume: volumeName(this.args.prefix, key),
            files: Object.fromEntries(group.secretFiles.map((file) => [file.name, secretValue(secrets, group, file.name)])),
            owner: group.runAsUser,
            image: imageId,
            labels: this.labels(group.kind),
        }, scopedOptions(this.scope, key, { parent }));
    }

    deployGroup(group: WorkloadGroup, parent: pulumi.Resource, dependsOn: pulumi.Resource[], secrets: SecretValues = {}, { caCertificate: stateCa, memberCa, login: stateLogin }: StateAccess = {}): pulumi.Resource[] {
        const network = this.ensureNetwork();
        const imageId = localImageId(group.image);
        const secretFiles = this.secretFiles(group, imageId, secrets, parent);
        const digest = restartDigest(group, secrets);
        const groupEndpoints = stateEndpoints(group, this.args.bindAddress);
        // The running members' own CA (their label) and login (the file they mount): a preview
        // verifies and logs in to them with what they were made with.
        const order = this.stackContainersAtStart.then(async (containers) => liveRollOrder(group, this.args.bindAddress, {
            caCertificate: recordedStateCa(groupMembers(containers, this.args.prefix, group.name).map((m) => m.container.labels)),
            login: await runningStateLogin(containers, this.args.prefix, group.name),
        }));
        const groupExists = this.stackContainers.then((names) => range(group.replicas).some((ordinal) => names.includes(containerName(this.args.prefix, group.name, ordinal))));
        const memberGates: ReadinessGate[] = [];
        const gateArgs = (members: GateMember[], waitOnCreate: boolean) => ({
            kind: group.kind,
            group: group.name,
            members,
            groupEndpoints,
            waitOnCreate,
            timeoutSeconds: this.args.healthTimeoutSeconds,
            stack: this.args.prefix,
            ...(stateCa === undefined ? {} : { stateCa }),
            ...(stateLogin === undefined ? {} : { stateLogin }),
        });
        const members = range(group.replicas).map((ordinal): GateMember => {
            const member = memberResourceName(group.name, ordinal);
            const volumes = group.volumes.map((volume) => ({
                modelName: volume.name,
                resource: volume.scope === "shared"
                    ? this.sharedVolume(volume.name)
                    : this.volume(memberVolumeKey(group.name, ordinal, volume.name), group.kind, parent),
            }));
            const container = containerName(this.args.prefix, group.name, ordinal);
            const gateBefore = Promise.all([order, groupExists]).then(([ordinals, exists]): pulumi.Resource[] => {
                const position = ordinals.indexOf(ordinal);
                // A group none of whose containers exists yet has nothing to roll: its members
                // are created together, as fast as on a cold up.
                return exists && position > 0 ? [memberGates[ordinals[position - 1]!]!] : [];
            });
            const after: Promise<pulumi.Resource[]> = gateBefore.then((gates) => [...dependsOn, network, ...volumes.map((v) => v.resource), ...(secretFiles ? [secretFiles] : []), ...gates]);
            const declared = new docker.Container(this.scope.name(member), containerArgs(group, ordinal, {
                containerName: container,
                imageId,
                network: network.name,
                volumeNames: Object.fromEntries(volumes.map((v) => [v.modelName, v.resource.name])),
                labels: { ...this.labels(group.kind), ...memberAnnotations(group.annotations, memberCa, digest) },
                bindAddress: this.args.bindAddress,
                secretVolume: secretFiles?.volume,
            }), scopedOptions(this.scope, member, { parent, dependsOn: after }));
            return { member, ordinal, container, containerId: declared.id, endpoint: groupEndpoints[ordinal] ?? "" };
        });
        for (const member of members) {
            const gate = memberGateName(group.name, member.ordinal);
            memberGates.push(new ReadinessGate(this.scope.name(gate), gateArgs([member], false), scopedOptions(this.scope, gate, { parent })));
        }
        const gate = groupGateName(group.name);
        return [new ReadinessGate(this.scope.name(gate), gateArgs(members, true), scopedOptions(this.scope, gate, { parent }))];
    }
}

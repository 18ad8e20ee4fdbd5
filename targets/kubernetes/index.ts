import { StateAccess } from "../../components/model/state-access";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { clusterDnsAddressing, peerDomainSuffix } from "../../components/model/addressing";
import { CONFIG_DIR, PortExposure, ProbeSpec, SECRETS_DIR, VolumeSpec, WorkloadGroup } from "../../components/model/workload";
import { memberAnnotations, platformLabels } from "../../components/model/labels";
import { claimTemplateGuardName, configMapName, groupGateName, groupResourceName, secretFilesName } from "../../components/model/resource-names";
import { ClaimTemplateGuard } from "./claim-template-guard";
import { RolloutGate } from "./rollout-gate";
import { ResourceScope, scopedOptions } from "../../components/model/resource-scope";
import { ClientPlace, OneShotClient, restartDigest, SecretValues, secretValue, Target, TargetFactory } from "../../components/model/target";
import { externalServices } from "./external-services";
import { SERVICE_ANNOTATIONS } from "./service-await";
import { stableAddressServices } from "./stable-addresses";
import { networkPolicy } from "./network-policy";

export interface KubernetesTargetArgs {
    stack: string;
    namespace: string;
    /** kubeconfig file; empty = $KUBECONFIG or ~/.kube/config. */
    kubeconfig: string;
    /** kubeconfig context; empty = the current context. */
    context: string;
    /** A node address clients outside the cluster reach NodePorts on. */
    externalHost: string;
    /** Namespaces whose pods may reach Kafka's in-cluster listener. */
    clientNamespaces: string[];
    /** CPU request as a percentage of the CPU limit. */
    cpuRequestPercent: number;
    /**
     * Whether the program read the live StatefulSets before declaring (its preview check then
     * decided on claim sizes); when it could not, the claim-template guards refuse a size change.
     */
    liveChecked: pulumi.Input<boolean>;
}

/** How long one StatefulSet's rollout may take (pulling nothing: images are on the node). */
const ROLLOUT_TIMEOUT_SECONDS = 600;

/** The `restricted` Pod Security level, enforced on the platform's namespace. */
const RESTRICTED = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" };

function probe(spec: ProbeSpec): k8s.types.input.core.v1.Probe {
    return {
        exec: { command: spec.command },
        initialDelaySeconds: spec.initialDelaySeconds,
        periodSeconds: spec.periodSeconds,
        timeoutSeconds: spec.timeoutSeconds,
        failureThreshold: spec.failureThreshold,
    };
}

/** A hash of everything rendered into the pods, so a config change rolls the StatefulSet. */
export function configHash(group: WorkloadGroup): string {
    return createHash("sha256").update(JSON.stringify({ files: group.files, env: group.env, command: group.command })).digest("hex").slice(0, 16);
}

/**
 * Kubernetes: a Namespace (Pod Security `restricted`), and per group a ConfigMap, headless +
 * client Services, one NodePort Service per member for external clients, a StatefulSet
 * (ordinal = member id), a PodDisruptionBudget and a NetworkPolicy.
 */
export class KubernetesTarget implements Target {
    /** The factory a program hands StreamingPlatform: this target, rooted at the platform. */
    static factory(args: KubernetesTargetArgs): TargetFactory {
        return (root, scope) => new KubernetesTarget(args, root, scope);
    }

    readonly kind = "kubernetes" as const;
    readonly addressing;
    readonly hostAddress: string;
    private readonly provider: pulumi.ProviderResource;
    private readonly namespace: k8s.core.v1.Namespace;
    private readonly sharedClaims = new Map<string, k8s.core.v1.PersistentVolumeClaim>();

    constructor(private readonly args: KubernetesTargetArgs, private readonly root: pulumi.Resource, private readonly scope: ResourceScope) {
        this.addressing = clusterDnsAddressing(args.namespace);
        this.hostAddress = args.externalHost;
        // A kubernetes provider the caller passed to the platform (`providers`) is the one used;
        // otherwise the platform makes its own from the kubeconfig and context settings.
        this.provider = root.getProvider("kubernetes:core/v1:Namespace") ?? new k8s.Provider(scope.name("kubernetes"), {
            kubeconfig: args.kubeconfig || undefined,
            context: args.context || undefined,
            namespace: args.namespace,
        }, scopedOptions(scope, "kubernetes", { parent: root }));
        this.namespace = new k8s.core.v1.Namespace(scope.name("namespace"), {
            metadata: { name: args.namespace, labels: { ...platformLabels(args.stack, "namespace"), ...RESTRICTED } },
        }, scopedOptions(scope, "namespace", { parent: root, provider: this.provider }));
    }

    publishes(exposure: PortExposure): boolean {
        return exposure === "external-clients";
    }

    /** Options of a resource declared under `modelName`: the provider, the namespace first, its aliases. */
    private opts(modelName: string, parent: pulumi.Resource, dependsOn: pulumi.Resource[] = []): pulumi.CustomResourceOptions {
        return scopedOptions(this.scope, modelName, { parent, provider: this.provider, dependsOn: [this.namespace, ...dependsOn] });
    }

    /** The checkpoint volume: one ReadWriteMany claim that every Spark pod mounts. */
    private sharedClaim(volume: VolumeSpec): k8s.core.v1.PersistentVolumeClaim {
        let claim = this.sharedClaims.get(volume.name);
        if (!claim) {
            const claimName = `pvc-${volume.name}`;
            claim = new k8s.core.v1.PersistentVolumeClaim(this.scope.name(claimName), {
                metadata: { name: volume.name, namespace: this.args.namespace, labels: platformLabels(this.args.stack, volume.name) },
                spec: {
                    accessModes: ["ReadWriteMany"],
                    storageClassName: volume.storageClass,
                    resources: { requests: { storage: volume.size } },
                },
            }, { ...this.opts(claimName, this.root), retainOnDelete: false });
            this.sharedClaims.set(volume.name, claim);
        }
        return claim;
    }

    clientPlace(client: OneShotClient): pulumi.Input<ClientPlace> {
        // The namespace's name once it exists: the provider's Job goes nowhere before.
        return this.namespace.metadata.name.apply((namespace): ClientPlace => ({
            target: "kubernetes",
            namespace,
            image: client.image,
            labels: platformLabels(this.args.stack, client.component),
            runAsUser: client.runAsUser,
            kubeconfig: this.args.kubeconfig,
            context: this.args.context,
        }));
    }

    deployGroup(group: WorkloadGroup, parent: pulumi.Resource, dependsOn: pulumi.Resource[], secrets: SecretValues = {}, { memberCa }: StateAccess = {}): pulumi.Resource[] {
        const ns = this.args.namespace;
        const labels = platformLabels(this.args.stack, group.name);
        const selector = { "app.kubernetes.io/name": group.name, "app.kubernetes.io/instance": this.args.stack };
        const ports = group.ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.containerPort }));

        // No fixed name: the provider replaces a ConfigMap whose data changes, and a generated
        // name makes that replacement create-before-delete, so the StatefulSet only updates (its
        // pods roll to the new name). A fixed name would force delete-before-replace, and the
        // engine would then replace the StatefulSet too — deleting its claims (whenDeleted).
        const configMap = new k8s.core.v1.ConfigMap(this.scope.name(configMapName(group.name)), {
            metadata: { namespace: ns, labels },
            data: Object.fromEntries(group.files.map((f) => [f.name, f.content])),
        }, this.opts(configMapName(group.name), parent));
        // Generated name, as the ConfigMap's: a new secret rolls the pods onto a new Secret.
        const secretFiles = group.secretFiles.length === 0 ? undefined : new k8s.core.v1.Secret(this.scope.name(secretFilesName(group.name)), {
            metadata: { namespace: ns, labels },
            stringData: Object.fromEntries(group.secretFiles.map((f) => [f.name, secretValue(secrets, group, f.name)])),
        }, this.opts(secretFilesName(group.name), parent));

        const headlessName = `${group.name}-headless`;
        const headless = new k8s.core.v1.Service(this.scope.name(headlessName), {
            metadata: { name: headlessName, namespace: ns, labels, annotations: SERVICE_ANNOTATIONS },
            spec: { clusterIP: "None", publishNotReadyAddresses: group.publishNotReadyAddresses, selector, ports },
        }, this.opts(headlessName, parent));
        const workload = groupResourceName(group.name);
        new k8s.core.v1.Service(this.scope.name(workload), {
            metadata: { name: group.name, namespace: ns, labels, annotations: SERVICE_ANNOTATIONS },
            spec: { type: "ClusterIP", selector, ports },
        }, this.opts(workload, parent));

        const memberVolumes = group.volumes.filter((v) => v.scope === "member");
        const sharedVolumes = group.volumes.filter((v) => v.scope === "shared");
        const claims = sharedVolumes.map((v) => this.sharedClaim(v));
        const guardName = claimTemplateGuardName(group.name);
        const guards = memberVolumes.length === 0 ? [] : [new ClaimTemplateGuard(this.scope.name(guardName), {
            statefulSet: group.name,
            claims: Object.fromEntries(memberVolumes.map((v) => [v.name, { size: v.size, setting: v.sizeSetting }])),
            liveChecked: this.args.liveChecked,
        }, scopedOptions(this.scope, guardName, { parent }))];

        const declared = (modelName: string) => ({ name: this.scope.name(modelName), opts: this.opts(modelName, parent) });
        // Before the pods: a name a broker advertises must resolve from its first start, or the
        // cluster's DNS caches "no such name" for as long as it caches an address.
        const stableAddresses = stableAddressServices(group, ns, labels, declared);
        const statefulSet = new k8s.apps.v1.StatefulSet(this.scope.name(workload), {
            metadata: { name: group.name, namespace: ns, labels },
            spec: {
                serviceName: headless.metadata.name,
                replicas: group.replicas,
                // Quorum members must start together; ordered start would deadlock ZooKeeper.
                podManagementPolicy: "Parallel",
                selector: { matchLabels: selector },
                // Data volumes go with the stack (destroy leaves no PV behind) but stay when a
                // group is scaled down, so scaling back up finds the member's data.
                persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
                template: {
                    metadata: {
                        labels,
                        annotations: { ...memberAnnotations(group.annotations, memberCa, restartDigest(group, secrets)), "streamstack.io/config-hash": configHash(group) },
                    },
                    spec: {
                        // Service links would inject SPARK_MASTER_PORT=tcp://… (from a Service named
                        // spark-master) into every pod, which Spark reads as its port number.
                        enableServiceLinks: false,
                        automountServiceAccountToken: false,
                        securityContext: {
                            runAsNonRoot: true, runAsUser: group.runAsUser, runAsGroup: group.runAsUser, fsGroup: group.runAsUser,
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        affinity: {
                            podAntiAffinity: {
                                preferredDuringSchedulingIgnoredDuringExecution: [{
                                    weight: 100,
                                    podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selector } },
                                }],
                            },
                        },
                        containers: [{
                            name: group.kind,
                            image: group.image,
                            // No registry may answer (the local cluster imports its images).
                            imagePullPolicy: "IfNotPresent",
                            command: group.command,
                            env: Object.entries({
                                ...group.env,
                                STREAMSTACK_GROUP: group.name,
                                STREAMSTACK_DOMAIN_SUFFIX: peerDomainSuffix(this.addressing, group),
                            }).map(([name, value]) => ({ name, value })),
                            ports: group.ports.map((p) => ({ name: p.name, containerPort: p.containerPort })),
                            readinessProbe: probe(group.readiness),
                            livenessProbe: probe(group.liveness),
                            resources: {
                                requests: { memory: `${group.memoryMb}Mi`, cpu: `${Math.max(1, Math.round(group.cpus * 10 * this.args.cpuRequestPercent))}m` },
                                limits: { memory: `${group.memoryMb}Mi`, cpu: `${Math.round(group.cpus * 1000)}m` },
                            },
                            securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] } },
                            volumeMounts: [
                                { name: "config", mountPath: CONFIG_DIR },
                                ...(secretFiles ? [{ name: "secret-files", mountPath: SECRETS_DIR, readOnly: true }] : []),
                                ...group.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
                            ],
                        }],
                        volumes: [
                            { name: "config", configMap: { name: configMap.metadata.name, defaultMode: 0o755 } },
                            // Readable by the pod's group (fsGroup, the service user) only.
                            ...(secretFiles ? [{ name: "secret-files", secret: { secretName: secretFiles.metadata.name, defaultMode: 0o440 } }] : []),
                            ...sharedVolumes.map((v, i) => ({ name: v.name, persistentVolumeClaim: { claimName: claims[i].metadata.name } })),
                        ],
                    },
                },
                volumeClaimTemplates: memberVolumes.map((v) => ({
                    metadata: { name: v.name, labels },
                    spec: { accessModes: ["ReadWriteOnce"], storageClassName: v.storageClass, resources: { requests: { storage: v.size } } },
                })),
            },
        }, this.opts(workload, parent, [...dependsOn, ...guards, ...stableAddresses]));

        if (group.replicas > 1 && group.minAvailable >= 1) {
            new k8s.policy.v1.PodDisruptionBudget(this.scope.name(workload), {
                metadata: { name: group.name, namespace: ns, labels },
                spec: { minAvailable: group.minAvailable, selector: { matchLabels: selector } },
            }, this.opts(workload, parent));
        }
        externalServices(group, ns, labels, declared);
        new k8s.networking.v1.NetworkPolicy(this.scope.name(workload), networkPolicy(group, ns, this.args.stack, this.args.clientNamespaces, labels, selector),
            this.opts(workload, parent));
        // Dependents wait until the StatefulSet has really rolled, whatever the plugin's await did.
        const gate = groupGateName(group.name);
        return [new RolloutGate(this.scope.name(gate), {
            namespace: ns,
            statefulSet: group.name,
            generation: statefulSet.metadata.generation,
            replicas: group.replicas,
            kubeconfig: this.args.kubeconfig,
            context: this.args.context,
            timeoutSeconds: ROLLOUT_TIMEOUT_SECONDS,
        }, scopedOptions(this.scope, gate, { parent, dependsOn: [statefulSet] }))];
    }
}

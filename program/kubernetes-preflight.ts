import { PlatformSettings } from "../components/config";
import { KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION, KAFKA_METADATA_ANNOTATION, KAFKA_VERSION_ANNOTATION, KAFKA_REPLICATION_ANNOTATION, recordedStateCa, STATE_LOGIN_ANNOTATION, ZOOKEEPER_AUTHENTICATION_ANNOTATION } from "../components/model/labels";
import { replicationStepProblems } from "../components/kafka/replication";
import { internalAuthenticationStepProblems } from "../components/kafka/internal-authentication";
import { quorumChangeProblems, versionChangeProblems } from "../components/kafka/kraft";
import { metadataStepProblems, runningMetadataSteps } from "../components/kafka/migration";
import { range } from "../components/model/addressing";
import { KafkaAuth, parseStateLogin, STATE_LOGIN_FILE } from "../components/model/state-access";
import { authenticationStepProblems } from "../components/zookeeper/rules";
import { ZOOKEEPER_GROUP } from "../components/zookeeper/render";
import { KAFKA_GROUP } from "../components/kafka/render";
import { storageBytes } from "../components/config/memory";
import { ConfigProblem, configProblem } from "../components/config/problem";
import { ReplicaReader, scaleDownProblems } from "../components/kafka/replica-placement";
import { replicasByBroker } from "../live/kafka";
import { KubeApi } from "../live/kube-api";

/**
 * Checks of the Kubernetes target that need the live cluster, run before any resource is
 * declared so that preview fails with all of them and nothing is changed: a data volume size
 * a StatefulSet cannot change (its volumeClaimTemplates are immutable, so Pulumi would
 * replace the StatefulSet — and the claims go with it), a checkpoint claim that would be
 * shrunk or grown on a class that cannot expand, and brokers removed while they hold replicas.
 */

interface Pod { metadata: { annotations?: Record<string, string> } }
interface StatefulSet { spec: { replicas?: number; template?: { metadata?: { annotations?: Record<string, string> }; spec?: { volumes?: { secret?: { secretName?: string } }[] } }; volumeClaimTemplates?: { metadata: { name: string }; spec: { resources?: { requests?: { storage?: string } } } }[] } }
interface Claim { spec: { storageClassName?: string; resources: { requests: { storage: string } } }; status?: { capacity?: { storage?: string } } }
interface StorageClass { allowVolumeExpansion?: boolean }

const GROWING_DOCS = "docs/kubernetes.md › Growing data volumes";

/** The stack's live StatefulSets that hold data, read once for every check below (undefined: not there yet). */
interface LiveStatefulSets { zookeeper?: StatefulSet; kafka?: StatefulSet }

async function liveStatefulSets(api: KubeApi, ns: string): Promise<LiveStatefulSets> {
    const [zookeeper, kafka] = await Promise.all(["zookeeper", "kafka"].map((group) => api.get<StatefulSet>(`/apis/apps/v1/namespaces/${ns}/statefulsets/${group}`)));
    return { zookeeper, kafka };
}

function memberVolumeProblems(live: LiveStatefulSets, settings: PlatformSettings): ConfigProblem[] {
    const sized = [
        { group: "zookeeper" as const, key: "zookeeper.storageSize", size: settings.zookeeper.storageSize },
        { group: "kafka" as const, key: "kafka.storageSize", size: settings.kafka.storageSize },
    ];
    const problems: ConfigProblem[] = [];
    for (const { group, key, size } of sized) {
        for (const template of live[group]?.spec.volumeClaimTemplates ?? []) {
            const current = template.spec.resources?.requests?.storage;
            if (!current || storageBytes(current) === storageBytes(size)) continue;
            problems.push(configProblem(key, size, `the ${group} StatefulSet's ${template.metadata.name} claims were made with ${current}, and a ` +
                "StatefulSet cannot change its volumeClaimTemplates: Pulumi would replace it and delete every member's data volume. " +
                `Set it back to "${current}"; to grow the disks, resize the claims in place and re-adopt the StatefulSet (${GROWING_DOCS})`));
        }
    }
    return problems;
}

async function checkpointProblems(api: KubeApi, settings: PlatformSettings): Promise<ConfigProblem[]> {
    const ns = settings.kubernetes.namespace;
    const wanted = settings.spark.checkpoint.size;
    const claim = await api.get<Claim>(`/api/v1/namespaces/${ns}/persistentvolumeclaims/checkpoints`);
    if (!claim) return [];
    const current = claim.spec.resources.requests.storage;
    const [have, want] = [storageBytes(current), storageBytes(wanted)];
    if (have === undefined || want === undefined || have === want) return [];
    if (want < have) {
        return [configProblem("spark.checkpoint.size", wanted, `the checkpoint claim has ${current} and Kubernetes cannot shrink a claim; set it back to "${current}"`)];
    }
    const className = claim.spec.storageClassName;
    const storageClass = className ? await api.get<StorageClass>(`/apis/storage.k8s.io/v1/storageclasses/${className}`) : undefined;
    if (storageClass?.allowVolumeExpansion === true) return [];
    return [configProblem("spark.checkpoint.size", wanted, `the checkpoint claim has ${current} and its storage class ${className ?? "(none)"} does not allow ` +
        `volume expansion, so the API server would refuse the change mid-up; set it back to "${current}", or use a class with allowVolumeExpansion`)];
}

/**
 * The login the StatefulSet's pods require of the platform's own clients (STATE_LOGIN_ANNOTATION
 * on its pod template), read from the Secret its pods mount; undefined when they require none.
 * The one running the preview may read that Secret: they deploy it.
 */
async function mountedStateLogin(api: KubeApi, ns: string, statefulSet: StatefulSet | undefined): Promise<KafkaAuth | undefined> {
    if (statefulSet?.spec.template?.metadata?.annotations?.[STATE_LOGIN_ANNOTATION] === undefined) return undefined;
    for (const volume of statefulSet.spec.template.spec?.volumes ?? []) {
        const name = volume.secret?.secretName;
        const data = name === undefined ? undefined : (await api.get<{ data?: Record<string, string> }>(`/api/v1/namespaces/${ns}/secrets/${name}`))?.data;
        const text = data?.[STATE_LOGIN_FILE];
        if (text !== undefined) return parseStateLogin(Buffer.from(text, "base64").toString("utf8"));
    }
    return undefined;
}

/**
 * Fewer brokers than the live StatefulSet runs: its highest ordinals (= broker ids) go; asked
 * through their NodePorts, verified against the CA the StatefulSet's pods were made with.
 */
async function brokerScaleDownProblems(api: KubeApi, kafka: StatefulSet | undefined, settings: PlatformSettings, readReplicas: ReplicaReader): Promise<ConfigProblem[]> {
    const ns = settings.kubernetes.namespace;
    const live = kafka?.spec.replicas ?? 0;
    const removed = Array.from({ length: Math.max(0, live - settings.kafka.brokers) }, (_, i) => settings.kafka.brokers + i);
    return scaleDownProblems(settings, {
        removed,
        bootstrap: Array.from({ length: live }, (_, i) => `${settings.kubernetes.externalHost}:${settings.ports.kafkaExternal + i}`),
        caCertificate: recordedStateCa([kafka?.spec.template?.metadata?.annotations]),
        login: removed.length === 0 ? undefined : await mountedStateLogin(api, ns, kafka),
        shell: `kubectl -n ${ns} exec -it kafka-0 -- bash`,
        dataFate: "that would stay offline: their claims are kept, but Kafka does not move replicas, so those partitions stay under-replicated",
    }, readReplicas);
}

/**
 * zookeeper.authentication moving more than one step from what the live servers run: each
 * pod's annotation (pods, not the StatefulSet, since a stalled roll leaves them mixed).
 */
async function zookeeperAuthenticationProblems(api: KubeApi, settings: PlatformSettings): Promise<ConfigProblem[]> {
    const selector = encodeURIComponent(`app.kubernetes.io/name=${ZOOKEEPER_GROUP}`);
    const pods = await api.get<{ items: Pod[] }>(`/api/v1/namespaces/${settings.kubernetes.namespace}/pods?labelSelector=${selector}`);
    return authenticationStepProblems((pods?.items ?? []).map((pod) => pod.metadata.annotations?.[ZOOKEEPER_AUTHENTICATION_ANNOTATION]), settings);
}

/** kafka.replication and kafka.internalAuthentication moving more than one step from what a live broker runs (each pod's annotations, as for ZooKeeper's). */
async function kafkaReplicationProblems(api: KubeApi, settings: PlatformSettings): Promise<ConfigProblem[]> {
    const selector = encodeURIComponent(`app.kubernetes.io/name=${KAFKA_GROUP}`);
    const pods = await api.get<{ items: Pod[] }>(`/api/v1/namespaces/${settings.kubernetes.namespace}/pods?labelSelector=${selector}`);
    const annotations = (pods?.items ?? []).map((pod) => pod.metadata.annotations ?? {});
    return [
        ...replicationStepProblems(annotations.map((each) => each[KAFKA_REPLICATION_ANNOTATION]), settings),
        ...internalAuthenticationStepProblems(annotations.map((each) => each[KAFKA_INTERNAL_AUTHENTICATION_ANNOTATION]), settings),
        // No controllers on Kubernetes (combined mode; the migration runs on Docker only).
        ...metadataStepProblems(runningMetadataSteps(annotations.map((each) => each[KAFKA_METADATA_ANNOTATION]), []), settings),
        ...versionChangeProblems(annotations.map((each) => each[KAFKA_VERSION_ANNOTATION]), settings),
    ];
}

/**
 * A change of the KRaft quorum's voters: in combined mode (the one KRaft runs in on Kubernetes)
 * they are the brokers of a StatefulSet whose pods run KRaft (its template's annotation), as
 * many as its replicas, ready or not.
 */
function kraftQuorumProblems(kafka: StatefulSet | undefined, settings: PlatformSettings): ConfigProblem[] {
    const kraft = kafka?.spec.template?.metadata?.annotations?.[KAFKA_METADATA_ANNOTATION] === "kraft";
    return quorumChangeProblems({ controllers: [], kraftBrokers: kraft ? range(kafka?.spec.replicas ?? 0) : [] }, settings);
}

/** Every problem the live cluster shows with these settings (empty when the namespace does not exist yet). */
export async function kubernetesPreflight(settings: PlatformSettings, api: KubeApi, readReplicas: ReplicaReader = replicasByBroker): Promise<ConfigProblem[]> {
    const live = await liveStatefulSets(api, settings.kubernetes.namespace);
    return [
        ...memberVolumeProblems(live, settings),
        ...await zookeeperAuthenticationProblems(api, settings),
        ...await kafkaReplicationProblems(api, settings),
        ...await checkpointProblems(api, settings),
        ...await brokerScaleDownProblems(api, live.kafka, settings, readReplicas),
        ...kraftQuorumProblems(live.kafka, settings),
    ];
}

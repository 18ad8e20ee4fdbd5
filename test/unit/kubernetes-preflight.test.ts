/** The Kubernetes preflight on a fake API: what the live cluster holds decides what preview refuses. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { KubeApi } from "../../live/kube-api";
import { kubernetesPreflight } from "../../program/kubernetes-preflight";
import { kubernetesConfig } from "../support/kubernetes-settings";

function fakeApi(objects: Record<string, unknown>): KubeApi {
    return { get: async <T>(apiPath: string) => objects[apiPath] as T | undefined, send: () => Promise.reject(new Error("the preflight only reads")) };
}

const statefulSet = (storage: string) => ({ spec: { volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { resources: { requests: { storage } } } }] } });
const claim = (storage: string, storageClassName = "standard") => ({ spec: { storageClassName, resources: { requests: { storage } } } });
const settings = (extra: Record<string, unknown> = {}) => resolveSettings(kubernetesConfig({ kubernetes: { namespace: "data" }, ...extra }));

describe("Kubernetes preflight", () => {
    it("finds nothing to refuse before the namespace exists", async () => {
        assert.deepEqual(await kubernetesPreflight(settings({ kafka: { storageSize: "20Gi" } }), fakeApi({})), []);
    });

    it("refuses a data volume size the StatefulSet was not made with, and accepts the same size written differently", async () => {
        const api = fakeApi({ "/apis/apps/v1/namespaces/data/statefulsets/kafka": statefulSet("10Gi"), "/apis/apps/v1/namespaces/data/statefulsets/zookeeper": statefulSet("1Gi") });
        const problems = await kubernetesPreflight(settings({ kafka: { storageSize: "20Gi" } }), api);
        assert.equal(problems.length, 1);
        assert.equal(problems[0].key, "streamstack:kafka.storageSize");
        assert.match(problems[0].message, /made with 10Gi.*replace it and delete every member's data volume.*Set it back to "10Gi"/);
        assert.deepEqual(await kubernetesPreflight(settings({ zookeeper: { storageSize: "1073741824" } }), api), []);
    });

    it("refuses shrinking the checkpoint claim, and growing it on a class that cannot expand", async () => {
        const path = "/api/v1/namespaces/data/persistentvolumeclaims/checkpoints";
        const shrink = await kubernetesPreflight(settings({ spark: { checkpoint: { size: "1Gi" } } }), fakeApi({ [path]: claim("5Gi") }));
        assert.match(shrink[0].message, /cannot shrink/);
        const fixed = fakeApi({ [path]: claim("5Gi"), "/apis/storage.k8s.io/v1/storageclasses/standard": { allowVolumeExpansion: false } });
        assert.match((await kubernetesPreflight(settings({ spark: { checkpoint: { size: "10Gi" } } }), fixed))[0].message, /does not allow volume expansion/);
        const expandable = fakeApi({ [path]: claim("5Gi"), "/apis/storage.k8s.io/v1/storageclasses/standard": { allowVolumeExpansion: true } });
        assert.deepEqual(await kubernetesPreflight(settings({ spark: { checkpoint: { size: "10Gi" } } }), expandable), []);
    });

    it("refuses removing brokers that hold replicas, asking them through their NodePorts on externalHost", async () => {
        const api = fakeApi({ "/apis/apps/v1/namespaces/data/statefulsets/kafka": { spec: { replicas: 4 } } });
        let asked: string[] = [];
        const problems = await kubernetesPreflight(settings({ kafka: { brokers: 3 } }), api, async (bootstrap) => {
            asked = bootstrap;
            return new Map([[0, ["events-0"]], [3, ["events-1", "events-2", "__consumer_offsets-7"]]]);
        });
        assert.deepEqual(asked, ["10.87.0.1:30092", "10.87.0.1:30093", "10.87.0.1:30094", "10.87.0.1:30095"]);
        assert.equal(problems.length, 1);
        assert.equal(problems[0].key, "streamstack:kafka.brokers");
        assert.match(problems[0].message, /would remove broker 3, which still holds partition replicas \(events: 2, __consumer_offsets: 1\)/);
        assert.match(problems[0].message, /kubectl -n data exec -it kafka-0 -- bash.*--broker-list 0,1,2/);
        // Nothing held: allowed; no scale-down: the brokers are not even asked.
        assert.deepEqual(await kubernetesPreflight(settings({ kafka: { brokers: 3 } }), api, async () => new Map([[3, []]])), []);
        assert.deepEqual(await kubernetesPreflight(settings({ kafka: { brokers: 4 } }), api, async () => { throw new Error("not asked"); }), []);
    });

    it("refuses a change of a running combined-mode quorum's voters, read from the kafka StatefulSet's replicas", async () => {
        const kraftSet = (replicas: number) => ({ spec: { replicas, template: { metadata: { annotations: { "streamstack.kafka-metadata": "kraft" } } } } });
        const combined = { metadata: "kraft", version: "4.4.0", controllers: 0 };
        const api = fakeApi({ "/apis/apps/v1/namespaces/data/statefulsets/kafka": kraftSet(3) });
        assert.deepEqual(await kubernetesPreflight(settings({ kafka: combined }), api), []);
        const grown = await kubernetesPreflight(settings({ kafka: { ...combined, brokers: 5 } }), api);
        assert.deepEqual(grown.map((p) => p.key), ["streamstack:kafka.brokers"]);
        assert.match(grown[0]!.message, /the quorum's voters, 3 of them/);
    });
});

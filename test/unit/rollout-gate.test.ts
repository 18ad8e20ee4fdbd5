import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KubeApi } from "../../live/kube-api";
import { rolloutShortfall, waitUntilRolled } from "../../plugins/streamstack/kubernetes/rollout-gate-handler";

const status = (observedGeneration: number, updatedReplicas: number, readyReplicas: number, currentRevision = "r2", updateRevision = "r2") =>
    ({ metadata: { generation: 2 }, spec: { replicas: 3 }, status: { observedGeneration, updatedReplicas, readyReplicas, currentRevision, updateRevision } });
const gate = { generation: 2, replicas: 3 };

describe("RolloutGate: a StatefulSet counts as rolled only once the controller has rolled every pod of the new generation", () => {
    it("names what is still missing, in the order the controller gets there", () => {
        assert.equal(rolloutShortfall(undefined, gate), "the StatefulSet does not exist");
        // The plugin's await could return here: the status still describes the old generation, all ready.
        assert.equal(rolloutShortfall(status(1, 3, 3, "r1", "r1"), gate), "the controller has observed generation 1 of 2");
        assert.equal(rolloutShortfall(status(2, 1, 3, "r1", "r2"), gate), "1 of 3 pods run the update revision r2");
        assert.equal(rolloutShortfall(status(2, 3, 2, "r1", "r2"), gate), "2 of 3 pods ready");
        assert.equal(rolloutShortfall(status(2, 3, 3, "r1", "r2"), gate), "the rollout to r2 is not recorded as complete (current r1)");
        assert.equal(rolloutShortfall(status(2, 3, 3), gate), undefined);
    });

    it("waits through the rollout, and fails at the deadline saying what it saw last", async () => {
        const seen = [status(1, 3, 3, "r1", "r1"), status(2, 2, 2, "r1", "r2"), status(2, 3, 3)];
        const readOnly = { send: () => Promise.reject(new Error("the gate only reads")) };
        const api: KubeApi = { get: async <T>() => (seen.length > 1 ? seen.shift() : seen[0]) as T, ...readOnly };
        await waitUntilRolled({ namespace: "ns", statefulSet: "kafka", generation: 2, replicas: 3, kubeconfig: "", context: "", timeoutSeconds: 10 }, api, 1);
        const stuck: KubeApi = { get: async <T>() => status(2, 3, 2, "r1", "r2") as T, ...readOnly };
        await assert.rejects(waitUntilRolled({ namespace: "ns", statefulSet: "kafka", generation: 2, replicas: 3, kubeconfig: "", context: "", timeoutSeconds: 0.05 }, stuck, 5),
            /StatefulSet ns\/kafka not rolled out after 0\.05 s: 2 of 3 pods ready \(kubectl -n ns rollout status statefulset\/kafka/);
    });
});

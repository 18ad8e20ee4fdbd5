import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { claimTemplateGuardHandler } from "../../plugins/streamstack/kubernetes/claim-guard-handler";

const guard = claimTemplateGuardHandler();
const props = (size: string, liveChecked: boolean) => ({ statefulSet: "kafka", claims: { data: { size, setting: "kafka.storageSize" } }, liveChecked });

describe("ClaimTemplateGuard: a claim size change is refused from the state when the cluster cannot be read", () => {
    it("refuses a new size against the recorded one when the live cluster was not read, naming the setting and the size to go back to", async () => {
        const { failures } = await guard.check(props("10Gi", true), props("20Gi", false));
        assert.equal(failures?.length, 1);
        assert.match(failures![0]!.reason, /^streamstack:kafka\.storageSize = 20Gi: the kafka StatefulSet's data claims were made with 10Gi/);
        assert.match(failures![0]!.reason, /delete every member's data volume\. Set it back to "10Gi"/);
    });

    it("leaves the decision to the live check when the program read the cluster, and lets a first record or the same size through", async () => {
        assert.deepEqual((await guard.check(props("10Gi", true), props("20Gi", true))).failures, []);
        assert.deepEqual((await guard.check({}, props("20Gi", false))).failures, []);
        assert.deepEqual((await guard.check(props("10Gi", false), props("10737418240", false))).failures, []);
    });

    it("records a size change as an update, and never diffs on whether the cluster was read", async () => {
        assert.deepEqual(await guard.diff("kafka", props("10Gi", true), props("10Gi", false)), { changes: false, replaces: [], deleteBeforeReplace: false });
        assert.equal((await guard.diff("kafka", props("10Gi", true), props("20Gi", true))).changes, true);
    });
});

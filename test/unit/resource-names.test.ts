import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    configMapName, groupGateName, groupResourceName, memberGateName, memberResourceName, memberVolumeKey, readResourceName,
    volumeGuardName, volumeGuardNameOf, volumeResourceName,
} from "../../components/model/resource-names";
import { resourceScope } from "../../components/model/resource-scope";
import { COMPONENT_KINDS, parseMemberName } from "../../components/model/workload";

const read = (name: string) => readResourceName(name, COMPONENT_KINDS);

describe("the model owns resource names: what the targets build, it reads back", () => {
    it("reads every name a target builds back to its role, group and member", () => {
        for (const group of COMPONENT_KINDS) {
            for (const ordinal of [0, 1, 12]) {
                assert.deepEqual(read(memberResourceName(group, ordinal)), { role: "member", group, ordinal });
                assert.deepEqual(read(memberGateName(group, ordinal)), { role: "member-gate", group, ordinal });
                const key = memberVolumeKey(group, ordinal, "data");
                assert.deepEqual(read(volumeResourceName(key)), { role: "member-volume", group, ordinal });
                assert.deepEqual(read(volumeGuardName(key)), { role: "volume-guard", group, ordinal });
            }
            assert.deepEqual(read(groupGateName(group)), { role: "group-gate", group });
            assert.deepEqual(read(configMapName(group)), { role: "config-map", group });
            assert.deepEqual(read(groupResourceName(group)), { role: "group", group });
        }
    });

    it("tells spark-master's members from a group named spark, and reads nothing into other names", () => {
        assert.deepEqual(readResourceName("spark-master-1", ["spark", "spark-master"]), { role: "member", group: "spark-master", ordinal: 1 });
        for (const name of ["network", "namespace", "events", volumeResourceName("checkpoints"), "kafka-x", "kafka-1-ready-ready", "kafka--1", "kafka-headless"]) {
            assert.equal(read(name), undefined, name);
        }
    });

    it("reads a name in a platform's scope as the model name it was built from, whatever the platform is called", () => {
        for (const platform of ["streamstack", "orders", "kafka", "spark-master", "a-b-c"]) {
            const scope = resourceScope(platform);
            assert.deepEqual(read(scope.name(memberResourceName("kafka", 2))), { role: "member", group: "kafka", ordinal: 2 }, platform);
            assert.deepEqual(read(scope.name(memberGateName("spark-master", 0))), { role: "member-gate", group: "spark-master", ordinal: 0 }, platform);
            assert.deepEqual(read(scope.name(volumeGuardName(memberVolumeKey("zookeeper", 1, "data")))), { role: "volume-guard", group: "zookeeper", ordinal: 1 }, platform);
            assert.deepEqual(read(scope.name(groupGateName("spark-worker"))), { role: "group-gate", group: "spark-worker" }, platform);
            for (const name of ["network", "events", volumeResourceName("checkpoints")]) assert.equal(read(scope.name(name)), undefined, `${platform}: ${name}`);
        }
    });

    it("names a volume's guard from the volume's resource name, scoped or not, as the target does", () => {
        const key = memberVolumeKey("kafka", 0, "data");
        assert.equal(volumeGuardNameOf(volumeResourceName(key)), volumeGuardName(key));
        const scope = resourceScope("orders");
        assert.equal(volumeGuardNameOf(scope.name(volumeResourceName(key))), scope.name(volumeGuardName(key)));
    });

    it("aliases a resource to its unscoped name only when the platform keeps those", () => {
        assert.equal(resourceScope("orders").aliases("kafka-0"), undefined);
        assert.deepEqual(resourceScope("streamstack", true).aliases("kafka-0"), [{ name: "kafka-0" }]);
    });

    it("parses a member name only as memberName builds it", () => {
        assert.deepEqual(parseMemberName("spark-worker-3"), { group: "spark-worker", ordinal: 3 });
        for (const name of ["kafka", "kafka-", "-1", "kafka-1.5", "kafka--1"]) assert.equal(parseMemberName(name), undefined, name);
    });
});

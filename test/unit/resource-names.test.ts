import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    configMapName, groupGateName, groupResourceName, memberGateName, memberResourceName, memberVolumeKey, readResourceName,
    volumeGuardName, volumeKeyOf, volumeResourceName,
} from "../../components/model/resource-names";
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

    it("reads a volume's key back from its resource name, and no key from a guard or another name", () => {
        for (const key of [memberVolumeKey("kafka", 0, "data"), "checkpoints"]) assert.equal(volumeKeyOf(volumeResourceName(key)), key);
        for (const name of [volumeGuardName("checkpoints"), "volume-", "kafka-0", "network"]) assert.equal(volumeKeyOf(name), undefined, name);
    });

    it("parses a member name only as memberName builds it", () => {
        assert.deepEqual(parseMemberName("spark-worker-3"), { group: "spark-worker", ordinal: 3 });
        for (const name of ["kafka", "kafka-", "-1", "kafka-1.5", "kafka--1"]) assert.equal(parseMemberName(name), undefined, name);
    });
});

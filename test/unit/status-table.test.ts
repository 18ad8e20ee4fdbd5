import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderStatusTable } from "../../operations/status-report";

describe("npm run status table", () => {
    it("pads columns to their widest cell and marks unhealthy members with '!'", () => {
        const table = renderStatusTable([
            { component: "zookeeper", member: "zookeeper-0", endpoint: "127.0.0.1:2181", state: "leader", detail: "", healthy: true },
            { component: "kafka", member: "kafka-1", endpoint: "127.0.0.1:19093", state: "not registered", detail: "", healthy: false },
        ]);
        assert.equal(table, [
            "   component  member       endpoint         state           detail",
            "   zookeeper  zookeeper-0  127.0.0.1:2181   leader",
            "!  kafka      kafka-1      127.0.0.1:19093  not registered",
            "",
        ].join("\n"));
    });
});

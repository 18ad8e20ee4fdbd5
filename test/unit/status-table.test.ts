import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderStatusTable, workerRecordOf } from "../../operations/status-report";

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

    it("finds a worker by the name it registered with on either target, its ALIVE record before a dead predecessor's", () => {
        const workers = [
            { host: "spark-worker-10", state: "ALIVE" },
            { host: "spark-worker-1.spark-worker-headless.ns.svc.cluster.local", state: "DEAD" },
            { host: "spark-worker-1.spark-worker-headless.ns.svc.cluster.local", state: "ALIVE" },
            { host: "spark-worker-0", state: "DEAD" },
        ];
        assert.equal(workerRecordOf(workers, "spark-worker-1"), workers[2]);
        assert.equal(workerRecordOf(workers, "spark-worker-0"), workers[3]);
        assert.equal(workerRecordOf(workers, "spark-worker-10"), workers[0]);
        assert.equal(workerRecordOf(workers, "spark-worker-2"), undefined);
    });
});

/** Reading Kafka's producer performance tool (harness/java-producer.ts), as bench:roll does. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseJavaProducerOutput } from "../../harness/java-producer";

describe("Kafka's producer performance tool, read", () => {
    it("sums the records of its 5-second reports, takes their worst latency and counts failed records", () => {
        const output = [
            "1001 records sent, 200.1 records/sec (0.02 MB/sec), 3.2 ms avg latency, 45.0 ms max latency.",
            "org.apache.kafka.common.errors.NotLeaderOrFollowerException: For requests intended only for the leader, this error indicates that the broker is not the current leader.",
            "\tat org.apache.kafka.clients.producer.internals.Sender.completeBatch(Sender.java:650)",
            "999 records sent, 199.8 records/sec (0.02 MB/sec), 412.7 ms avg latency, 2310.0 ms max latency.",
        ].join("\n");
        assert.deepEqual(parseJavaProducerOutput(output), { sent: 2000, maxLatencyMs: 2310, failed: 1 });
    });

    it("reports nothing sent when the tool printed no report", () => {
        assert.deepEqual(parseJavaProducerOutput("Error: no such topic\n"), { sent: 0, maxLatencyMs: 0, failed: 0 });
    });
});

/** What bench:stream reads: Kafka's consumer performance tool's report, the job's output records against the events sent. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkConsoleProducerOutput } from "../../harness/console-producer";
import { parseConsumerPerfOutput } from "../../harness/consumer-perf-test";
import { addToWindowCounts, expectedWindowCounts } from "../../harness/event-stream";
import { parseVerifiableProducerOutput } from "../../harness/verifiable-producer";
import { eventLatencies, percentile, WindowCountsWatch } from "../../harness/window-counts-watch";

describe("Kafka's consumer performance tool, read", () => {
    it("takes the messages, the overall rate and the fetch rate from the line under the header", () => {
        const output = [
            "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
            "2026-12-06 16:50:00:123, 2026-12-06 16:50:08:456, 14.3051, 1.7167, 1000000, 120004.8, 3012, 5321, 2.6884, 187934.6",
        ].join("\n");
        assert.deepEqual(parseConsumerPerfOutput(output), { messages: 1_000_000, messagesPerSecond: 120004.8, fetchMessagesPerSecond: 187934.6 });
    });

    it("fails quoting the output when the tool printed no report", () => {
        assert.throws(() => parseConsumerPerfOutput("WARN [Consumer clientId=perf] Error while fetching metadata\n"), /printed no data\.consumed\.in\.nMsg:\nWARN \[Consumer/);
    });
});

describe("Kafka's VerifiableProducer, read", () => {
    const summary = (acked: number) => `{"timestamp":1796574698855,"name":"tool_data","sent":${acked},"acked":${acked},"target_throughput":-1,"avg_throughput":181818.18}`;

    it("takes what its summary line says once every record was acknowledged", () => {
        const output = ['{"timestamp":1796574690000,"name":"startup_complete"}', '{"timestamp":1796574698800,"name":"shutdown_complete"}', summary(1000)].join("\n");
        assert.deepEqual(parseVerifiableProducerOutput(output, 1000), { sent: 1000, acked: 1000, averageThroughput: 181818.18 });
    });

    it("fails, quoting the tool, when a send failed or fewer records were acknowledged", () => {
        const failed = ['{"timestamp":1,"name":"producer_send_error","exception":"class org.apache.kafka.common.errors.TimeoutException","message":"Expiring 1 record(s)","topic":"events","key":"3","value":"7"}', summary(999)].join("\n");
        assert.throws(() => parseVerifiableProducerOutput(failed, 1000), /acknowledged 999 of 1000 records, 1 failed sends:\n.*TimeoutException/);
        assert.throws(() => parseVerifiableProducerOutput("Error: Could not find or load main class\n", 1000), /acknowledged nothing of 1000 records, 0 failed sends/);
    });
});

describe("Kafka's console producer, read", () => {
    it("accepts a run that printed nothing", () => {
        assert.doesNotThrow(() => checkConsoleProducerOutput(""));
    });

    it("fails, quoting the tool, when it logged a failed send", () => {
        const output = "[2026-12-07 12:40:00,123] ERROR Error when sending message to topic events with key: 1 bytes, value: 2 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n" +
            "org.apache.kafka.common.errors.TimeoutException: Expiring 12 record(s) for events-3:120001 ms has passed since batch creation\n";
        assert.throws(() => checkConsoleProducerOutput(output), /reported 2 error lines:\n.*Error when sending message to topic events[\s\S]*TimeoutException/);
    });
});

describe("the job's expected counts, a send at a time", () => {
    it("counts a send's events in every sliding window they fall in, as one event at a time would", () => {
        const counts = new Map<string, number>();
        const windows = addToWindowCounts(counts, { key: "k1", timestampMs: 95_000 }, 3, 60_000, 30_000);
        assert.deepEqual(windows, ["1970-01-01T00:01:30.000Z/1970-01-01T00:02:30.000Z|k1", "1970-01-01T00:01:00.000Z/1970-01-01T00:02:00.000Z|k1"]);
        const one = { key: "k1", timestampMs: 95_000 };
        assert.deepEqual(counts, expectedWindowCounts([one, one, one], 60_000, 30_000));
    });
});

describe("the job's output, timed", () => {
    const history = new Map([
        ["w|k1", [{ count: 2, atMs: 1_000 }, { count: 5, atMs: 6_000 }]],
        ["w|k2", [{ count: 1, atMs: 2_000 }]],
    ]);

    it("times each event to the first record whose count includes it, after the counts before", () => {
        // k1 had 1 event counted before: its new ones are the 2nd..5th; k2's is the 1st.
        const events = new Map([
            ["w|k1", { before: 1, timestampsMs: [500, 700, 4_000, 5_000] }],
            ["w|k2", { before: 0, timestampsMs: [1_500] }],
        ]);
        assert.deepEqual(eventLatencies(events, history), [500, 5_300, 2_000, 1_000, 500]);
    });

    it("fails naming the (window, key) whose event no record counts", () => {
        assert.throws(() => eventLatencies(new Map([["w|k2", { before: 0, timestampsMs: [1_500, 1_600] }]]), history), /w\|k2: the output never counted event 2 \(last count 1\)/);
    });

    it("says when the output caught up: the latest of the times each (window, key) first reached its count, none while one has not", () => {
        const watch = new WindowCountsWatch("127.0.0.1:1", "unused");
        for (const [key, records] of history) watch.history.set(key, records);
        assert.equal(watch.caughtUpAt(new Map([["w|k1", 5], ["w|k2", 1]]), ["w|k1", "w|k2"]), 6_000);
        assert.equal(watch.caughtUpAt(new Map([["w|k1", 2], ["w|k2", 1]]), ["w|k1", "w|k2"]), 2_000);
        assert.equal(watch.caughtUpAt(new Map([["w|k1", 6]]), ["w|k1"]), undefined);
    });

    it("sums every (window, key)'s latest count: each event once per window it falls in", () => {
        const watch = new WindowCountsWatch("127.0.0.1:1", "unused");
        for (const [key, records] of history) watch.history.set(key, records);
        assert.equal(watch.totalCount(), 6);
    });

    it("takes percentiles by nearest rank", () => {
        const values = Array.from({ length: 100 }, (_, i) => i + 1);
        assert.equal(percentile(values, 50), 50);
        assert.equal(percentile(values, 99), 99);
        assert.equal(percentile([7], 99), 7);
    });
});

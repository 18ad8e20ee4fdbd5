/** zookeeper-shell.sh's answers, read without the watcher's notices its event thread prints in between. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withoutWatcherNotices } from "../../harness/zookeeper-shell";

describe("zookeeper-shell.sh's output", () => {
    it("keeps a listing whole when a watcher notice landed inside it (as in command B at b00c1eb)", () => {
        const printed = "Connecting to zookeeper-0:2181\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n\nWATCHER::\n[\n" +
            "WatchedEvent state:SaslAuthenticated type:None path:null\nkafka, spark, zookeeper]\n";
        assert.match(withoutWatcherNotices(printed), /^\[kafka, spark, zookeeper\]$/m);
    });

    it("leaves an answer printed after the notices as it was", () => {
        const printed = "Connecting to zookeeper-0:2181\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n'sasl,'kafka\n: cdrwa\n'world,'anyone\n: r\n";
        assert.match(withoutWatcherNotices(printed), /^'sasl,'kafka\n: cdrwa\n'world,'anyone\n: r$/m);
        assert.match(withoutWatcherNotices("[0, 1, 2]\n"), /^\[0, 1, 2\]$/m);
    });
});

/** jvmProfile: what "quick-start" adds to each group's JVMs, and that "throughput" renders what it always did. */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULTS } from "../../components/config";
import { kafkaWorkload } from "../../components/kafka/render";
import { flatAddressing } from "../../components/model/addressing";
import { renderSparkDefaults, renderSparkEnv } from "../../components/spark/render";
import { jobJvmConf } from "../../components/spark/sample-job";
import { renderConnectString, zookeeperWorkload } from "../../components/zookeeper/render";
import { assertProblem, problemsOf } from "../support/config-problems";
import { platformModel } from "../../components/platform/model";
import { resolveSettings } from "../../components/platform/settings";

const zkConnect = renderConnectString(3, flatAddressing);
const kafkaInput = { kafka: DEFAULTS.kafka, zookeeperConnect: zkConnect, addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes: true, externalSecurity: "plaintext" as const, externalAuthentication: "none" as const };
const sparkInput = { spark: DEFAULTS.spark, zookeeperConnect: zkConnect, addressing: flatAddressing, protectZnodes: true };
const QUICK = /-XX:TieredStopAtLevel=1 -XX:\+UseSerialGC/;

describe("JVM profiles", () => {
    it("quick-start: ZooKeeper's servers, the brokers (and tools beside them) and Spark's daemons and applications stop the JIT at C1 with the serial collector", () => {
        const zk = zookeeperWorkload(DEFAULTS.zookeeper, "zk", 2181, flatAddressing, "quick-start");
        assert.equal(zk.env.JVMFLAGS, "-Xms256m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        const kafka = kafkaWorkload({ ...kafkaInput, jvmProfile: "quick-start" }, "kafka");
        assert.equal(kafka.env.KAFKA_JVM_PERFORMANCE_OPTS, "-server -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true");
        const spark = { ...sparkInput, jvmProfile: "quick-start" as const };
        for (const role of ["master", "worker"] as const) assert.match(renderSparkEnv(spark, role), /^SPARK_DAEMON_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:\+UseSerialGC"$/m);
        const defaults = renderSparkDefaults(spark);
        assert.match(defaults, /^spark\.executor\.extraJavaOptions +-XX:TieredStopAtLevel=1 -XX:\+UseSerialGC$/m);
        assert.match(defaults, /^spark\.driver\.extraJavaOptions +-javaagent:\S+ -XX:TieredStopAtLevel=1 -XX:\+UseSerialGC$/m);
    });

    it("throughput (the default) adds nothing: a platform made before the setting renders as it did", () => {
        assert.equal(zookeeperWorkload(DEFAULTS.zookeeper, "zk", 2181, flatAddressing).env.JVMFLAGS, "-Xms256m -Xmx256m");
        assert.equal(kafkaWorkload(kafkaInput, "kafka").env.KAFKA_JVM_PERFORMANCE_OPTS, undefined);
        for (const text of [renderSparkEnv(sparkInput, "worker"), renderSparkDefaults(sparkInput)]) assert.doesNotMatch(text, QUICK);
        assert.doesNotMatch(renderSparkDefaults(sparkInput), /spark\.executor\.extraJavaOptions/);
    });

    it("refuses any other value at preview, naming the key and the two it takes", () => {
        assertProblem({ jvmProfile: "fast" }, "jvmProfile", '"throughput" or "quick-start"');
        assert.deepEqual(problemsOf({ jvmProfile: "quick-start" }), []);
    });

    it("gives a job's driver and executors the platform's profile unless its conf sets their options", () => {
        assert.deepEqual(jobJvmConf("quick-start"), {
            "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
            "spark.executor.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
        });
        assert.deepEqual(jobJvmConf("throughput"), {});
    });

    it("reaches every group of the platform's model", () => {
        const groups = platformModel(resolveSettings({ jvmProfile: "quick-start" }), flatAddressing);
        const files = groups.flatMap((group) => [...Object.values(group.env), ...group.files.map((file) => file.content)]).join("\n");
        assert.equal((files.match(/TieredStopAtLevel=1/g) ?? []).length, 1 + 1 + 2 * (1 + 2), "ZooKeeper's and Kafka's environment; for masters and workers each, spark-env.sh and spark-defaults.conf's driver and executor options");
    });
});

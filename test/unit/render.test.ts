import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULTS } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { internalBootstrap, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { clusterDnsAddressing, flatAddressing } from "../../components/model/addressing";
import { renderMasterStart, renderMasterUrl, renderSparkDefaults, renderSparkEnv, renderSparkSubmit, renderWorkerStart, sparkWorkloads } from "../../components/spark/render";
import { renderConnectString, renderZooCfg, renderZooKeeperStart } from "../../components/zookeeper/render";
import { assertGolden } from "../support/golden";

const k8s = clusterDnsAddressing("streamstack");
const zkConnect = renderConnectString(3, flatAddressing);
const kafkaInput = { kafka: DEFAULTS.kafka, zookeeperConnect: zkConnect, addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes: true, externalSecurity: "plaintext" as const, externalAuthentication: "none" as const };
const sparkInput = { spark: DEFAULTS.spark, zookeeperConnect: zkConnect, addressing: flatAddressing, protectZnodes: true };

describe("zoo.cfg", () => {
    it("matches the golden file for the default 3-server ensemble on Docker", () => {
        assertGolden("zoo.cfg", renderZooCfg(DEFAULTS.zookeeper, flatAddressing));
    });

    it("matches the golden file for 5 servers on Kubernetes (cluster DNS names)", () => {
        assertGolden("zoo-5-kubernetes.cfg", renderZooCfg({ ...DEFAULTS.zookeeper, replicas: 5 }, k8s));
    });

    it("has one server line per member with 1-based ids", () => {
        const lines = renderZooCfg({ ...DEFAULTS.zookeeper, replicas: 5 }, flatAddressing).split("\n").filter((l) => l.startsWith("server."));
        assert.deepEqual(lines.map((l) => l.split("=")[0]), ["server.1", "server.2", "server.3", "server.4", "server.5"]);
    });

    it("enables standalone mode only for a single server", () => {
        assert.match(renderZooCfg({ ...DEFAULTS.zookeeper, replicas: 1 }, flatAddressing), /^standaloneEnabled=true$/m);
        assert.match(renderZooCfg(DEFAULTS.zookeeper, flatAddressing), /^standaloneEnabled=false$/m);
    });

    it("writes myid as ordinal + 1", () => {
        assert.match(renderZooKeeperStart(), /echo "\$\(\(ORDINAL \+ 1\)\)" > \/data\/myid/);
    });

    it("starts the server at once: the names in zoo.cfg resolve from the start (Docker's live DNS; on Kubernetes each server's Service, made before its pod)", () => {
        const script = renderZooKeeperStart();
        assert.doesNotMatch(script, /getent|sleep/);
        assert.match(script, /echo "\$\(\(ORDINAL \+ 1\)\)" > \/data\/myid\nexport ZOOCFGDIR=\/etc\/streamstack\nexec zkServer\.sh start-foreground/);
    });
});

describe("server.properties", () => {
    it("matches the golden file for the default cluster", () => {
        assertGolden("server.properties", renderServerProperties(kafkaInput));
    });

    it("puts the chroot after the whole connect string", () => {
        assert.match(renderServerProperties(kafkaInput), /^zookeeper\.connect=zookeeper-0:2181,zookeeper-1:2181,zookeeper-2:2181\/kafka$/m);
    });

    it("caps internal topic replication at the broker count for a 1-broker cluster", () => {
        const single = resolveSettings({ kafka: { brokers: 1, defaultReplicationFactor: 1, minInsyncReplicas: 1 }, topics: [] }).kafka;
        const text = renderServerProperties({ ...kafkaInput, kafka: single });
        assert.match(text, /^offsets\.topic\.replication\.factor=1$/m);
        assert.match(text, /^transaction\.state\.log\.min\.isr=1$/m);
    });

    it("advertises per-broker internal and external addresses from the ordinal", () => {
        const script = renderKafkaStart(kafkaInput);
        assert.match(script, /--override "broker\.id=\$\{ORDINAL\}"/);
        assert.match(script, /INTERNAL:\/\/\$\{MEMBER_HOST\}:9092,EXTERNAL:\/\/\$\{EXTERNAL_ADDRESS\}/);
        assertGolden("kafka-start.sh", script);
    });

    it("lists internal bootstrap servers by the brokers' own Services on Kubernetes (stable across restarts)", () => {
        assert.equal(internalBootstrap(2, k8s),
            "kafka-0.streamstack.svc.cluster.local:9092,kafka-1.streamstack.svc.cluster.local:9092");
    });
});

describe("spark-defaults.conf and spark-env.sh", () => {
    it("matches the golden spark-defaults.conf", () => {
        assertGolden("spark-defaults.conf", renderSparkDefaults(sparkInput));
    });

    it("matches the golden spark-env.sh of workers", () => {
        assertGolden("spark-env.sh", renderSparkEnv(sparkInput, "worker"));
    });

    it("keeps worker sizing out of the masters' spark-env.sh", () => {
        assert.doesNotMatch(renderSparkEnv(sparkInput, "master"), /SPARK_WORKER_/);
    });

    it("configures ZooKeeper recovery with the ensemble and recovery dir", () => {
        const text = renderSparkDefaults({ ...sparkInput, spark: { ...DEFAULTS.spark, recoveryDir: "/spark-prod" } });
        assert.match(text, /^spark\.deploy\.recoveryMode\s+ZOOKEEPER$/m);
        assert.match(text, /^spark\.deploy\.zookeeper\.url\s+zookeeper-0:2181,zookeeper-1:2181,zookeeper-2:2181$/m);
        assert.match(text, /^spark\.deploy\.zookeeper\.dir\s+\/spark-prod$/m);
    });

    it("writes the scheduler limits where Spark reads them", () => {
        const text = renderSparkDefaults({ ...sparkInput, spark: { ...DEFAULTS.spark, coresMax: 3, defaultCores: 1, executorMemory: "768m" } });
        assert.match(text, /^spark\.cores\.max\s+3$/m);
        assert.match(text, /^spark\.deploy\.defaultCores\s+1$/m);
        assert.match(text, /^spark\.executor\.memory\s+768m$/m);
        assert.match(text, /^spark\.worker\.cleanup\.appDataTtl\s+604800$/m);
    });

    it("builds the multi-master URL", () => {
        assert.equal(renderMasterUrl(3, flatAddressing), "spark://spark-master-0:7077,spark-master-1:7077,spark-master-2:7077");
    });

    it("starts workers against the multi-master URL", () => {
        assert.match(renderWorkerStart(), /Worker \\\n.*"\$SPARK_MASTER_URL"/);
    });

    it("gives every Spark daemon and operator spark-submit the secret from its file, in the process only", () => {
        for (const script of [renderMasterStart(sparkInput), renderWorkerStart(), renderSparkSubmit()]) {
            assert.match(script, /_SPARK_AUTH_SECRET="\$\(cat \/etc\/streamstack-secrets\/spark-auth\)" \|\| exit 1\nexport _SPARK_AUTH_SECRET\n/);
        }
        const [master, worker] = sparkWorkloads({ spark: DEFAULTS.spark, zookeeperConnect: "zk:2181", addressing: flatAddressing, protectZnodes: true }, "spark", { masterUi: 8080, workerUi: 8180 });
        assert.deepEqual(master!.secretFiles, [{ name: "spark-auth" }, { name: "zookeeper-client.jaas" }]);
        assert.deepEqual(worker!.secretFiles, [{ name: "spark-auth" }]);
        for (const group of [master!, worker!]) {
            assert.ok(!group.ports.some((port) => port.containerPort === 6066), `${group.name} exposes the REST gateway`);
        }
    });
});

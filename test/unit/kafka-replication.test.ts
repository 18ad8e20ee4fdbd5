import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULTS, KafkaReplication } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { kafkaWorkload, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { brokerPrincipalRule, replicationStepProblem } from "../../components/kafka/replication";
import { brokerSubjectNames } from "../../components/kafka/broker-certificates";
import { clusterDnsAddressing, flatAddressing } from "../../components/model/addressing";
import { ListedContainer } from "../../live/docker-engine";
import { KubeApi } from "../../live/kube-api";
import { kafkaReplicationProblems } from "../../program/docker-preflight";
import { kubernetesPreflight } from "../../program/kubernetes-preflight";
import { assertProblem } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";

const input = (replication: KafkaReplication, externalAuthentication: "scram-sha-512" | "none" = "none") => ({
    kafka: { ...DEFAULTS.kafka, replication }, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing,
    externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes: true, externalSecurity: "plaintext" as const, externalAuthentication,
});
const property = (text: string, key: string) => new RegExp(`^${key.replace(/\./g, "\\.")}=(.*)$`, "m").exec(text)?.[1];

describe("kafka.replication: the brokers' own listener", () => {
    it("tls (the default): a REPLICATION listener on 9091 with mutual TLS, the one the brokers replicate over, advertised by the stable host name", () => {
        assert.equal(resolveSettings({}).kafka.replication, "tls");
        const text = renderServerProperties(input("tls"));
        assert.equal(property(text, "listeners"), "INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,REPLICATION://0.0.0.0:9091,PROBE://127.0.0.1:9090");
        assert.equal(property(text, "listener.security.protocol.map"), "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,REPLICATION:SSL,PROBE:PLAINTEXT");
        assert.equal(property(text, "listener.name.replication.ssl.client.auth"), "required");
        assert.equal(property(text, "listener.name.replication.ssl.truststore.location"), "/etc/streamstack-secrets/kafka-replication-trust.pem");
        assert.equal(property(text, "inter.broker.listener.name"), "REPLICATION");
        const start = renderKafkaStart(input("tls"));
        assert.match(start, /--override "listener\.name\.replication\.ssl\.keystore\.location=\/etc\/streamstack-secrets\/kafka-tls-\$\{ORDINAL\}\.pem"/);
        assert.match(start, /advertised\.listeners=INTERNAL:\/\/\$\{MEMBER_HOST\}:9092,EXTERNAL:\/\/\$\{EXTERNAL_ADDRESS\},REPLICATION:\/\/\$\{MEMBER_HOST\}:9091,PROBE:\/\/\$\{MEMBER_HOST\}:9090"/);
        const group = kafkaWorkload(input("tls"), "kafka");
        assert.deepEqual(group.ports.find((p) => p.name === "replication"), { name: "replication", containerPort: 9091, exposure: "members" });
        assert.deepEqual(group.annotations, { "streamstack.kafka-replication": "tls" });
    });

    it("migrating-1: the listener is there, the brokers still replicate over INTERNAL; migrating-2: over REPLICATION", () => {
        const text = renderServerProperties(input("migrating-1"));
        assert.match(property(text, "listeners")!, /REPLICATION:\/\/0\.0\.0\.0:9091/);
        assert.equal(property(text, "inter.broker.listener.name"), "INTERNAL");
        assert.deepEqual(kafkaWorkload(input("migrating-1"), "kafka").annotations, { "streamstack.kafka-replication": "migrating-1" });
        assert.equal(property(renderServerProperties(input("migrating-2")), "inter.broker.listener.name"), "REPLICATION");
        assert.deepEqual(kafkaWorkload(input("migrating-2"), "kafka").annotations, { "streamstack.kafka-replication": "migrating-2" });
    });

    it("internal: the brokers as they were before the listener, with nothing on them that would restart one", () => {
        const text = renderServerProperties(input("internal"));
        assert.equal(property(text, "listeners"), "INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,PROBE://127.0.0.1:9090");
        assert.equal(property(text, "inter.broker.listener.name"), "INTERNAL");
        assert.doesNotMatch(text + renderKafkaStart(input("internal")), /replication\.ssl|REPLICATION|9091/);
        const group = kafkaWorkload(input("internal"), "kafka");
        assert.deepEqual(group.annotations, {});
        assert.deepEqual(group.secretFiles.map((f) => f.name), ["zookeeper-client.jaas"]);
    });

    it("makes a broker's certificate the broker principal, a super user when the authorizer is on, and no other certificate", () => {
        const docker = brokerPrincipalRule(flatAddressing, "kafka");
        assert.equal(docker, "RULE:^CN=kafka-[0-9]+$/streamstack-broker/,DEFAULT");
        const kubernetes = brokerPrincipalRule(clusterDnsAddressing("data"), "kafka");
        assert.equal(kubernetes, "RULE:^CN=kafka-[0-9]+[.]data[.]svc[.]cluster[.]local$/streamstack-broker/,DEFAULT");
        // What Kafka's SslPrincipalMapper does with the rule's pattern (a Java regex; these constructs mean the same in JavaScript).
        const pattern = (rule: string) => new RegExp(/^RULE:(.*)\/streamstack-broker\/,DEFAULT$/.exec(rule)![1]!);
        assert.match(`CN=${brokerSubjectNames(2, flatAddressing, "127.0.0.1").commonName}`, pattern(docker));
        assert.match(`CN=${brokerSubjectNames(12, clusterDnsAddressing("data"), "node").commonName}`, pattern(kubernetes));
        for (const other of ["CN=spark-worker-0", "CN=kafka-", "CN=kafka-1,O=evil", "CN=xkafka-1"]) assert.doesNotMatch(other, pattern(docker), other);
        for (const other of ["CN=kafka-1.other.svc.cluster.local", "CN=kafka-1xdata.svc.cluster.local", "CN=kafka-1.data.svc.cluster.local.evil"]) {
            assert.doesNotMatch(other, pattern(kubernetes), other);
        }
        assert.equal(property(renderServerProperties(input("tls", "scram-sha-512")), "super.users"), "User:streamstack-admin;User:streamstack-broker");
        // Until every broker replicates over REPLICATION, some broker is INTERNAL's ANONYMOUS client.
        for (const step of ["migrating-1", "migrating-2"] as const) {
            assert.equal(property(renderServerProperties(input(step, "scram-sha-512")), "super.users"), "User:streamstack-admin;User:streamstack-broker;User:ANONYMOUS", step);
        }
    });

    it("refuses anything else at preview, naming the choices", () => {
        assertProblem({ kafka: { replication: "mtls" } }, "kafka.replication", '"mtls"', 'must be "tls" (the default), or "migrating-1", "migrating-2" / "internal"');
    });
});

describe("kafka.replication moves one step at a time, read back from the live brokers", () => {
    it("refuses a jump from what every running broker runs, in either direction, naming the step to take first", () => {
        assert.match(replicationStepProblem([undefined, undefined, undefined], "tls")!, /without the REPLICATION listener.*set "migrating-1" for this up, and move on by one step per up to "tls"/);
        assert.match(replicationStepProblem([undefined, undefined, undefined], "migrating-2")!, /set "migrating-1"/);
        assert.match(replicationStepProblem(["tls", "tls", "tls"], "migrating-1")!, /at step "tls".*set "migrating-2" for this up/);
        assert.equal(replicationStepProblem([undefined, undefined, undefined], "migrating-1"), undefined);
        assert.equal(replicationStepProblem(["migrating-1", "migrating-1", "migrating-1"], "migrating-2"), undefined);
        assert.equal(replicationStepProblem(["migrating-2", "migrating-2", "migrating-2"], "tls"), undefined);
        assert.equal(replicationStepProblem(["tls", "tls", "tls"], "tls"), undefined);
        assert.equal(replicationStepProblem([], "tls"), undefined, "a new platform starts at any step");
    });

    it("after an interrupted up, the broker furthest from the wanted step decides: one without the listener holds every broker off REPLICATION", () => {
        assert.match(replicationStepProblem(["migrating-1", undefined, "migrating-1"], "migrating-2")!, /set "migrating-1"/);
        assert.equal(replicationStepProblem(["migrating-2", "migrating-1", "migrating-1"], "migrating-2"), undefined);
        assert.equal(replicationStepProblem(["migrating-2", "migrating-1", undefined], "migrating-1"), undefined);
        assert.match(replicationStepProblem(["tls", "migrating-1", "migrating-2"], "tls")!, /set "migrating-2"/);
    });

    const broker = (step: string | undefined, ordinal: number, stack = "streamstack-unit"): ListedContainer => ({
        name: `${stack}-kafka-${ordinal}`, state: "running", status: "Up", healthy: true, published: [],
        labels: { "streamstack.stack": stack, "streamstack.member": `kafka-${ordinal}`, ...(step ? { "streamstack.kafka-replication": step } : {}) },
    });

    it("Docker: the brokers' labels (none on a platform made before the listener); other stacks' brokers do not count", () => {
        const before = [0, 1, 2].map((i) => broker(undefined, i));
        const [problem] = kafkaReplicationProblems(resolveSettings({}), "streamstack-unit", before);
        assert.equal(problem?.key, "streamstack:kafka.replication");
        assert.deepEqual(kafkaReplicationProblems(resolveSettings({ kafka: { replication: "migrating-1" } }), "streamstack-unit", before), []);
        assert.deepEqual(kafkaReplicationProblems(resolveSettings({}), "streamstack-other", before), []);
        assert.deepEqual(kafkaReplicationProblems(resolveSettings({}), "streamstack-unit", [0, 1, 2].map((i) => broker("migrating-2", i))), []);
    });

    it("Kubernetes: the pods' annotations", async () => {
        const pods = (step: string | undefined) => ({ items: [0, 1, 2].map(() => ({ metadata: { annotations: step ? { "streamstack.kafka-replication": step } : {} } })) });
        const api = (step: string | undefined): KubeApi => ({
            get: async <T>(apiPath: string) => (apiPath === "/api/v1/namespaces/data/pods?labelSelector=app.kubernetes.io%2Fname%3Dkafka" ? pods(step) : undefined) as T | undefined,
            send: () => Promise.reject(new Error("the preflight only reads")),
        });
        const settings = (replication?: string) => resolveSettings(kubernetesConfig({ kubernetes: { namespace: "data" }, kafka: replication ? { replication } : {} }));
        // The defaults also ask for logins inside the platform, which brokers made before them do not have either.
        assert.deepEqual((await kubernetesPreflight(settings(), api(undefined), async () => new Map())).map((p) => p.key),
            ["streamstack:kafka.replication", "streamstack:kafka.internalAuthentication"]);
        assert.deepEqual(await kubernetesPreflight(settings("migrating-1"), api(undefined), async () => new Map()), [], "by-target leaves INTERNAL open until replication is tls");
        assert.deepEqual((await kubernetesPreflight(settings(), api("migrating-2"), async () => new Map())).map((p) => p.key), ["streamstack:kafka.internalAuthentication"]);
    });
});

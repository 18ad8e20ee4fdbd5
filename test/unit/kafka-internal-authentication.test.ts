/**
 * kafka.internalAuthentication: logins inside the platform (the CLIENTS listener), the steps
 * from an open INTERNAL, ANONYMOUS reduced to the readiness check, and each job's own principal
 * whose password the platform and the job's agent derive alike.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { DEFAULTS, KafkaInternalAuthentication } from "../../components/config";
import { flatAddressing } from "../../components/model/addressing";
import { internalBootstrap, kafkaWorkload, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { internalAuthentication, internalAuthenticationStepProblem } from "../../components/kafka/internal-authentication";
import { externalListenerAuthentication, externalListenerSecurity } from "../../components/kafka/listener-security";
import { jobPassword, jobPrincipal, sampleJobAcls } from "../../components/kafka/job-principal";
import { renderAdminClientProperties } from "../../components/kafka/admin-login";
import { resolveSettings } from "../../components/platform/settings";
import { mockGraph } from "../../operations/mock-graph";
import { assertProblem } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";

const input = (step: KafkaInternalAuthentication) => ({
    kafka: DEFAULTS.kafka, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092,
    protectZnodes: true, externalSecurity: "tls" as const, externalAuthentication: "scram-sha-512" as const, internalAuthentication: step,
});
const property = (text: string, key: string) => new RegExp(`^${key.replace(/\./g, "\\.")}=(.*)$`, "m").exec(text)?.[1];

describe("kafka.internalAuthentication: the listeners inside the platform", () => {
    it("none: INTERNAL as before, open on 9092; ANONYMOUS every topic, group and transactional id", () => {
        const text = renderServerProperties(input("none"));
        assert.equal(property(text, "listeners"), "INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094,REPLICATION://0.0.0.0:9091,PROBE://127.0.0.1:9090");
        assert.doesNotMatch(text, /CLIENTS|listener\.name\.clients/);
        const group = kafkaWorkload(input("none"), "kafka");
        assert.deepEqual(group.ports.map((p) => p.containerPort), [9092, 9094, 9091]);
        assert.equal(group.annotations["streamstack.kafka-internal-authentication"], undefined, "a platform that stays there keeps its brokers");
        assert.match(renderKafkaStart(input("none")), /--add --allow-principal User:ANONYMOUS --operation All --topic/);
        assert.equal(internalBootstrap(2, flatAddressing, "none"), "kafka-0:9092,kafka-1:9092");
    });

    it("migrating: CLIENTS (9093, SASL SCRAM-SHA-512) beside INTERNAL; the platform's clients dial CLIENTS", () => {
        const text = renderServerProperties(input("migrating"));
        assert.equal(property(text, "listeners"), "INTERNAL://0.0.0.0:9092,CLIENTS://0.0.0.0:9093,EXTERNAL://0.0.0.0:9094,REPLICATION://0.0.0.0:9091,PROBE://127.0.0.1:9090");
        assert.equal(property(text, "listener.security.protocol.map"), "INTERNAL:PLAINTEXT,CLIENTS:SASL_PLAINTEXT,EXTERNAL:SASL_SSL,REPLICATION:SSL,PROBE:PLAINTEXT");
        assert.equal(property(text, "listener.name.clients.sasl.enabled.mechanisms"), "SCRAM-SHA-512");
        assert.match(renderKafkaStart(input("migrating")), /advertised\.listeners=INTERNAL:\/\/\$\{MEMBER_HOST\}:9092,CLIENTS:\/\/\$\{MEMBER_HOST\}:9093,EXTERNAL:\/\/\$\{EXTERNAL_ADDRESS\},REPLICATION:\/\/\$\{MEMBER_HOST\}:9091,PROBE:\/\/\$\{MEMBER_HOST\}:9090"/);
        const group = kafkaWorkload(input("migrating"), "kafka");
        assert.deepEqual(group.ports.filter((p) => p.exposure === "in-cluster-clients").map((p) => p.containerPort), [9092, 9093]);
        assert.equal(group.annotations["streamstack.kafka-internal-authentication"], "migrating");
        assert.ok(group.secretFiles.some((file) => file.name === "kafka-admin-client.properties"), "tools inside a broker log in as the admin");
        assert.equal(internalBootstrap(2, flatAddressing, "migrating"), "kafka-0:9093,kafka-1:9093");
    });

    it("scram-sha-512: nothing open on 9092; ANONYMOUS (PROBE only) may describe topics, nothing else; the liveness dials CLIENTS", () => {
        const text = renderServerProperties(input("scram-sha-512"));
        assert.equal(property(text, "listeners"), "CLIENTS://0.0.0.0:9093,EXTERNAL://0.0.0.0:9094,REPLICATION://0.0.0.0:9091,PROBE://127.0.0.1:9090");
        assert.equal(property(text, "super.users"), "User:streamstack-admin;User:streamstack-broker");
        const start = renderKafkaStart(input("scram-sha-512"));
        assert.match(start, /--add --allow-principal User:ANONYMOUS --operation Describe --topic '\*' >\/dev\/null/);
        assert.doesNotMatch(start, /--operation All --topic/);
        const group = kafkaWorkload(input("scram-sha-512"), "kafka");
        assert.deepEqual(group.ports.map((p) => p.containerPort), [9093, 9094, 9091]);
        assert.deepEqual(group.liveness.command, ["bash", "-c", "exec 3<>/dev/tcp/$HOSTNAME/9093"]);
        assert.deepEqual(group.readiness.command, ["perl", "/etc/streamstack/in-sync.pl", "9090"]);
    });

    it("gives tools inside a broker the admin's login as Kafka's tools read it", () => {
        assert.equal(renderAdminClientProperties("pw_1"), "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n" +
            'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="streamstack-admin" password="pw_1";\n');
        assert.throws(() => renderAdminClientProperties('a"b'), /base64url/);
    });
});

describe("kafka.internalAuthentication at preview", () => {
    const scram = { kafka: { authentication: "scram-sha-512", internalAuthentication: "scram-sha-512" } };

    it("by-target: logins inside the platform on kubernetes (with logins outside), none on docker", () => {
        assert.equal(internalAuthentication(resolveSettings(kubernetesConfig())), "scram-sha-512");
        assert.equal(internalAuthentication(resolveSettings({})), "none");
        assert.equal(internalAuthentication(resolveSettings({ kafka: { authentication: "scram-sha-512" } })), "none");
        assert.equal(internalAuthentication(resolveSettings(kubernetesConfig({ kafka: { authentication: "none" }, kubernetes: { allowInsecureKafka: true } }))), "none");
    });

    it("kafka.secureOnDocker: one setting makes a Docker platform's Kafka as Kubernetes's, each part still settable", () => {
        const secured = resolveSettings({ kafka: { secureOnDocker: true } });
        assert.deepEqual([externalListenerSecurity(secured), externalListenerAuthentication(secured), internalAuthentication(secured)], ["tls", "scram-sha-512", "scram-sha-512"]);
        const open = resolveSettings({});
        assert.deepEqual([externalListenerSecurity(open), externalListenerAuthentication(open), internalAuthentication(open)], ["plaintext", "none", "none"]);
        const partly = resolveSettings({ kafka: { secureOnDocker: true, internalAuthentication: "migrating" } });
        assert.equal(internalAuthentication(partly), "migrating");
        assertProblem({ kafka: { secureOnDocker: "yes" } }, "kafka.secureOnDocker", "expected true or false");
    });

    it("needs the authorizer's logins and the brokers' own listener, naming the setting to change", () => {
        assertProblem({ kafka: { internalAuthentication: "scram-sha-512" } }, "kafka.internalAuthentication", 'set kafka.authentication to "scram-sha-512"');
        assertProblem({ kafka: { authentication: "scram-sha-512", internalAuthentication: "migrating", replication: "migrating-2" } },
            "kafka.internalAuthentication", 'kafka.replication "tls", now "migrating-2"');
        assertProblem({ kafka: { internalAuthentication: "sasl" } }, "kafka.internalAuthentication", 'must be "scram-sha-512", "migrating", "none" or "by-target"');
        assert.doesNotThrow(() => resolveSettings(scram));
    });

    it("moves one step per up, either way, naming the step to set", () => {
        assert.equal(internalAuthenticationStepProblem([], "scram-sha-512"), undefined, "a new platform starts anywhere");
        assert.equal(internalAuthenticationStepProblem([undefined, undefined], "migrating"), undefined);
        assert.match(internalAuthenticationStepProblem([undefined, undefined, undefined], "scram-sha-512")!, /without logins inside the platform; .* set "migrating" for this up, then "scram-sha-512" in the next/);
        assert.match(internalAuthenticationStepProblem(["scram-sha-512", "scram-sha-512"], "none")!, /at step "scram-sha-512"; .* set "migrating"/);
        assert.equal(internalAuthenticationStepProblem(["migrating", "scram-sha-512"], "scram-sha-512"), undefined, "an interrupted up finishes");
    });

    it("refuses a job's ACLs without logins, a wrong ACL, a principal too long and a user named like a job's principal", () => {
        const job = { name: "counts", args: { "input-topic": "events", "output-topic": "counts" } };
        const topics = [{ name: "events" }, { name: "counts" }];
        assertProblem({ topics, jobs: [{ ...job, acls: { "topic:events": ["read"] } }] }, "jobs[0].acls", "set kafka.internalAuthentication");
        assertProblem({ ...scram, topics, jobs: [{ ...job, acls: { "topic:events": ["fly"] } }] }, 'jobs[0].acls["topic:events"]', "unknown operation fly");
        assertProblem({ ...scram, topics, jobs: [{ ...job, name: "a".repeat(49) }] }, "jobs[0].name", "at most 48");
        assertProblem({ ...scram, topics, jobs: [job], users: [{ name: "streamstack-job-counts" }] }, "users[0].name", "the Kafka principal of jobs[0]");
    });
});

describe("each job's own Kafka principal", () => {
    it("reads the sample job's input, writes its output, uses groups named after it; one topic both ways is one entry", () => {
        assert.equal(jobPrincipal("counts"), "streamstack-job-counts");
        assert.deepEqual(sampleJobAcls("p", "in", "out"), { "topic:in": ["read", "describe"], "topic:out": ["write", "describe"], "group:p*": ["read", "describe"] });
        assert.deepEqual(sampleJobAcls("p", "t", "t")["topic:t"], ["read", "describe", "write"]);
    });

    it("is a user of the platform with the derived password; the job dials CLIENTS, names its principal and runs the agent in its executors", async () => {
        const graph = await mockGraph(resolveSettings({
            kafka: { authentication: "scram-sha-512", internalAuthentication: "scram-sha-512" },
            topics: [{ name: "events" }, { name: "counts" }],
            jobs: [{ name: "counts", args: { "input-topic": "events", "output-topic": "counts" } }, { name: "own", mainClass: "x.Own", jar: "file:/x.jar", driverMemory: "600m", acls: { "topic:events": ["read"] } }],
        }));
        const users = graph.filter((r) => r.type === "streamstack:kafka:User" && r.inputs.name !== "streamstack-topics");
        assert.deepEqual(users.map((r) => [r.name, r.inputs.name, r.inputs.acls]), [
            ["streamstack-kafka-job-user-counts", "streamstack-job-counts", sampleJobAcls("streamstack-job-counts", "events", "counts")],
            ["streamstack-kafka-job-user-own", "streamstack-job-own", { "topic:events": ["read"] }],
        ]);
        assert.equal((users[0]!.inputs.password as { value: string }).value, jobPassword("mock-secret", "streamstack-job-counts"), "a secret, from the Spark secret");
        const job = graph.find((r) => r.type === "streamstack:spark:StreamingJob" && r.name === "streamstack-counts")!;
        const args = job.inputs.args as string[];
        assert.equal(args[args.indexOf("--bootstrap-servers") + 1], "kafka-0:9093,kafka-1:9093,kafka-2:9093");
        assert.equal(args[args.indexOf("--kafka-principal") + 1], "streamstack-job-counts");
        const conf = job.inputs.sparkConf as Record<string, string>;
        assert.match(conf["spark.driver.extraJavaOptions"]!, /^-Dstreamstack\.kafka\.login=streamstack-job-counts\b/);
        assert.match(conf["spark.executor.extraJavaOptions"]!, /^-javaagent:\/opt\/spark\/jars\/streamstack-auth-agent\.jar -Dstreamstack\.kafka\.login=streamstack-job-counts\b/);
        assert.ok(!JSON.stringify(job.inputs).includes(jobPassword("mock-secret", "streamstack-job-counts")), "no password in the submission");
        const open = await mockGraph(resolveSettings({ topics: [{ name: "events" }, { name: "counts" }], jobs: [{ name: "counts", args: { "input-topic": "events", "output-topic": "counts" } }] }));
        const plain = open.find((r) => r.type === "streamstack:spark:StreamingJob")!;
        assert.ok(!(plain.inputs.args as string[]).includes("--kafka-principal"), "without logins the job is as it was");
    });

    it("gets the same password from the image's agent (Java, the real class) as the platform gives its principal", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "kafka-login-"));
        const agent = path.join(__dirname, "..", "..", "..", "images", "spark", "agent", "src", "streamstack", "agent");
        writeFileSync(path.join(dir, "Derive.java"), "package streamstack.agent;\n" +
            "public class Derive { public static void main(String[] a) { System.out.print(KafkaLogin.password(a[0], a[1])); } }\n");
        execFileSync("javac", ["-d", dir, path.join(agent, "KafkaLogin.java"), path.join(dir, "Derive.java")]);
        const derived = execFileSync("java", ["-cp", dir, "streamstack.agent.Derive", "s3cr3t/+=", "streamstack-job-counts"], { encoding: "utf8" });
        assert.equal(derived, jobPassword("s3cr3t/+=", "streamstack-job-counts"));
        assert.match(derived, /^[A-Za-z0-9_-]{43}$/);
    });
});

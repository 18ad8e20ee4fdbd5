import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULTS } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { externalListenerAuthentication } from "../../components/kafka/listener-security";
import { adminLogin, renderAdminCredential } from "../../components/kafka/admin-login";
import { kafkaWorkload, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { flatAddressing } from "../../components/model/addressing";
import { STATE_LOGIN_ANNOTATION } from "../../components/model/labels";
import { parseStateLogin, renderStateLogin } from "../../components/model/state-access";
import { firstTarFile, tarArchive } from "../../live/tar";
import { kafkaClientOptions } from "../../live/kafka";
import { brokerScaleDownProblems } from "../../program/docker-preflight";
import { ListedContainer } from "../../live/docker-engine";
import { assertProblem } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";

// The external listener alone: brokers that replicate over INTERNAL, as before REPLICATION (kafka-replication.test.ts).
const input = (externalSecurity: "tls" | "plaintext", externalAuthentication: "scram-sha-512" | "none", protectZnodes = true) => ({
    kafka: { ...DEFAULTS.kafka, replication: "internal" as const }, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing,
    externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes, externalSecurity, externalAuthentication,
});

describe("kafka.authentication: who the external listener lets in", () => {
    it("requires a SCRAM login on Kubernetes and none on Docker by default, and what the setting says otherwise", () => {
        assert.equal(externalListenerAuthentication(resolveSettings(kubernetesConfig())), "scram-sha-512");
        assert.equal(externalListenerAuthentication(resolveSettings({})), "none");
        assert.equal(externalListenerAuthentication(resolveSettings({ kafka: { authentication: "scram-sha-512" } })), "scram-sha-512");
        assert.equal(externalListenerAuthentication(resolveSettings(kubernetesConfig({ kafka: { authentication: "none" }, kubernetes: { allowInsecureKafka: true } }))), "none");
    });

    it("refuses anything else at preview, naming the choices", () => {
        assertProblem({ kafka: { authentication: "scram" } }, "kafka.authentication", '"scram"', 'must be "scram-sha-512", "none" or "by-target"');
    });

    it("refuses a Kubernetes stack whose NodePorts would be open or plaintext, naming the setting that accepts it", () => {
        assertProblem(kubernetesConfig({ kafka: { authentication: "none" } }), "kafka.authentication", '"none"',
            "reachable beyond the cluster", "read, write and delete every topic", "kubernetes.allowInsecureKafka: true");
        assertProblem(kubernetesConfig({ kafka: { security: "plaintext" } }), "kafka.security", '"plaintext"',
            "read and change the traffic", "kubernetes.allowInsecureKafka: true");
        assert.doesNotThrow(() => resolveSettings(kubernetesConfig({ kafka: { security: "plaintext", authentication: "none" }, kubernetes: { allowInsecureKafka: true } })));
        assert.doesNotThrow(() => resolveSettings({ kafka: { authentication: "none" } }), "Docker's ports bind to this machine");
    });
});

describe("the brokers' SASL listener", () => {
    it("maps EXTERNAL to SASL_SSL / SASL_PLAINTEXT with SCRAM-SHA-512 only, and leaves an open listener as it was", () => {
        const protocol = (text: string) => /^listener\.security\.protocol\.map=(.*)$/m.exec(text)?.[1];
        assert.equal(protocol(renderServerProperties(input("tls", "scram-sha-512"))), "INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL,PROBE:PLAINTEXT");
        assert.equal(protocol(renderServerProperties(input("plaintext", "scram-sha-512"))), "INTERNAL:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,PROBE:PLAINTEXT");
        assert.equal(protocol(renderServerProperties(input("tls", "none"))), "INTERNAL:PLAINTEXT,EXTERNAL:SSL,PROBE:PLAINTEXT");
        assert.equal(protocol(renderServerProperties(input("plaintext", "none"))), "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,PROBE:PLAINTEXT");
        const text = renderServerProperties(input("tls", "scram-sha-512"));
        assert.match(text, /^listener\.name\.external\.sasl\.enabled\.mechanisms=SCRAM-SHA-512$/m);
        assert.match(text, /^listener\.name\.external\.scram-sha-512\.sasl\.jaas\.config=org\.apache\.kafka\.common\.security\.scram\.ScramLoginModule required;$/m);
        assert.doesNotMatch(renderServerProperties(input("tls", "none")), /sasl/);
    });

    it("writes the admin's credential into ZooKeeper before the broker starts, once per password, the chroot made with Kafka's ACLs", () => {
        const start = renderKafkaStart(input("tls", "scram-sha-512"));
        const credential = start.indexOf("kafka-configs.sh --zookeeper \"zookeeper-0:2181/kafka\" --alter");
        assert.ok(credential > 0 && credential < start.indexOf("exec /opt/kafka/bin/kafka-server-start.sh"), "before the broker");
        assert.match(start, /--add-config-file \/etc\/streamstack-secrets\/kafka-admin\.scram --entity-type users --entity-name streamstack-admin \|\| exit 1/);
        assert.match(start, /DIGEST="\$\(sha256sum < \/etc\/streamstack-secrets\/kafka-admin\.scram\)"/);
        assert.match(start, /if \[ "\$DIGEST" != "\$\(cat \/var\/lib\/kafka\/data\/streamstack-admin-credential 2>\/dev\/null\)" \]; then/);
        assert.match(start, /zookeeper-shell\.sh "zookeeper-0:2181" create "\/kafka" "" sasl:kafka:cdrwa,world:anyone:r/);
        assert.doesNotMatch(renderKafkaStart(input("tls", "scram-sha-512", false)), /sasl:kafka/, "open znodes while ZooKeeper's authentication migrates");
        assert.doesNotMatch(renderKafkaStart(input("tls", "none")), /kafka-configs/);
    });

    it("mounts the credential and the platform's login as secret files, and says so on each member", () => {
        const group = kafkaWorkload(input("plaintext", "scram-sha-512"), "kafka");
        assert.deepEqual(group.secretFiles.map((f) => f.name), ["zookeeper-client.jaas", "kafka-admin.scram", "state-login.json"]);
        assert.deepEqual(group.annotations, { [STATE_LOGIN_ANNOTATION]: "SCRAM-SHA-512" });
        assert.deepEqual(kafkaWorkload(input("plaintext", "none"), "kafka").annotations, {});
        assert.ok(!JSON.stringify(group.env).includes("password"));
    });

    it("renders the credential as kafka-configs.sh reads it, and refuses a password that would break the file", () => {
        assert.equal(renderAdminCredential("abc_DEF-123"), "SCRAM-SHA-512=password=abc_DEF-123\n");
        assert.throws(() => renderAdminCredential("a\nb=c"), /base64url/);
    });
});

describe("the platform's own clients log in", () => {
    it("reads a login back from the file the members mount, and nothing from anything else", () => {
        const login = adminLogin("pw");
        assert.deepEqual(parseStateLogin(renderStateLogin(login)), login);
        assert.equal(parseStateLogin("SCRAM-SHA-512=password=x"), undefined);
        assert.equal(parseStateLogin("{\"username\":\"a\"}"), undefined);
    });

    it("hands the client its TLS and its SASL login", () => {
        assert.deepEqual(kafkaClientOptions({ login: adminLogin("pw") }), { sasl: { mechanism: "SCRAM-SHA-512", username: "streamstack-admin", password: "pw" } });
        assert.deepEqual(Object.keys(kafkaClientOptions({ caCertificate: "ca", login: adminLogin("pw") })).sort(), ["sasl", "tls"]);
        assert.deepEqual(kafkaClientOptions({}), {});
    });

    it("reads one file out of the archive the Docker engine answers with", () => {
        const archive = tarArchive([{ name: "state-login.json", content: "{\"a\":1}\n", mode: 0o400, uid: 1000, gid: 1000 }]);
        assert.equal(firstTarFile(archive)?.toString("utf8"), "{\"a\":1}\n");
        assert.equal(firstTarFile(Buffer.alloc(1024)), undefined);
    });

    it("asks the running brokers with the login they mount when a scale-down removes one", async () => {
        const settings = resolveSettings({ kafka: { brokers: 3 }, ports: { kafkaExternal: 28410 } });
        const brokers: ListedContainer[] = Array.from({ length: 4 }, (_, i) => ({
            name: `p-kafka-${i}`, labels: { "streamstack.stack": "p", "streamstack.member": `kafka-${i}`, [STATE_LOGIN_ANNOTATION]: "SCRAM-SHA-512" },
            state: "running", status: "Up", healthy: true, published: [{ ip: "127.0.0.1", port: 28410 + i }],
        }));
        const logins: unknown[] = [];
        const problems = await brokerScaleDownProblems(settings, "p", brokers, async (_bootstrap, connection) => {
            logins.push(connection?.login);
            return new Map([[3, []]]);
        }, async () => adminLogin("running"));
        assert.deepEqual(problems, []);
        assert.deepEqual(logins, [adminLogin("running")]);
    });
});

import * as assert from "node:assert/strict";
import * as net from "node:net";
import * as tls from "node:tls";
import { describe, it } from "node:test";
import { DEFAULTS } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { brokerKeyStore, brokerSubjectNames } from "../../components/kafka/broker-certificates";
import { externalListenerSecurity } from "../../components/kafka/listener-security";
import { kafkaWorkload, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { clusterDnsAddressing, flatAddressing } from "../../components/model/addressing";
import { recordedStateCa, STATE_CA_ANNOTATION } from "../../components/model/labels";
import { kafkaControllerId } from "../../live";
import { makeCertificateAuthority, signCertificate } from "../../plugins/streamstack/security/x509";
import { assertGolden } from "../support/golden";
import { assertProblem } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";

const tlsInput = {
    kafka: DEFAULTS.kafka, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing,
    externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes: true, externalSecurity: "tls" as const, externalAuthentication: "none" as const,
};

describe("kafka.security: what the external listener speaks", () => {
    it("is TLS on Kubernetes and plaintext on Docker by default, and what the setting says otherwise", () => {
        assert.equal(externalListenerSecurity(resolveSettings(kubernetesConfig())), "tls");
        assert.equal(externalListenerSecurity(resolveSettings({})), "plaintext");
        assert.equal(externalListenerSecurity(resolveSettings({ kafka: { security: "tls" } })), "tls");
        assert.equal(externalListenerSecurity(resolveSettings(kubernetesConfig({ kafka: { security: "plaintext" }, kubernetes: { allowInsecureKafka: true } }))), "plaintext");
    });

    it("refuses anything else at preview, naming the choices", () => {
        assertProblem({ kafka: { security: "ssl" } }, "kafka.security", '"ssl"', 'must be "tls", "plaintext" or "by-target"');
    });
});

describe("the brokers' TLS listener", () => {
    it("maps EXTERNAL to SSL with a PEM key store, INTERNAL unchanged (golden file)", () => {
        const text = renderServerProperties(tlsInput);
        assert.match(text, /^listener\.security\.protocol\.map=INTERNAL:PLAINTEXT,EXTERNAL:SSL,REPLICATION:SSL,PROBE:PLAINTEXT$/m);
        assert.match(text, /^listener\.name\.external\.ssl\.keystore\.type=PEM$/m);
        assert.doesNotMatch(text, /password/, "an unencrypted key in a file only the broker reads: no key password to configure");
        assertGolden("server-tls.properties", text);
    });

    it("points each broker at its own key store, a secret file per broker", () => {
        assert.match(renderKafkaStart(tlsInput), /--override "listener\.name\.external\.ssl\.keystore\.location=\/etc\/streamstack-secrets\/kafka-tls-\$\{ORDINAL\}\.pem"/);
        const keyStores = ["kafka-tls-0.pem", "kafka-tls-1.pem", "kafka-tls-2.pem"];
        assert.deepEqual(kafkaWorkload(tlsInput, "kafka").secretFiles.map((f) => f.name), ["zookeeper-client.jaas", ...keyStores, "kafka-replication-trust.pem"]);
        // The same key stores serve REPLICATION's mutual TLS, with an external listener in plaintext too.
        assert.deepEqual(kafkaWorkload({ ...tlsInput, externalSecurity: "plaintext" }, "kafka").secretFiles.map((f) => f.name), ["zookeeper-client.jaas", ...keyStores, "kafka-replication-trust.pem"]);
        assert.deepEqual(kafkaWorkload({ ...tlsInput, externalSecurity: "plaintext", kafka: { ...tlsInput.kafka, replication: "internal" } }, "kafka").secretFiles.map((f) => f.name), ["zookeeper-client.jaas"]);
    });

    it("names each broker by the address clients dial and its in-platform host names (the stable one it advertises first)", () => {
        assert.deepEqual(brokerSubjectNames(1, flatAddressing, "127.0.0.1"), { commonName: "kafka-1", dnsNames: ["kafka-1"], ipAddresses: ["127.0.0.1"] });
        assert.deepEqual(brokerSubjectNames(0, flatAddressing, "0.0.0.0").ipAddresses, ["127.0.0.1"], "every address: the host dials 127.0.0.1");
        assert.deepEqual(brokerSubjectNames(2, clusterDnsAddressing("data"), "Node.Example"), {
            commonName: "kafka-2.data.svc.cluster.local",
            dnsNames: ["kafka-2.data.svc.cluster.local", "kafka-2.kafka-headless.data.svc.cluster.local", "node.example"],
            ipAddresses: [],
        });
    });

    it("writes the key store as Kafka's PEM type reads it: the key, then the chain up to the CA", () => {
        assert.equal(brokerKeyStore("KEY\n", "LEAF\n", "CA"), "KEY\nLEAF\nCA\n");
    });

    it("reads the CA the running members were made with from their labels or annotations", () => {
        assert.equal(recordedStateCa([undefined, {}, { [STATE_CA_ANNOTATION]: "PEM" }]), "PEM");
        assert.equal(recordedStateCa([{ [STATE_CA_ANNOTATION]: "A\n" }, { [STATE_CA_ANNOTATION]: "B" }, { [STATE_CA_ANNOTATION]: "A" }]), "A\nB", "members mid-rotation: each CA once");
        assert.equal(recordedStateCa([{ other: "x" }]), undefined);
    });
});

describe("the controller read over TLS (roll order)", () => {
    it("verifies the broker against the CA and the address dialled, and says a closed plaintext connection is no answer", async () => {
        const ca = await makeCertificateAuthority("unit CA", 1);
        const leaf = await signCertificate(ca, { commonName: "kafka-0", dnsNames: ["kafka-0"], ipAddresses: ["127.0.0.1"], validityDays: 1 });
        const other = await makeCertificateAuthority("another CA", 1);
        // Answers a Metadata v4 request with no brokers, a cluster id and controller 4; closes anything that is not TLS.
        const server = tls.createServer({ key: leaf.privateKeyPem, cert: `${leaf.certificatePem}\n${ca.certificatePem}` }, (socket) => socket.once("data", (request: Buffer) => {
            assert.equal(request.readInt16BE(6), 4, "asks Metadata v4, the oldest Kafka 4 answers");
            const clusterId = Buffer.from("MkU3OEVBNTcwNTJENDM2Qk");
            const body = Buffer.alloc(4 + 4 + 4 + 2 + clusterId.length + 4);
            let at = body.writeInt32BE(1, 0); // correlation id
            at = body.writeInt32BE(0, at); // throttle time
            at = body.writeInt32BE(0, at); // brokers: none
            at = body.writeInt16BE(clusterId.length, at);
            at += clusterId.copy(body, at);
            body.writeInt32BE(4, at); // controller id
            const size = Buffer.alloc(4);
            size.writeInt32BE(body.length);
            socket.end(Buffer.concat([size, body]));
        }));
        server.on("tlsClientError", () => undefined);
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const port = (server.address() as net.AddressInfo).port;
            assert.equal(await kafkaControllerId("127.0.0.1", port, { caCertificate: ca.certificatePem }), 4);
            await assert.rejects(kafkaControllerId("127.0.0.1", port, { caCertificate: other.certificatePem }), /self-signed certificate in certificate chain/);
            await assert.rejects(kafkaControllerId("localhost", port, { caCertificate: ca.certificatePem }), /Hostname\/IP does not match/);
            await assert.rejects(kafkaControllerId("127.0.0.1", port, { timeoutMs: 2000 }), /closed the connection without a Metadata answer/);
        } finally {
            server.close();
        }
    });
});

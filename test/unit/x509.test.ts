import * as assert from "node:assert/strict";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, it } from "node:test";
import { certificateAuthorityHandler, certificateHandler } from "../../plugins/streamstack/security/certificate-handlers";
import { makeCertificateAuthority, signCertificate } from "../../plugins/streamstack/security/x509";

describe("certificates for the TLS listeners", () => {
    it("makes a CA that signs leaf certificates only", async () => {
        const ca = await makeCertificateAuthority("streamstack unit CA", 365);
        const certificate = new X509Certificate(ca.certificatePem);
        assert.equal(certificate.ca, true);
        assert.equal(certificate.subject, "CN=streamstack unit CA");
        assert.ok(certificate.verify(certificate.publicKey), "self-signed");
        assert.equal(createPrivateKey(ca.privateKeyPem).asymmetricKeyType, "ec");
    });

    it("signs a certificate a peer verifies against the CA, for each name and address it lists and no other", async () => {
        const ca = await makeCertificateAuthority("streamstack unit CA", 365);
        const now = new Date("2026-12-05T12:00:00Z");
        const leaf = await signCertificate(ca, { commonName: "kafka-0", dnsNames: ["kafka-0", "kafka-0.kafka-headless.data.svc.cluster.local"], ipAddresses: ["127.0.0.1"], validityDays: 90 }, now);
        const certificate = new X509Certificate(leaf.certificatePem);
        const authority = new X509Certificate(ca.certificatePem);
        assert.ok(certificate.verify(authority.publicKey) && certificate.checkIssued(authority));
        assert.equal(certificate.ca, false);
        assert.equal(certificate.checkHost("kafka-0"), "kafka-0");
        assert.equal(certificate.checkHost("kafka-0.kafka-headless.data.svc.cluster.local"), "kafka-0.kafka-headless.data.svc.cluster.local");
        assert.equal(certificate.checkIP("127.0.0.1"), "127.0.0.1");
        assert.equal(certificate.checkHost("kafka-1"), undefined);
        assert.equal(certificate.checkIP("10.0.0.1"), undefined);
        assert.ok(Math.abs(new Date(certificate.validTo).getTime() - (now.getTime() + 90 * 24 * 3600 * 1000)) < 1000, certificate.validTo);
        assert.match(certificate.keyUsage?.join(",") ?? "", /1\.3\.6\.1\.5\.5\.7\.3\.1/, "serverAuth");
    });

    it("gives every certificate its own key and serial", async () => {
        const ca = await makeCertificateAuthority("streamstack unit CA", 365);
        const request = { commonName: "kafka-0", dnsNames: ["kafka-0"], ipAddresses: [], validityDays: 30 };
        const [a, b] = await Promise.all([signCertificate(ca, request), signCertificate(ca, request)]);
        assert.notEqual(a.privateKeyPem, b.privateKeyPem);
        assert.notEqual(new X509Certificate(a.certificatePem).serialNumber, new X509Certificate(b.certificatePem).serialNumber);
    });
});

describe("CertificateAuthority and Certificate handlers", () => {
    it("refuse what would make an unverifiable certificate, naming the property", async () => {
        const check = certificateHandler().check;
        const base = { caCertificatePem: "x", caPrivateKeyPem: "y", commonName: "kafka-0", dnsNames: ["kafka-0"], ipAddresses: ["127.0.0.1"], validityDays: 90 };
        assert.deepEqual((await check(undefined, base)).failures, []);
        assert.deepEqual((await check(undefined, { ...base, dnsNames: ["Kafka_0"] })).failures?.map((f) => f.property), ["dnsNames"]);
        assert.deepEqual((await check(undefined, { ...base, ipAddresses: ["300.1.1.1"] })).failures?.map((f) => f.property), ["ipAddresses"]);
        assert.deepEqual((await check(undefined, { ...base, dnsNames: [], ipAddresses: [] })).failures?.map((f) => f.property), ["dnsNames"]);
        assert.deepEqual((await check(undefined, { ...base, validityDays: 0 })).failures?.map((f) => f.property), ["validityDays"]);
        assert.deepEqual((await certificateAuthorityHandler().check(undefined, { commonName: "a,b", validityDays: 10 })).failures?.map((f) => f.property), ["commonName"]);
    });

    it("make a CA and a certificate it signed, and replace a certificate when what it says changes", async () => {
        const ca = await certificateAuthorityHandler().create({ commonName: "unit CA", validityDays: 30 });
        const inputs = { caCertificatePem: ca.outs!.certificatePem, caPrivateKeyPem: ca.outs!.privateKeyPem, commonName: "kafka-0", dnsNames: ["kafka-0"], ipAddresses: [], validityDays: 30 };
        const leaf = await certificateHandler().create(inputs);
        assert.ok(new X509Certificate(leaf.outs!.certificatePem as string).checkIssued(new X509Certificate(ca.outs!.certificatePem as string)));
        assert.deepEqual((await certificateHandler().diff("id", leaf.outs!, { ...inputs, dnsNames: ["kafka-0", "kafka-0.example"] })).replaces, ["dnsNames"]);
        assert.equal((await certificateHandler().diff("id", leaf.outs!, inputs)).changes, false);
        assert.deepEqual(certificateHandler().secretOutputs, ["privateKeyPem"]);
    });
});

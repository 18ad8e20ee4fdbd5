import * as assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { resolveSettings } from "../../components/platform/settings";
import { caCommonName, caResourceName, caRotationProblems, caTrust } from "../../components/kafka/ca-rotation";
import { pemBundle } from "../../components/model/state-access";
import { caRotationGuardHandler } from "../../plugins/streamstack/security/ca-rotation-guard-handler";
import { mockGraph, RegisteredResource } from "../../operations/mock-graph";
import { assertProblem, problemsOf } from "../support/config-problems";

describe("kafka.certificateAuthorities and kafka.signingCa", () => {
    it("trust and sign with the one CA every TLS platform started with, under the names it had", () => {
        assert.deepEqual(caTrust(resolveSettings({}).kafka), { authorities: ["ca"], signer: "ca" });
        assert.equal(caResourceName("streamstack-kafka", "ca"), "streamstack-kafka-ca");
        assert.equal(caCommonName("streamstack-kafka", "ca"), "streamstack-kafka CA");
        assert.equal(caCommonName("streamstack-kafka", "ca-2027"), "streamstack-kafka CA ca-2027", "each CA its own subject");
    });

    it("sign with the first CA unless signingCa names another", () => {
        assert.deepEqual(caTrust(resolveSettings({ kafka: { certificateAuthorities: ["ca-2027", "ca"] } }).kafka), { authorities: ["ca-2027", "ca"], signer: "ca-2027" });
        assert.deepEqual(caTrust(resolveSettings({ kafka: { certificateAuthorities: ["ca", "ca-2027"], signingCa: "ca-2027" } }).kafka).signer, "ca-2027");
    });

    it("refuse at preview an empty list, a name that is not one, a CA listed twice and a signer not listed", () => {
        assertProblem({ kafka: { certificateAuthorities: [] } }, "kafka.certificateAuthorities", "at least one CA", '["ca"]');
        assertProblem({ kafka: { certificateAuthorities: ["ca", "New CA"] } }, "kafka.certificateAuthorities[1]", '"New CA"', "lower-case name", '"ca-2027"');
        assertProblem({ kafka: { certificateAuthorities: ["ca", "ca"] } }, "kafka.certificateAuthorities[1]", "listed twice");
        assertProblem({ kafka: { certificateAuthorities: ["ca"], signingCa: "ca-2027" } }, "kafka.signingCa", '"ca-2027"', 'one of kafka.certificateAuthorities ("ca")');
        assert.deepEqual(problemsOf({ kafka: { certificateAuthorities: ["ca", "ca-2027"], signingCa: "ca-2027" } }), []);
    });

    it("bundle the trusted CAs one PEM after another, a single CA as it is", () => {
        assert.equal(pemBundle(["-----A-----"]), "-----A-----");
        assert.equal(pemBundle(["-----A-----\n", "-----B-----"]), "-----A-----\n-----B-----");
    });
});

describe("the rotation order (a CA trusted before it signs, retired after it stopped)", () => {
    const only = { authorities: ["ca"], signer: "ca" };
    const both = { authorities: ["ca", "ca-2027"], signer: "ca" };
    const switched = { authorities: ["ca", "ca-2027"], signer: "ca-2027" };
    const retired = { authorities: ["ca-2027"], signer: "ca-2027" };

    it("lets each step of a rotation through, one up at a time", () => {
        assert.deepEqual(caRotationProblems(only, both), [], "trust a new CA");
        assert.deepEqual(caRotationProblems(both, switched), [], "sign with it");
        assert.deepEqual(caRotationProblems(switched, retired), [], "retire the old one");
        assert.deepEqual(caRotationProblems(both, only), [], "change one's mind before it signs");
    });

    it("refuses a signer its clients did not trust yet, naming the step to take first", () => {
        const [problem] = caRotationProblems(only, switched);
        assert.match(problem, /kafka\.signingCa "ca-2027" is not trusted by the running platform's clients yet/);
        assert.match(problem, /Add "ca-2027" to kafka\.certificateAuthorities in an up of its own/);
    });

    it("refuses to retire the CA that signs the running brokers in the up that switches away from it", () => {
        const problems = caRotationProblems(both, retired);
        assert.equal(problems.length, 1);
        assert.match(problems[0], /kafka\.certificateAuthorities drops "ca", which signs the running brokers' certificates/);
        assert.equal(caRotationProblems(only, retired).length, 2, "both at once: two problems");
    });

    it("is held by the guard's check against what the state recorded, and a new guard has nothing to hold it to", async () => {
        const guard = caRotationGuardHandler();
        assert.deepEqual((await guard.check({}, only)).failures, []);
        assert.deepEqual((await guard.check(undefined, retired)).failures, []);
        assert.deepEqual((await guard.check(both, switched)).failures, []);
        const refused = (await guard.check(only, switched)).failures ?? [];
        assert.equal(refused.length, 1);
        assert.equal(refused[0].property, "signer");
        assert.deepEqual(await guard.diff("ca-rotation", both, switched), { changes: true, replaces: [], deleteBeforeReplace: false }, "an update in place: nothing restarts for it");
    });
});

describe("a Docker platform trusting two CAs, the second signing", () => {
    let graph: RegisteredResource[];
    const mockPem = (name: string) => `mock-certificate-${name}`;

    before(async () => {
        graph = await mockGraph(resolveSettings({ kafka: { security: "tls", certificateAuthorities: ["ca", "ca-2027"], signingCa: "ca-2027" } }), "local");
    });

    it("keeps the first CA under its name and makes the second beside it", () => {
        const authorities = graph.filter((r) => r.type === "streamstack:security:CertificateAuthority");
        assert.deepEqual(authorities.map((r) => [r.name, r.inputs.commonName]), [
            ["streamstack-kafka-ca", "streamstack-kafka CA"],
            ["streamstack-kafka-ca-2027", "streamstack-kafka CA ca-2027"],
        ]);
        const guard = graph.find((r) => r.type === "streamstack:security:CaRotationGuard")!;
        assert.deepEqual(guard.inputs, { authorities: ["ca", "ca-2027"], signer: "ca-2027" });
    });

    it("signs every broker's certificate with the signer, labels the brokers with it alone, and hands clients the bundle of both", () => {
        const certificates = graph.filter((r) => r.type === "streamstack:security:Certificate");
        assert.equal(certificates.length, 3);
        for (const certificate of certificates) assert.equal(certificate.inputs.caCertificatePem, mockPem("streamstack-kafka-ca-2027"));
        const bundle = `${mockPem("streamstack-kafka-ca")}\n${mockPem("streamstack-kafka-ca-2027")}`;
        const brokers = graph.filter((r) => r.type === "docker:index/container:Container" && (r.inputs.hostname as string).startsWith("kafka-"));
        for (const broker of brokers) {
            const labels = Object.fromEntries((broker.inputs.labels as { label: string; value: string }[]).map((l) => [l.label, l.value]));
            assert.equal(labels["streamstack.state-ca"], mockPem("streamstack-kafka-ca-2027"), "trusting one more CA restarts no broker");
        }
        const gates = graph.filter((r) => r.type === "streamstack:platform:ReadinessGate" && r.inputs.group === "kafka");
        assert.ok(gates.length > 0 && gates.every((gate) => gate.inputs.stateCa === bundle), "gates verify brokers of either CA mid-roll");
        assert.equal(graph.find((r) => r.type === "streamstack:kafka:Topic")!.inputs.caCertificate, bundle);
    });
});

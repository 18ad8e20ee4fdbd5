import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, DEFAULTS } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { flatAddressing } from "../../components/model/addressing";
import { renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { renderMasterStart } from "../../components/spark/render";
import { renderZooCfg, zookeeperWorkload } from "../../components/zookeeper/render";
import { authenticationStepProblem } from "../../components/zookeeper/rules";
import { ListedContainer } from "../../live/docker-engine";
import { KubeApi } from "../../live/kube-api";
import { zookeeperAuthenticationProblems } from "../../program/docker-preflight";
import { kubernetesPreflight } from "../../program/kubernetes-preflight";
import { kubernetesConfig } from "../support/kubernetes-settings";
import { jaasOption, renderClientJaas, renderServerJaas } from "../../components/zookeeper/sasl";
import { assertGolden } from "../support/golden";

describe("ZooKeeper JAAS files", () => {
    it("lists every client principal and the quorum's login in the servers' file", () => {
        assertGolden("zookeeper-server.jaas", renderServerJaas("q-pass", { kafka: "k-pass", spark: "s-pass" }));
    });

    it("logs a client in with its own principal only", () => {
        assertGolden("zookeeper-client.jaas", renderClientJaas("kafka", "k-pass"));
        assert.doesNotMatch(renderClientJaas("spark", "s-pass"), /kafka|user_/);
    });

    it("refuses a password that would break out of the JAAS quotes", () => {
        assert.throws(() => renderClientJaas("kafka", 'a"; };'), /base64url/);
        assert.throws(() => renderServerJaas("q", { kafka: "a b" }), /base64url/);
    });

    it("points a JVM at a mounted file by path", () => {
        assert.equal(jaasOption("zookeeper-client.jaas"), "-Djava.security.auth.login.config=/etc/streamstack-secrets/zookeeper-client.jaas");
    });
});

describe("zookeeper.authentication", () => {
    const kafkaInput = (protectZnodes: boolean) =>
        ({ kafka: DEFAULTS.kafka, zookeeperConnect: "zk:2181", addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes, externalSecurity: "plaintext" as const, externalAuthentication: "none" as const });
    const sparkInput = (protectZnodes: boolean) => ({ spark: DEFAULTS.spark, zookeeperConnect: "zk:2181", addressing: flatAddressing, protectZnodes });

    it("required: refuses anonymous sessions and unauthenticated servers; clients own their znodes", () => {
        const cfg = renderZooCfg(DEFAULTS.zookeeper, flatAddressing);
        for (const line of ["enforce.auth.enabled=true", "enforce.auth.schemes=sasl", "quorum.auth.learnerRequireSasl=true", "quorum.auth.serverRequireSasl=true"]) {
            assert.ok(cfg.includes(`\n${line}\n`), line);
        }
        assert.match(renderServerProperties(kafkaInput(true)), /^zookeeper\.set\.acl=true$/m);
        assert.match(renderKafkaStart(kafkaInput(true)), /kafka\.admin\.ZkSecurityMigrator --zookeeper\.acl=secure/);
        assert.match(renderMasterStart(sparkInput(true)), /streamstack\.tools\.RecoveryDirOwner "zk:2181" "\/spark"/);
    });

    it("migrating-1: offers the logins, refuses no one, and leaves every znode's ACL as it is", () => {
        const cfg = renderZooCfg({ ...DEFAULTS.zookeeper, authentication: "migrating-1" }, flatAddressing);
        assert.doesNotMatch(cfg, /enforce\.auth/);
        for (const line of ["authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider", "quorum.auth.enableSasl=true",
            "quorum.auth.learnerRequireSasl=false", "quorum.auth.serverRequireSasl=false"]) assert.ok(cfg.includes(`\n${line}\n`), line);
        assert.match(renderServerProperties(kafkaInput(false)), /^zookeeper\.set\.acl=false$/m);
        assert.doesNotMatch(renderKafkaStart(kafkaInput(false)), /ZkSecurityMigrator/);
        assert.doesNotMatch(renderMasterStart(sparkInput(false)), /RecoveryDirOwner/);
    });

    it("migrating-2: servers log in to each other but still accept those that do not; anonymous clients still accepted", () => {
        const cfg = renderZooCfg({ ...DEFAULTS.zookeeper, authentication: "migrating-2" }, flatAddressing);
        assert.doesNotMatch(cfg, /enforce\.auth/);
        for (const line of ["quorum.auth.learnerRequireSasl=true", "quorum.auth.serverRequireSasl=false"]) assert.ok(cfg.includes(`\n${line}\n`), line);
        assert.equal(resolveSettings({ zookeeper: { authentication: "migrating-2" } }).zookeeper.authentication, "migrating-2");
    });
});

describe("zookeeper.authentication at preview", () => {
    it("names the key and the two values it takes", () => {
        assert.throws(() => resolveSettings({ zookeeper: { authentication: "off" } }),
            (error: Error) => error instanceof ConfigError && /zookeeper\.authentication.*"required".*"migrating-1".*"migrating-2"/s.test(error.message));
    });
});

describe("zookeeper.authentication moves one step at a time", () => {
    it("lets a new platform start at any step, and a running one move one step either way", () => {
        assert.equal(authenticationStepProblem([], "required"), undefined);
        assert.equal(authenticationStepProblem([undefined, undefined, undefined], "migrating-1"), undefined);
        assert.equal(authenticationStepProblem(["migrating-1", "migrating-1", "migrating-1"], "migrating-2"), undefined);
        assert.equal(authenticationStepProblem(["migrating-2"], "required"), undefined);
        assert.equal(authenticationStepProblem(["required"], "migrating-2"), undefined);
        assert.equal(authenticationStepProblem(["required", "required", "required"], "required"), undefined);
    });

    it("refuses a skip, naming the step to set", () => {
        assert.match(authenticationStepProblem([undefined, undefined, undefined], "required")!,
            /without logins \(made before ZooKeeper's authentication\).*set "migrating-1" for this up/);
        assert.match(authenticationStepProblem(["migrating-1"], "required")!, /at step "migrating-1".*set "migrating-2"/);
        assert.match(authenticationStepProblem(["required"], "migrating-1")!, /set "migrating-2"/);
    });

    it("goes by the step most servers run after an interrupted up (the quorum's)", () => {
        // Straight to "required": its first server never joined the two that run without logins.
        assert.equal(authenticationStepProblem([undefined, undefined, "required"], "migrating-1"), undefined);
        assert.match(authenticationStepProblem([undefined, "required", undefined], "required")!, /set "migrating-1"/);
    });
});

describe("zookeeper.authentication read back from the live platform at preview", () => {
    const zookeeper = (step: string | undefined, ordinal: number, stack = "streamstack-unit"): ListedContainer => ({
        name: `${stack}-zookeeper-${ordinal}`, state: "running", status: "Up", healthy: true, published: [],
        labels: { "streamstack.stack": stack, "streamstack.member": `zookeeper-${ordinal}`, ...(step ? { "streamstack.zookeeper-authentication": step } : {}) },
    });

    it("Docker: the servers' labels (none on a platform made before logins); other stacks' servers do not count", () => {
        const open = [0, 1, 2].map((i) => zookeeper(undefined, i));
        const [problem] = zookeeperAuthenticationProblems(resolveSettings({}), "streamstack-unit", open);
        assert.equal(problem?.key, "streamstack:zookeeper.authentication");
        assert.match(problem!.message, /set "migrating-1"/);
        assert.deepEqual(zookeeperAuthenticationProblems(resolveSettings({ zookeeper: { authentication: "migrating-1" } }), "streamstack-unit", open), []);
        assert.deepEqual(zookeeperAuthenticationProblems(resolveSettings({}), "streamstack-other", open), []);
        assert.deepEqual(zookeeperAuthenticationProblems(resolveSettings({}), "streamstack-unit", [0, 1, 2].map((i) => zookeeper("migrating-2", i))), []);
    });

    it("Docker: puts the step on every server's container, for the next preview", () => {
        const group = zookeeperWorkload({ ...DEFAULTS.zookeeper, authentication: "migrating-2" }, "zk", 2181, flatAddressing);
        assert.deepEqual(group.annotations, { "streamstack.zookeeper-authentication": "migrating-2" });
    });

    it("Kubernetes: the pods' annotations", async () => {
        const pods = (step: string | undefined) => ({ items: [0, 1, 2].map(() => ({ metadata: { annotations: step ? { "streamstack.zookeeper-authentication": step } : {} } })) });
        const api = (step: string | undefined): KubeApi => ({
            get: async <T>(apiPath: string) => (apiPath === "/api/v1/namespaces/data/pods?labelSelector=app.kubernetes.io%2Fname%3Dzookeeper" ? pods(step) : undefined) as T | undefined,
            send: () => Promise.reject(new Error("the preflight only reads")),
        });
        const settings = (authentication: string) => resolveSettings(kubernetesConfig({ kubernetes: { namespace: "data" }, zookeeper: { authentication } }));
        const problems = await kubernetesPreflight(settings("required"), api(undefined), async () => new Map());
        assert.deepEqual(problems.map((p) => p.key), ["streamstack:zookeeper.authentication"]);
        assert.deepEqual(await kubernetesPreflight(settings("migrating-1"), api(undefined), async () => new Map()), []);
        assert.deepEqual(await kubernetesPreflight(settings("required"), api("migrating-2"), async () => new Map()), []);
    });
});

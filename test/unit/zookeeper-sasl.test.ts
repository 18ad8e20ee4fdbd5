import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, DEFAULTS } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { flatAddressing } from "../../components/model/addressing";
import { renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { renderMasterStart } from "../../components/spark/render";
import { renderZooCfg } from "../../components/zookeeper/render";
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
        ({ kafka: DEFAULTS.kafka, zookeeperConnect: "zk:2181", addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092, protectZnodes });
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

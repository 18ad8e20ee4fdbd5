import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
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

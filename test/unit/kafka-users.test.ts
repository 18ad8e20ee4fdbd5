import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aclBindings, aclChanges, aclMap, aclProblems, parseAclResource, userNameProblem } from "../../components/kafka/user-acls";
import { renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { IN_PLATFORM_ACLS } from "../../components/kafka/in-platform-clients";
import { DEFAULTS } from "../../components/config";
import { flatAddressing } from "../../components/model/addressing";
import { userHandler } from "../../plugins/streamstack/kafka/user-handler";
import { kafka, retrying } from "../../plugins/streamstack/kafka/admin";
import { assertProblem } from "../support/config-problems";
import { mockGraph } from "../../operations/mock-graph";
import { resolveSettings } from "../../components/platform/settings";

describe("a Kafka user's ACLs, as a stack file writes them", () => {
    it("reads a topic, a prefix, any name and the cluster", () => {
        assert.deepEqual(parseAclResource("topic:events"), { resourceType: "topic", name: "events", patternType: "literal" });
        assert.deepEqual(parseAclResource("group:app-*"), { resourceType: "group", name: "app-", patternType: "prefixed" });
        assert.deepEqual(parseAclResource("topic:*"), { resourceType: "topic", name: "*", patternType: "literal" });
        assert.deepEqual(parseAclResource("cluster"), { resourceType: "cluster", name: "kafka-cluster", patternType: "literal" });
        assert.equal(typeof parseAclResource("queue:x"), "string");
        assert.equal(typeof parseAclResource("topic:"), "string");
        assert.equal(typeof parseAclResource("topic:a*b"), "string");
    });

    it("names every wrong resource and operation", () => {
        assert.deepEqual(aclProblems({ "topic:events": ["read", "fly"], "queue:x": ["read"], "group:g": [] }).map(([key]) => key), ["topic:events", "queue:x", "group:g"]);
        assert.match(aclProblems({ "topic:events": ["fly"] })[0]![1], /unknown operation fly; use all, read, write/);
    });

    it("turns the map into one binding per operation and back, and plans the difference", () => {
        const bindings = aclBindings({ "topic:events": ["read", "describe"], "group:app-*": ["read"] });
        assert.equal(bindings.length, 3);
        assert.deepEqual(aclMap(bindings), { "group:app-*": ["read"], "topic:events": ["describe", "read"] });
        const changes = aclChanges(bindings, aclBindings({ "topic:events": ["read", "write"] }));
        assert.deepEqual(changes.create.map((b) => b.operation), ["write"]);
        assert.deepEqual(changes.delete.map((b) => `${b.resourceType}:${b.operation}`).sort(), ["group:read", "topic:describe"]);
    });

    it("keeps user names plain", () => {
        assert.equal(userNameProblem("my-app.reader_1"), undefined);
        assert.match(userNameProblem("a b") ?? "", /letters, digits/);
        assert.match(userNameProblem("") ?? "", /letters, digits/);
    });
});

describe("streamstack:users at preview", () => {
    const scram = { kafka: { authentication: "scram-sha-512" } };
    it("needs a listener that asks for logins", () => {
        assertProblem({ users: [{ name: "app" }] }, "users", '"app"', 'set kafka.authentication to "scram-sha-512"');
    });
    it("refuses a duplicate, the admin's name and a wrong ACL, naming the entry", () => {
        assertProblem({ ...scram, users: [{ name: "app" }, { name: "app" }] }, "users[1].name", '"app"', "duplicate of users[0]");
        assertProblem({ ...scram, users: [{ name: "streamstack-admin" }] }, "users[0].name", '"streamstack-admin"', "the platform's own admin login");
        assertProblem({ ...scram, users: [{ name: "ANONYMOUS" }] }, "users[0].name", '"ANONYMOUS"', "whoever uses a listener without a login");
        assertProblem({ ...scram, users: [{ name: "app", acls: { "topic:events": ["fly"] } }] }, 'users[0].acls["topic:events"]', '["fly"]', "unknown operation fly");
        assertProblem({ ...scram, users: [{ name: "app", acl: {} }] }, "users[0].acl", 'did you mean "acls"');
    });
});

describe("the brokers' authorizer", () => {
    const input = (externalAuthentication: "scram-sha-512" | "none") => ({
        kafka: DEFAULTS.kafka, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing, externalHost: "127.0.0.1",
        externalPortBase: 19092, protectZnodes: true, externalSecurity: "tls" as const, externalAuthentication,
    });
    it("is on with a login: nothing allowed without an ACL, the admin and the brokers (on REPLICATION) the only super users", () => {
        const text = renderServerProperties(input("scram-sha-512"));
        assert.match(text, /^authorizer\.class\.name=kafka\.security\.authorizer\.AclAuthorizer$/m);
        assert.match(text, /^allow\.everyone\.if\.no\.acl\.found=false$/m);
        assert.match(text, /^super\.users=User:streamstack-admin;User:streamstack-broker$/m);
        assert.match(renderServerProperties({ ...input("scram-sha-512"), kafka: { ...DEFAULTS.kafka, replication: "internal" } }), /^super\.users=User:streamstack-admin;User:ANONYMOUS$/m,
            "while the brokers replicate over INTERNAL, they are its ANONYMOUS clients: a super user, and no broker principal");
        assert.match(renderServerProperties({ ...input("scram-sha-512"), kafka: { ...DEFAULTS.kafka, replication: "migrating-2" } }), /^super\.users=User:streamstack-admin;User:streamstack-broker;User:ANONYMOUS$/m);
        assert.doesNotMatch(renderServerProperties(input("none")), /authorizer/);
    });
});

describe("in-platform clients (INTERNAL's ANONYMOUS) once the brokers replicate over REPLICATION", () => {
    const input = (replication: "tls" | "migrating-2", externalAuthentication: "scram-sha-512" | "none" = "scram-sha-512") => ({
        kafka: { ...DEFAULTS.kafka, replication }, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing, externalHost: "127.0.0.1",
        externalPortBase: 19092, protectZnodes: true, externalSecurity: "tls" as const, externalAuthentication,
    });

    it("get every topic, group and transactional id through ACLs written into ZooKeeper before the broker starts, once per ACL set; nothing on the cluster", () => {
        const start = renderKafkaStart(input("tls"));
        const acls = start.indexOf("kafka-acls.sh --authorizer-properties \"zookeeper.connect=zookeeper-0:2181/kafka\"");
        assert.ok(acls > start.indexOf("--entity-name streamstack-admin") && acls < start.indexOf("exec /opt/kafka/bin/kafka-server-start.sh"), "after the admin's credential, before the broker");
        assert.match(start, /--authorizer-properties zookeeper\.set\.acl=true \\\n {4}--add --allow-principal User:ANONYMOUS --operation All --topic '\*' --group '\*' --transactional-id '\*' >\/dev\/null \|\| exit 1/);
        assert.ok(start.indexOf("--remove --force --allow-principal User:ANONYMOUS --operation All --operation Describe") < start.indexOf("--add --allow-principal User:ANONYMOUS"),
            "whatever another step gave it goes first");
        assert.match(start, /if \[ "\$\(cat \/var\/lib\/kafka\/data\/streamstack-in-platform-acls 2>\/dev\/null\)" != "[0-9a-f]{16}" \]; then/);
        assert.doesNotMatch(start, /--cluster/);
        assert.deepEqual(Object.values(IN_PLATFORM_ACLS).flat(), ["all", "all", "all"]);
        assert.deepEqual(Object.keys(IN_PLATFORM_ACLS), ["topic:*", "group:*", "transactional-id:*"], "no cluster ACL: no ACL, user, broker config or reassignment");
    });

    it("are left as they were while ANONYMOUS is still a super user (the brokers on INTERNAL) or there is no authorizer", () => {
        assert.doesNotMatch(renderKafkaStart(input("migrating-2")), /kafka-acls/);
        assert.doesNotMatch(renderKafkaStart(input("tls", "none")), /kafka-acls/);
    });
});

describe("streamstack:kafka:User in the provider", () => {
    it("generates a password once and keeps it, and refuses a bad name or ACL at check", async () => {
        const handler = userHandler();
        const first = await handler.check(undefined, { name: "app", acls: { "topic:events": ["read"] }, bootstrapServers: "b:1", auth: {} });
        const password = first.inputs!.password as string;
        assert.match(password, /^[A-Za-z0-9_-]{43}$/);
        const again = await handler.check(first.inputs, { name: "app", acls: {}, bootstrapServers: "b:1", auth: {} });
        assert.equal(again.inputs!.password, password);
        const bad = await handler.check(undefined, { name: "a b", acls: { "x": ["read"] }, bootstrapServers: "b:1", auth: {} });
        assert.deepEqual(bad.failures!.map((f) => f.property), ["name", 'acls["x"]']);
        assert.deepEqual(userHandler().secretOutputs, ["password"]);
    });

    it("changes ACLs and the password in place, and replaces only on a new name", async () => {
        const handler = userHandler();
        const base = { name: "app", acls: { "topic:events": ["read"] }, password: "p", bootstrapServers: "b:1", auth: {} };
        assert.equal((await handler.diff("app", base, { ...base })).changes, false);
        assert.equal((await handler.diff("app", base, { ...base, acls: { "topic:events": ["read", "write"] } })).changes, true);
        assert.deepEqual((await handler.diff("app", base, { ...base, password: "q" })).replaces, []);
        assert.deepEqual((await handler.diff("app", base, { ...base, name: "app2" })).replaces, ["name"]);
        assert.equal((await handler.diff("app", base, { ...base, login: true })).changes, false, "a user made before `login` logs in");
    });

    it("keeps a principal without a login to its ACLs: no password, and a change of `login` makes a new resource", async () => {
        const handler = userHandler();
        const checked = await handler.check(undefined, { name: "ANONYMOUS", login: false, acls: { "topic:*": ["describe"] }, bootstrapServers: "b:1", auth: {} });
        assert.deepEqual([checked.inputs!.password, checked.inputs!.login, checked.failures], ["", false, []]);
        const base = { name: "ANONYMOUS", login: false, acls: { "topic:*": ["describe"] }, password: "", bootstrapServers: "b:1", auth: {} };
        assert.deepEqual((await handler.diff("ANONYMOUS", base, { ...base, login: true })).replaces, ["login"]);
    });
});

describe("ANONYMOUS's ACLs on a KRaft platform", () => {
    it("are a principal without a login, made through the admin login (ZooKeeper mode writes them in start.sh)", async () => {
        const graph = await mockGraph(resolveSettings({ kafka: { metadata: "kraft", secureOnDocker: true } }));
        const anonymous = graph.find((r) => r.type === "streamstack:kafka:User" && r.name === "streamstack-kafka-anonymous")!;
        assert.ok(anonymous, "declared on KRaft");
        assert.deepEqual([anonymous.inputs.name, anonymous.inputs.login, anonymous.inputs.acls], ["ANONYMOUS", false, { "topic:*": ["describe"] }]);
        const zookeeperMode = await mockGraph(resolveSettings({ kafka: { secureOnDocker: true } }));
        assert.equal(zookeeperMode.find((r) => r.name === "streamstack-kafka-anonymous"), undefined, "ZooKeeper mode writes them before a broker starts");
    });
});

describe("users in the platform's graph", () => {
    it("manages topics as a user of their own, allowed every topic's create, delete, partitions and configs and nothing else", async () => {
        const graph = await mockGraph(resolveSettings({ kafka: { authentication: "scram-sha-512" } }));
        const manager = graph.find((r) => r.type === "streamstack:kafka:User" && r.name === "streamstack-kafka-topic-manager")!;
        assert.equal(manager.inputs.name, "streamstack-topics");
        assert.deepEqual(manager.inputs.acls, { "topic:*": ["create", "delete", "alter", "describe", "describe-configs", "alter-configs"] });
        assert.deepEqual((manager.inputs.auth as { value: object }).value, { mechanism: "SCRAM-SHA-512", username: "streamstack-admin", password: "mock-secret" }, "made through the admin login");
        const topic = graph.find((r) => r.type === "streamstack:kafka:Topic")!;
        assert.deepEqual((topic.inputs.auth as { value: object }).value,
            { mechanism: "SCRAM-SHA-512", username: "streamstack-topics", password: "mock-password-streamstack-kafka-topic-manager" }, "a secret");
        assert.equal(graph.filter((r) => r.type === "streamstack:kafka:User").length, 1, "an open listener's platform has none");
        const open = await mockGraph(resolveSettings({}));
        assert.equal(open.filter((r) => r.type === "streamstack:kafka:User").length, 0, "an open listener's platform has none");
        assertProblem({ kafka: { authentication: "scram-sha-512" }, users: [{ name: "streamstack-topics", acls: {} }] }, "users[0].name", "manages topics with");
    });

    it("declares a streamstack:kafka:User per entry, logged in as the admin (a secret)", async () => {
        const graph = await mockGraph(resolveSettings({ kafka: { authentication: "scram-sha-512" }, users: [{ name: "app", acls: { "topic:events": ["read"] } }] }));
        const users = graph.filter((r) => r.type === "streamstack:kafka:User" && r.name !== "streamstack-kafka-topic-manager");
        assert.deepEqual(users.map((r) => r.name), ["streamstack-kafka-user-app"]);
        assert.equal(users[0]!.inputs.name, "app");
        assert.deepEqual(users[0]!.inputs.acls, { "topic:events": ["read"] });
        assert.deepEqual((users[0]!.inputs.auth as { value: object }).value, { mechanism: "SCRAM-SHA-512", username: "streamstack-admin", password: "mock-secret" });
    });
});

describe("the Kafka admin's retries (users and topics)", () => {
    it("sends a change again while the connection is refused, and fails at once on a refused login", async () => {
        const { NetworkError, AuthenticationError } = kafka();
        let attempts = 0;
        const made = await retrying(async () => {
            attempts++;
            if (attempts < 3) throw new NetworkError("Connection to 10.87.0.1:31592 failed.");
            return "made";
        }, 10_000);
        assert.deepEqual([made, attempts], ["made", 3]);

        attempts = 0;
        await assert.rejects(retrying(async () => {
            attempts++;
            throw new AuthenticationError("SASL authentication failed.");
        }, 10_000), /SASL authentication failed/);
        assert.equal(attempts, 1);
    });

    it("asks again through a leader election (a refresh right after a broker was lost)", async () => {
        const { ProtocolError } = kafka();
        let attempts = 0;
        const read = await retrying(async () => {
            attempts++;
            if (attempts < 2) throw new ProtocolError("LEADER_NOT_AVAILABLE");
            return "described";
        }, 10_000);
        assert.deepEqual([read, attempts], ["described", 2]);
    });

    it("gives up past its deadline with the last error", async () => {
        const { NetworkError } = kafka();
        await assert.rejects(retrying(async () => {
            throw new NetworkError("Connection to 10.87.0.1:31592 failed.");
        }, 0), /Connection to 10\.87\.0\.1:31592 failed/);
    });
});

/**
 * KRaft (kafka.metadata "kraft"): the rules a stack's settings are held to at preview, and what
 * the brokers and dedicated controllers are rendered with — the quorum's voters, the CONTROLLER
 * listener's mutual TLS, storage formatted once with voter directory ids every member computes
 * alike (checked by running the start script's own shell function against Node's SHA-256).
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { DEFAULTS, KafkaSettings } from "../../components/config";
import { resolveSettings } from "../../components/platform/settings";
import { clusterDnsAddressing, flatAddressing } from "../../components/model/addressing";
import { kafkaWorkload, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { controllerWorkload, renderControllerProperties, renderControllerStart } from "../../components/kafka/controllers";
import { metadataStepProblems } from "../../components/kafka/migration";
import { quorumChangeProblems, quorumPrincipalRule, quorumVoters, versionChangeProblems } from "../../components/kafka/kraft";
import { levelToRaise } from "../../plugins/streamstack/kafka/metadata-version";
import { localAddresses } from "../../program/local-addresses";
import { kafkaQuorum } from "../../live";
import { leadingVoter } from "../../targets/docker/roll-order";
import { quorumRows } from "../../operations/status-report";
import { connectionRefused } from "../../plugins/streamstack/platform/member-readiness";
import { declaredVolumes } from "../../program/volume-removal";
import * as net from "node:net";
import { assertProblem, problemsOf } from "../support/config-problems";
import { kubernetesConfig } from "../support/kubernetes-settings";
import { assertGolden } from "../support/golden";

const KRAFT: KafkaSettings = { ...DEFAULTS.kafka, metadata: "kraft", version: "4.4.0" };
const COMBINED: KafkaSettings = { ...KRAFT, controllers: 0 };

function renderInput(kafka: KafkaSettings) {
    return {
        kafka, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing, externalHost: "127.0.0.1", externalPortBase: 19092,
        protectZnodes: true, externalSecurity: "plaintext" as const, externalAuthentication: "none" as const,
    };
}

describe("kafka.metadata: the rules at preview", () => {
    it("accepts KRaft with dedicated controllers or in combined mode, on Kafka 3.9 and 4.x", () => {
        assert.deepEqual(problemsOf({ kafka: { metadata: "kraft", version: "4.4.0" } }), []);
        assert.deepEqual(problemsOf({ kafka: { metadata: "kraft", version: "3.9.1", controllers: 0 } }), []);
        assert.deepEqual(problemsOf({ kafka: { metadata: "kraft", controllers: 1, brokers: 1, defaultReplicationFactor: 1, minInsyncReplicas: 1 }, topics: [] }), []);
    });

    it("refuses Kafka 4 in ZooKeeper mode, naming both ways out", () => {
        assertProblem({ kafka: { version: "4.4.0" } }, "kafka.metadata", "Kafka 4.4.0 has no ZooKeeper mode", 'kafka.metadata "kraft"', 'kafka.version "3.9.1"');
    });

    it("refuses a version that is no release, or older than 3.9", () => {
        assertProblem({ kafka: { version: "4.4" } }, "kafka.version", "must be a Kafka release");
        assertProblem({ kafka: { version: "3.8.1", metadata: "kraft" } }, "kafka.version", "3.9");
        assertProblem({ kafka: { metadata: "raft" } }, "kafka.metadata", '"zookeeper" (the default) or "kraft"');
    });

    it("refuses a quorum without a clear majority, and combined mode on an even broker count", () => {
        assertProblem({ kafka: { metadata: "kraft", controllers: 2 } }, "kafka.controllers", "1, 3 or 5");
        assertProblem({ kafka: { metadata: "kraft", controllers: 0, brokers: 4 } }, "kafka.brokers", "every broker is a voter");
    });

    it("refuses what this release does not run on KRaft yet: replication over INTERNAL, dedicated controllers on Kubernetes; takes logins", () => {
        assert.deepEqual(problemsOf({ kafka: { metadata: "kraft", secureOnDocker: true } }), []);
        assertProblem({ kafka: { metadata: "kraft", replication: "migrating-2" } }, "kafka.replication", "mutual TLS");
        const onKubernetes = problemsOf(kubernetesConfig({ kafka: { metadata: "kraft" } }));
        assert.deepEqual(onKubernetes.map((p) => p.key), ["streamstack:kafka.controllers"], JSON.stringify(onKubernetes));
        assert.match(onKubernetes[0]!.message, /combined mode .*set kafka\.controllers 0/);
        assert.deepEqual(problemsOf(kubernetesConfig({ kafka: { metadata: "kraft", version: "4.4.0", controllers: 0 } })), [], "combined mode on Kubernetes");
    });

    it("follows kafka.version with the default image, and leaves a named image alone", () => {
        const machine = { localAddresses: localAddresses() };
        assert.equal(resolveSettings({}, machine).images.kafka, "streamstack/kafka:local");
        assert.equal(resolveSettings({ kafka: { metadata: "kraft", version: "4.4.0" } }, machine).images.kafka, "streamstack/kafka:4.4.0");
        assert.equal(resolveSettings({ kafka: { metadata: "kraft", version: "4.4.0" }, images: { kafka: "registry.example.com/kafka:4.4.0-1" } }, machine).images.kafka,
            "registry.example.com/kafka:4.4.0-1");
    });

    it("refuses changing a running quorum's voters (the dedicated controllers' count, combined mode's brokers, or between the two)", () => {
        const dedicated = { controllers: [0, 1, 2], kraftBrokers: [0, 1, 2] };
        assert.deepEqual(quorumChangeProblems(dedicated, { kafka: KRAFT }), []);
        assert.deepEqual(quorumChangeProblems({ controllers: [], kraftBrokers: [] }, { kafka: { ...KRAFT, controllers: 5 } }), [], "a new platform: anything");
        assert.deepEqual(quorumChangeProblems(dedicated, { kafka: { ...KRAFT, brokers: 4 } }), [], "brokers observe the quorum: they may change");
        const grown = quorumChangeProblems(dedicated, { kafka: { ...KRAFT, controllers: 5 } });
        assert.deepEqual(grown.map((p) => p.key), ["streamstack:kafka.controllers"]);
        assert.match(grown[0]!.message, /the running quorum's voters are 3 dedicated controllers: this release does not add or remove a voter/);
        assert.match(quorumChangeProblems(dedicated, { kafka: COMBINED })[0]!.message, /3 dedicated controllers/);
        const combined = { controllers: [], kraftBrokers: [0, 1, 2] };
        assert.deepEqual(quorumChangeProblems(combined, { kafka: COMBINED }), []);
        assert.deepEqual(quorumChangeProblems(combined, { kafka: { ...COMBINED, brokers: 5 } }).map((p) => p.key), ["streamstack:kafka.brokers"]);
        assert.deepEqual(quorumChangeProblems(combined, { kafka: KRAFT }).map((p) => p.key), ["streamstack:kafka.controllers"]);
    });

    it("refuses moving a cluster made on KRaft back to ZooKeeper mode or into a migration's steps, and passes a stack that stays", () => {
        const docker = (kafka: typeof KRAFT) => ({ kafka, target: "docker" as const });
        assert.deepEqual(metadataStepProblems([], docker(KRAFT)), []);
        assert.deepEqual(metadataStepProblems(["kraft"], docker(KRAFT)), []);
        assert.deepEqual(metadataStepProblems(["zookeeper"], docker(DEFAULTS.kafka)), []);
        assert.match(metadataStepProblems(["kraft"], docker(DEFAULTS.kafka))[0]!.message, /cannot go back to ZooKeeper mode/);
        assert.match(metadataStepProblems(["zookeeper"], { kafka: KRAFT, target: "kubernetes" })[0]!.message, /a migration, which runs on the Docker target/);
    });

    it("takes a KRaft cluster forward a release line, or to another patch of its own, never back", () => {
        const on39 = { kafka: { ...KRAFT, version: "3.9.1" } };
        assert.deepEqual(versionChangeProblems(["3.9.1", "3.9.1"], { kafka: KRAFT }), [], "3.9 to 4.4: the upgrade");
        assert.deepEqual(versionChangeProblems(["4.4.0", undefined], { kafka: { ...KRAFT, version: "4.4.1" } }), [], "a patch of the same line");
        assert.deepEqual(versionChangeProblems([], on39), [], "nothing runs yet");
        assert.deepEqual(versionChangeProblems(["4.4.0"], { kafka: { ...DEFAULTS.kafka } }), [], "ZooKeeper mode is metadataStepProblems' to refuse");
        // Half a roll: some members on the new line already count.
        const back = versionChangeProblems(["3.9.1", "4.4.0", "4.4.0"], on39);
        assert.deepEqual(back.map((p) => p.key), ["streamstack:kafka.version"]);
        assert.match(back[0]!.message, /runs Kafka 4\.4\.0, and a KRaft cluster does not go back a release line .*keep "4\.4\.0"/);
    });

    it("raises metadata.version to the highest level every broker supports, once, never down", () => {
        const view = (supportedMax: number | undefined, finalized: number | undefined) => ({ endpoint: "b:1", supportedMax, finalized });
        assert.deepEqual(levelToRaise([view(27, 21), view(27, 21), view(27, 21)]), { from: 21, to: 27 });
        assert.equal(levelToRaise([view(27, 21), view(21, 21), view(27, 21)]), undefined, "a broker still on the old release holds it");
        assert.equal(levelToRaise([view(27, 27), view(27, 27)]), undefined, "there already");
        assert.equal(levelToRaise([view(27, undefined)]), undefined, "no finalized level: not a KRaft member");
        assert.equal(levelToRaise([]), undefined);
    });
});

describe("KRaft brokers and controllers as rendered", () => {
    it("matches the golden files: a dedicated controller's properties and a broker's (Kafka 4.4.0, 3 controllers, Docker)", () => {
        assertGolden("kraft-controller.properties", renderControllerProperties(KRAFT, flatAddressing, "kafka"));
        assertGolden("kraft-server.properties", renderServerProperties(renderInput(KRAFT)));
    });

    it("names the dedicated controllers as voters (ids apart from the brokers'), or the brokers in combined mode", () => {
        assert.deepEqual(quorumVoters(KRAFT, flatAddressing, "kafka"), [
            { nodeId: 1000, host: "kafka-controller-0" }, { nodeId: 1001, host: "kafka-controller-1" }, { nodeId: 1002, host: "kafka-controller-2" }]);
        assert.deepEqual(quorumVoters(COMBINED, clusterDnsAddressing("ns"), "kafka").map((v) => `${v.nodeId}@${v.host}`),
            ["0@kafka-0.ns.svc.cluster.local", "1@kafka-1.ns.svc.cluster.local", "2@kafka-2.ns.svc.cluster.local"]);
    });

    it("gives a broker no ZooKeeper at all: its role, the quorum, and CONTROLLER's protocol for dialling it", () => {
        const properties = renderServerProperties(renderInput(KRAFT));
        assert.doesNotMatch(properties, /zookeeper/);
        assert.match(properties, /^process\.roles=broker$/m);
        assert.match(properties, /^controller\.quorum\.bootstrap\.servers=kafka-controller-0:9095,kafka-controller-1:9095,kafka-controller-2:9095$/m);
        assert.match(properties, /^listener\.security\.protocol\.map=.*,CONTROLLER:SSL$/m);
        assert.doesNotMatch(properties, /^listeners=.*CONTROLLER/m, "a broker-only member does not listen on CONTROLLER");
        assert.match(properties, /^listener\.name\.controller\.ssl\.client\.auth=required$/m);
        const start = renderKafkaStart(renderInput(KRAFT));
        assert.match(start, /--override "node\.id=\$\{ORDINAL\}"/);
        assert.match(start, /--override "listener\.name\.controller\.ssl\.keystore\.location=\/etc\/streamstack-secrets\/kafka-tls-\$\{ORDINAL\}\.pem"/);
        assert.match(start, /printf '%s\\n' kafka\.tools\.StorageTool format --ignore-formatted --cluster-id "\$CLUSTER_ID"/);
        assert.match(start, /kafka-run-class\.sh @\/tmp\/streamstack-format\.args/, "the format runs from an argument file");
        assert.doesNotMatch(start, /--initial-controllers|kafka-configs|ZkSecurityMigrator/, "a broker joins as an observer; nothing of ZooKeeper");
        const group = kafkaWorkload(renderInput(KRAFT), "streamstack/kafka:4.4.0");
        assert.deepEqual(group.dependsOn, ["kafka-controller"]);
        assert.deepEqual(group.secretFiles.map((f) => f.name).filter((n) => /cluster-id|jaas/.test(n)), ["kafka-cluster-id"]);
        assert.equal(group.annotations["streamstack.kafka-metadata"], "kraft");
        assert.equal(group.env.KAFKA_OPTS, undefined, "no ZooKeeper login");
    });

    it("makes every broker a voter in combined mode, listening on CONTROLLER and advertising it", () => {
        const properties = renderServerProperties(renderInput(COMBINED));
        assert.match(properties, /^process\.roles=broker,controller$/m);
        assert.match(properties, /^listeners=.*,CONTROLLER:\/\/0\.0\.0\.0:9095$/m);
        assert.match(properties, /^controller\.quorum\.bootstrap\.servers=kafka-0:9095,kafka-1:9095,kafka-2:9095$/m);
        const start = renderKafkaStart(renderInput(COMBINED));
        assert.match(start, /--initial-controllers "0@kafka-0:9095:\$\(directory_id 0\),1@kafka-1:9095:\$\(directory_id 1\),2@kafka-2:9095:\$\(directory_id 2\)"/);
        assert.match(start, /advertised\.listeners=.*CONTROLLER:\/\/\$\{MEMBER_HOST\}:9095/);
        assert.deepEqual(kafkaWorkload(renderInput(COMBINED), "i").dependsOn, []);
        // Declared, so a target that routes declared ports only (Kubernetes' per-pod Services) carries it.
        assert.deepEqual(kafkaWorkload(renderInput(COMBINED), "i").ports.find((port) => port.containerPort === 9095), { name: "controller", containerPort: 9095, exposure: "members" });
        assert.equal(kafkaWorkload(renderInput(KRAFT), "i").ports.some((port) => port.containerPort === 9095), false, "a broker of dedicated controllers only dials it");
    });

    it("renders dedicated controllers: CONTROLLER only, their own key stores, node ids from 1000, a volume each", () => {
        const properties = renderControllerProperties(KRAFT, flatAddressing, "kafka");
        assert.match(properties, /^process\.roles=controller$/m);
        assert.match(properties, /^listeners=CONTROLLER:\/\/0\.0\.0\.0:9095$/m);
        assert.match(properties, /^listener\.security\.protocol\.map=CONTROLLER:SSL$/m);
        assert.match(properties, /^min\.insync\.replicas=2$/m, "the controller stamps a new topic's min.insync.replicas");
        assert.match(properties, /^default\.replication\.factor=3$/m);
        assert.match(properties, /^unclean\.leader\.election\.enable=false$/m);
        assert.match(properties, /^listener\.name\.controller\.ssl\.principal\.mapping\.rules=RULE:\^CN=kafka-\[0-9\]\+\$\/streamstack-broker\/,RULE:\^CN=kafka-controller-\[0-9\]\+\$\/streamstack-broker\/,DEFAULT$/m);
        const start = renderControllerStart(KRAFT, flatAddressing, "kafka");
        assert.match(start, /^NODE_ID="\$\(\(1000 \+ ORDINAL\)\)"$/m);
        assert.match(start, /--initial-controllers "1000@kafka-controller-0:9095:\$\(directory_id 1000\),1001@/);
        assert.match(start, /kafka-controller-tls-\$\{ORDINAL\}\.pem/);
        const brokers = kafkaWorkload(renderInput(KRAFT), "streamstack/kafka:4.4.0");
        const group = controllerWorkload({ kafka: KRAFT, addressing: flatAddressing, brokers }, "streamstack/kafka:4.4.0");
        assert.deepEqual(group.stateFrom, { ports: brokers.ports, statePort: "external", replicas: 3 }, "the brokers' external listener answers for the controllers");
        assert.equal(group.replicas, 3);
        assert.equal(group.minAvailable, 2);
        assert.deepEqual(group.volumes.map((v) => [v.name, v.size]), [["data", "1Gi"]]);
        assert.ok(group.ports.every((p) => p.exposure === "members"), "nothing of a controller is published");
    });

    it("with logins: KRaft's authorizer on brokers and controllers, the admin's credential in the quorum's first metadata, nothing written to ZooKeeper", () => {
        const secured = { ...renderInput(KRAFT), externalSecurity: "tls" as const, externalAuthentication: "scram-sha-512" as const };
        const properties = renderServerProperties(secured);
        assert.match(properties, /^authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.StandardAuthorizer$/m);
        assert.match(properties, /salted credential in the metadata log/);
        assert.match(properties, /the platform writes that ACL once the cluster runs|the platform writes those ACLs once the cluster runs/);
        const brokerStart = renderKafkaStart(secured);
        assert.doesNotMatch(brokerStart, /kafka-configs|kafka-acls|--add-scram/, "an observer formats without the credential; nothing goes to ZooKeeper");
        assert.match(renderKafkaStart({ ...secured, kafka: COMBINED }), /--add-scram "SCRAM-SHA-512=\[name=streamstack-admin,password=\$\(sed -n /, "a combined member is a voter");
        const brokers = kafkaWorkload(secured, "i");
        const controllers = controllerWorkload({ kafka: KRAFT, addressing: flatAddressing, brokers, logins: true }, "i");
        const controllerProperties = controllers.files.find((f) => f.name === "server.properties")!.content;
        assert.match(controllerProperties, /^authorizer\.class\.name=org\.apache\.kafka\.metadata\.authorizer\.StandardAuthorizer$/m);
        assert.match(controllerProperties, /^super\.users=User:streamstack-admin;User:streamstack-broker$/m);
        const controllerStart = controllers.files.find((f) => f.name === "start.sh")!.content;
        assert.match(controllerStart, /--add-scram "SCRAM-SHA-512=\[name=streamstack-admin,password=\$\(sed -n 's\/\^SCRAM-SHA-512=password=\/\/p' \/etc\/streamstack-secrets\/kafka-admin\.scram\)\]"/);
        // The password goes from its file into the argument file through bash's printf (a builtin):
        // on no process's command line.
        const passwordLines = controllerStart.split("\n").filter((line) => line.includes("kafka-admin.scram"));
        assert.deepEqual(passwordLines.map((line) => line.trimStart().slice(0, 20)), ["(umask 077; printf '"]);
        assert.deepEqual(controllers.secretFiles.map((f) => f.name).filter((n) => /admin|login/.test(n)), ["kafka-admin.scram", "state-login.json"]);
        assert.equal(controllers.annotations["streamstack.state-login"], "SCRAM-SHA-512", "the target reads the login the brokers ask for");
    });

    it("declares the controllers' volumes, so an up that keeps them warns of no data loss", () => {
        const declared = declaredVolumes(resolveSettings({ kafka: { metadata: "kraft" } }, { localAddresses: localAddresses() }), "streamstack-local");
        for (const volume of ["kafka-controller-0-data", "kafka-controller-2-data", "kafka-controller-secret-files", "kafka-0-data"]) {
            assert.ok(declared.includes(`streamstack-local-${volume}`), `${volume} in ${declared.join(", ")}`);
        }
    });

    it("maps a namespaced member's certificate name with its dots escaped", () => {
        assert.match(quorumPrincipalRule(clusterDnsAddressing("ns"), "kafka"), /RULE:\^CN=kafka-controller-\[0-9\]\+\[\.\]ns\[\.\]svc/);
    });

    it("computes each voter's directory id in the start script as 16 bytes of sha256(cluster id/node id), base64url", async () => {
        const start = renderControllerStart(KRAFT, flatAddressing, "kafka");
        const definition = start.split("\n").find((line) => line.startsWith("directory_id()"));
        assert.ok(definition, "the start script defines directory_id");
        const clusterId = "MkU3OEVBNTcwNTJENDM2Qk";
        const { stdout } = await promisify(execFile)("bash", ["-c", `CLUSTER_ID=${clusterId}\n${definition}\ndirectory_id 1001`]);
        assert.equal(stdout, createHash("sha256").update(`${clusterId}/1001`).digest().subarray(0, 16).toString("base64url"));
    });
});

describe("the KRaft quorum probe (one DescribeQuorum v0 request through a broker)", () => {
    /** A DescribeQuorum v0 answer: leader 1001 at epoch 7, committed 120; voters 1002 (behind), 1000, 1001; observers 0, 1. */
    function describeQuorumAnswer(): Buffer {
        const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
        const int64 = (n: number) => { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(n)); return b; };
        const replica = (id: number, end: number) => Buffer.concat([int32(id), int64(end), Buffer.from([0])]);
        const topic = Buffer.from("__cluster_metadata");
        const body = Buffer.concat([
            int32(1), Buffer.from([0]), // correlation id, header tags
            Buffer.from([0, 0]), // error code
            Buffer.from([2, topic.length + 1]), topic, // one topic
            Buffer.from([2]), int32(0), Buffer.from([0, 0]), int32(1001), int32(7), int64(120), // one partition: index, error, leader, epoch, high watermark
            Buffer.from([4]), replica(1002, 97), replica(1000, 120), replica(1001, 121),
            Buffer.from([3]), replica(0, 121), replica(1, 121),
            Buffer.from([0, 0, 0]), // partition, topic, response tags
        ]);
        return Buffer.concat([int32(body.length), body]);
    }

    it("reads the leader, what it committed and where each voter and observer is; asks for the metadata partition only", async () => {
        let request = Buffer.alloc(0);
        const server = net.createServer((socket) => socket.on("data", (chunk) => {
            request = Buffer.concat([request, chunk]);
            socket.end(describeQuorumAnswer());
        }));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const quorum = await kafkaQuorum("127.0.0.1", (server.address() as net.AddressInfo).port);
            assert.equal(request.readInt16BE(4), 55, "api key DescribeQuorum");
            assert.equal(request.readInt16BE(6), 0, "version 0");
            assert.ok(request.includes(Buffer.from("__cluster_metadata")));
            assert.equal(quorum.leaderId, 1001);
            assert.equal(quorum.leaderEpoch, 7);
            assert.equal(quorum.highWatermark, 120n);
            assert.deepEqual(quorum.voters.map((v) => [v.id, Number(v.logEndOffset)]), [[1002, 97], [1000, 120], [1001, 121]]);
            assert.deepEqual(quorum.observers.map((v) => v.id), [0, 1]);
            assert.equal(leadingVoter(quorum), 1, "voters in node id order: 1001 is the second controller");
        } finally {
            server.close();
        }
    });

    it("gives the status report a row per voter: leader or follower, and its metadata lag (unhealthy beyond 10 records)", async () => {
        const server = net.createServer((socket) => socket.once("data", () => socket.end(describeQuorumAnswer())));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const rows = await quorumRows(`127.0.0.1:${(server.address() as net.AddressInfo).port}`, {});
            assert.deepEqual(rows.map((r) => [r.member, r.state, r.healthy]), [
                ["kafka-controller-0", "follower", true], ["kafka-controller-1", "leader", true], ["kafka-controller-2", "follower", false]]);
            assert.equal(rows[2]!.detail, "metadata lag 23 (log end 97, committed 120)");
            assert.deepEqual(await quorumRows("127.0.0.1:1", {}), [], "nothing answers: no rows (as for ZooKeeper mode)");
        } finally {
            server.close();
        }
    });

    it("is no answer from a broker that closes the connection (ZooKeeper mode knows no DescribeQuorum)", async () => {
        const server = net.createServer((socket) => socket.once("data", () => socket.destroy()));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            await assert.rejects(kafkaQuorum("127.0.0.1", (server.address() as net.AddressInfo).port), /closed the connection without a DescribeQuorum answer/);
        } finally {
            server.close();
        }
    });

    it("tells a cold up (no broker listens yet) from a broker that answers badly, through the client's wrapped errors", () => {
        const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
        assert.equal(connectionRefused(refused), true);
        assert.equal(connectionRefused(new Error("Connection to 127.0.0.1:1 failed.", { cause: refused })), true, "the Kafka client's NetworkError");
        assert.equal(connectionRefused(new Error("127.0.0.1:1 closed the connection without a DescribeQuorum answer")), false);
    });

    it("names no leading voter when the leader is not a voter of this group", () => {
        assert.equal(leadingVoter({ leaderId: 1002, voters: [{ id: 0, logEndOffset: 0n }, { id: 1, logEndOffset: 0n }, { id: 2, logEndOffset: 0n }] }), undefined);
        assert.equal(leadingVoter({ leaderId: 2, voters: [{ id: 2, logEndOffset: 0n }, { id: 0, logEndOffset: 0n }, { id: 1, logEndOffset: 0n }] }), 2);
    });
});

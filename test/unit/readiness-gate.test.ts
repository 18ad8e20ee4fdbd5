import * as assert from "node:assert/strict";
import * as net from "node:net";
import { describe, it } from "node:test";
import { readinessGateHandler, waitUntilReady } from "../../plugins/streamstack/platform/gate-handler";
import { observe, Observation, WatchedMember } from "../../plugins/streamstack/platform/member-readiness";
import { dockerSocketPath } from "../../live/docker-engine";
import { rollOrder, stateEndpoints } from "../../targets/docker/roll-order";
import { kafkaControllerId } from "../../live";
import { PortSpec } from "../../components/model/workload";

const member = (ordinal: number): WatchedMember => ({ member: `kafka-${ordinal}`, ordinal, container: `c-kafka-${ordinal}`, containerId: `id-${ordinal}`, endpoint: `127.0.0.1:${19092 + ordinal}` });
const gate = (members: WatchedMember[], timeoutSeconds = 5) => ({
    kind: "kafka" as const, group: "kafka", members, groupEndpoints: members.map((m) => m.endpoint), waitOnCreate: true, timeoutSeconds, stack: "streamstack-unit",
});

describe("roll order", () => {
    it("rolls by ordinal with the leading member last", () => {
        assert.deepEqual(rollOrder(3, 0), [1, 2, 0]);
        assert.deepEqual(rollOrder(3, 1), [0, 2, 1]);
        assert.deepEqual(rollOrder(3, 2), [0, 1, 2]);
        assert.deepEqual(rollOrder(2, 0), [1, 0]);
    });

    it("keeps ordinal order when no member leads or the leader is outside the group", () => {
        assert.deepEqual(rollOrder(3, undefined), [0, 1, 2]);
        assert.deepEqual(rollOrder(3, 7), [0, 1, 2]);
        assert.deepEqual(rollOrder(3, -1), [0, 1, 2]);
        assert.deepEqual(rollOrder(1, 0), [0]);
    });

    it("reads a group's state on each member's published state port, and not at all when it is not published", () => {
        const ports: PortSpec[] = [
            { name: "internal", containerPort: 9092, exposure: "in-cluster-clients" },
            { name: "external", containerPort: 9094, exposure: "external-clients", hostPortBase: 19092 },
        ];
        assert.deepEqual(stateEndpoints({ ports, statePort: "external", replicas: 3 }, "127.0.0.1"), ["127.0.0.1:19092", "127.0.0.1:19093", "127.0.0.1:19094"]);
        assert.deepEqual(stateEndpoints({ ports, statePort: "internal", replicas: 3 }, "127.0.0.1"), []);
    });
});

describe("readiness gate", () => {
    it("returns once every member is ready at the same look", async () => {
        let looks = 0;
        await waitUntilReady(gate([member(0), member(1)]), async (_kind, m): Promise<Observation> => {
            looks++;
            return { ready: looks > 2 || m.ordinal === 0, waitedFor: "x", seen: "y" };
        });
        assert.ok(looks >= 4);
    });

    it("fails at the deadline naming each member still waiting, what it waited for and what it saw", async () => {
        await assert.rejects(
            waitUntilReady(gate([member(0), member(1)], 1), async (_kind, m): Promise<Observation> => (m.ordinal === 0
                ? { ready: true, waitedFor: "ok", seen: "ok" }
                : { ready: false, waitedFor: "broker 1 registered and every partition's replicas in sync", seen: "broker 2: 4 replicas out of sync" })),
            (error: Error) => {
                assert.match(error.message, /^kafka not ready after 1 s/);
                assert.match(error.message, /kafka-1: waited for broker 1 registered and every partition's replicas in sync; last seen: broker 2: 4 replicas out of sync/);
                assert.doesNotMatch(error.message, /kafka-0:/);
                return true;
            });
    });

    it("is updated, never replaced, when a watched member's container is replaced", async () => {
        const handler = readinessGateHandler();
        const olds = gate([member(0)]) as unknown as Record<string, unknown>;
        const news = gate([{ ...member(0), containerId: "id-new" }]) as unknown as Record<string, unknown>;
        assert.deepEqual(await handler.diff("kafka:kafka-0", olds, news), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.equal((await handler.diff("kafka:kafka-0", olds, olds)).changes, false);
    });

    it("does not wait when created between two members, so a cold up starts a group together", async () => {
        const handler = readinessGateHandler();
        const inputs = { ...gate([member(0)]), waitOnCreate: false, timeoutSeconds: 1 } as unknown as Record<string, unknown>;
        const started = Date.now();
        const result = await handler.create(inputs);
        assert.equal(result.id, "kafka:kafka-0");
        assert.ok(Date.now() - started < 500);
    });

    it("refuses a timeout that is not a positive number of seconds", async () => {
        const result = await readinessGateHandler().check(undefined, { ...gate([member(0)]), timeoutSeconds: 0 });
        assert.deepEqual(result.failures, [{ property: "timeoutSeconds", reason: "must be a positive number of seconds" }]);
    });

    it("takes a Docker engine that does not answer in time as one look without an answer, not as the gate's failure", { timeout: 20_000 }, async () => {
        const socketPath = `/tmp/streamstack-unit-silent-${process.pid}.sock`;
        const held: net.Socket[] = [];
        const silent = net.createServer((socket) => { held.push(socket); });
        await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
        const before = process.env.DOCKER_HOST;
        process.env.DOCKER_HOST = `unix://${socketPath}`;
        try {
            const look = await observe("kafka", member(0), { groupEndpoints: [], stack: "streamstack-unit" });
            assert.equal(look.ready, false);
            assert.match(look.seen, /^the Docker engine did not answer \(.*no answer in 5000 ms\)$/);
        } finally {
            if (before === undefined) delete process.env.DOCKER_HOST; else process.env.DOCKER_HOST = before;
            for (const socket of held) socket.destroy();
            await new Promise((resolve) => silent.close(resolve));
        }
    });

    it("reaches the Docker engine through DOCKER_HOST's unix socket and says how to fix any other", () => {
        assert.equal(dockerSocketPath(undefined), "/var/run/docker.sock");
        assert.equal(dockerSocketPath("unix:///run/user/1000/docker.sock"), "/run/user/1000/docker.sock");
        assert.throws(() => dockerSocketPath("tcp://10.0.0.1:2376"), /unix socket only; unset DOCKER_HOST or point it at unix:/);
    });
});

describe("Kafka controller probe (one Metadata v4 request on a plain socket)", () => {
    it("sends Metadata v4 without topics and reads controller_id after the brokers and the cluster id", async () => {
        let request = Buffer.alloc(0);
        const server = net.createServer((socket) => socket.on("data", (chunk) => {
            request = Buffer.concat([request, chunk]);
            // correlation id, throttle time, 2 brokers (id, host, port, rack: one null, one "r1"), cluster id, controller 7, no topics
            const host = Buffer.from("kafka-0");
            const parts = [Buffer.alloc(4), Buffer.alloc(4), Buffer.alloc(4)];
            parts[0]!.writeInt32BE(1);
            parts[1]!.writeInt32BE(0);
            parts[2]!.writeInt32BE(2);
            const broker = (id: number, rack: string | null) => {
                const b = Buffer.alloc(4 + 2 + host.length + 4 + 2 + (rack?.length ?? 0));
                let at = b.writeInt32BE(id, 0);
                at = b.writeInt16BE(host.length, at);
                at += host.copy(b, at);
                at = b.writeInt32BE(9092, at);
                at = b.writeInt16BE(rack === null ? -1 : rack.length, at);
                if (rack) b.write(rack, at);
                return b;
            };
            const clusterId = Buffer.from("MkU3OEVBNTcwNTJENDM2Qk");
            const tail = Buffer.alloc(2 + clusterId.length + 8);
            let at = tail.writeInt16BE(clusterId.length, 0);
            at += clusterId.copy(tail, at);
            at = tail.writeInt32BE(7, at);
            tail.writeInt32BE(0, at);
            const body = Buffer.concat([...parts, broker(0, null), broker(1, "r1"), tail]);
            const size = Buffer.alloc(4);
            size.writeInt32BE(body.length);
            socket.end(Buffer.concat([size, body]));
        }));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const port = (server.address() as net.AddressInfo).port;
            assert.equal(await kafkaControllerId("127.0.0.1", port), 7);
            assert.equal(request.readInt16BE(4), 3, "api key Metadata");
            assert.equal(request.readInt16BE(6), 4, "api version 4");
            assert.equal(request.readInt32BE(request.length - 5), 0, "no topics");
            assert.equal(request.readInt8(request.length - 1), 0, "allow_auto_topic_creation false");
        } finally {
            server.close();
        }
    });
});

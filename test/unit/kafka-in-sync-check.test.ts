/**
 * The brokers' readiness check (in-sync.pl) run by the real perl against a fake broker that
 * answers the Metadata v4 request (the oldest Kafka 4 answers) with a crafted response: ready only when this broker is
 * registered and in the ISR of every partition it holds.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { renderInSyncCheck } from "../../components/kafka/in-sync-check";
import { kafkaWorkload, renderKafkaStart, renderServerProperties } from "../../components/kafka/render";
import { DEFAULTS } from "../../components/config";
import { flatAddressing } from "../../components/model/addressing";

interface FakePartition { index: number; replicas: number[]; isr: number[] }

const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
const str = (s: string) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]);
const ints = (list: number[]) => Buffer.concat([int32(list.length), ...list.map(int32)]);

function metadataResponse(brokers: number[], topics: Record<string, FakePartition[]>): Buffer {
    const body = Buffer.concat([
        int32(1), // correlation id
        int32(0), // throttle time
        int32(brokers.length), ...brokers.map((id) => Buffer.concat([int32(id), str(`kafka-${id}`), int32(9092), int16(-1)])),
        str("MkU3OEVBNTcwNTJENDM2Qk"), // cluster id
        int32(brokers[0] ?? -1),
        int32(Object.keys(topics).length),
        ...Object.entries(topics).map(([name, partitions]) => Buffer.concat([
            int16(0), str(name), Buffer.from([0]), int32(partitions.length),
            ...partitions.map((p) => Buffer.concat([int16(0), int32(p.index), int32(p.replicas[0]), ints(p.replicas), ints(p.isr)])),
        ])),
    ]);
    return Buffer.concat([int32(body.length), body]);
}

describe("Kafka in-sync readiness check (perl)", () => {
    let script: string;
    let server: net.Server;
    let port: number;
    let answer: Buffer;
    const requests: Buffer[] = [];

    before(async () => {
        script = path.join(mkdtempSync(path.join(tmpdir(), "in-sync-")), "in-sync.pl");
        writeFileSync(script, renderInSyncCheck());
        server = net.createServer((socket) => socket.once("data", (request) => { requests.push(request); socket.end(answer); }));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as net.AddressInfo).port;
    });

    after(() => server.close());

    async function check(brokerId: number): Promise<{ ok: boolean; message: string }> {
        try {
            await promisify(execFile)("perl", [script, String(port)], { env: { ...process.env, STREAMSTACK_ORDINAL: String(brokerId) } });
            return { ok: true, message: "" };
        } catch (error) {
            return { ok: false, message: String((error as { stderr?: string }).stderr ?? error).trim() };
        }
    }

    it("sends a Metadata v4 request for every topic, creating none", async () => {
        answer = metadataResponse([0], {});
        await check(0);
        const request = requests[requests.length - 1];
        assert.equal(request.readInt16BE(4), 3, "api key Metadata");
        assert.equal(request.readInt16BE(6), 4, "version 4");
        assert.equal(request.readInt32BE(request.length - 5), -1, "a null topic list: all topics");
        assert.equal(request.readInt8(request.length - 1), 0, "allow_auto_topic_creation false");
    });

    it("is ready when the broker is registered and in every ISR it belongs to", async () => {
        answer = metadataResponse([0, 1, 2], {
            events: [{ index: 0, replicas: [0, 1, 2], isr: [0, 1, 2] }, { index: 1, replicas: [1, 2, 0], isr: [2, 1, 0] }],
            other: [{ index: 0, replicas: [1, 2], isr: [1] }],
        });
        assert.deepEqual(await check(0), { ok: true, message: "" });
    });

    it("is not ready while it is missing from an ISR, naming a partition", async () => {
        answer = metadataResponse([0, 1, 2], { events: [{ index: 0, replicas: [0, 1, 2], isr: [0, 1, 2] }, { index: 3, replicas: [2, 0, 1], isr: [0, 1] }] });
        const result = await check(2);
        assert.equal(result.ok, false);
        assert.match(result.message, /broker 2 is not in sync yet: 1 partition\(s\), e\.g\. events-3/);
    });

    it("is not ready before it is registered, nor when nothing answers", async () => {
        answer = metadataResponse([0, 1], {});
        assert.match((await check(2)).message, /broker 2 is not registered/);
        const closed = port;
        port = 1;
        try {
            assert.match((await check(0)).message, /does not accept connections on port 1/);
        } finally {
            port = closed;
        }
    });
});

describe("the brokers' PROBE listener, which the readiness check asks", () => {
    const input = {
        kafka: DEFAULTS.kafka, zookeeperConnect: "zookeeper-0:2181", addressing: flatAddressing, externalHost: "127.0.0.1",
        externalPortBase: 19092, protectZnodes: true, externalSecurity: "tls" as const, externalAuthentication: "scram-sha-512" as const,
    };

    it("binds loopback only, asks for no login, is advertised there, and is what the readiness check dials", () => {
        const properties = renderServerProperties(input);
        assert.match(properties, /^listeners=.*,PROBE:\/\/127\.0\.0\.1:9090$/m);
        assert.match(properties, /^listener\.security\.protocol\.map=.*,PROBE:PLAINTEXT$/m);
        assert.match(renderKafkaStart(input), /advertised\.listeners=.*,PROBE:\/\/\$\{MEMBER_HOST\}:9090"/);
        const group = kafkaWorkload(input, "kafka");
        assert.deepEqual(group.readiness.command, ["perl", "/etc/streamstack/in-sync.pl", "9090"]);
        assert.ok(!group.ports.some((port) => port.containerPort === 9090), "published nowhere, no Service port");
    });
});

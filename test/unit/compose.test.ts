import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { resolveSettings } from "../../components/platform/settings";
import { flatAddressing } from "../../components/model/addressing";
import { baselineSecretFiles, platformModel } from "../../components/platform/model";
import { renderComposeFile } from "../../targets/compose";

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed Compose YAML */
describe("Compose baseline rendered from the model", () => {
    const settings = resolveSettings({ topics: [] });
    const compose = parse(renderComposeFile(platformModel(settings, flatAddressing), "bench", "127.0.0.1", baselineSecretFiles(() => "s", settings, { keyStore: (i) => `key store ${i}`, trust: "CAs" }))) as any;

    it("has one service per member, as the Docker target has one container per member", () => {
        assert.equal(Object.keys(compose.services).length, 10);
    });

    it("mounts the same rendered files and checkpoint volume", () => {
        const worker = compose.services["spark-worker-0"];
        assert.ok(worker.configs.some((c: any) => c.target === "/etc/streamstack/spark-defaults.conf"));
        assert.ok(worker.volumes.includes("checkpoints:/checkpoints"));
        assert.match(compose.configs["spark-worker-spark-defaults.conf"].content, /spark\.deploy\.recoveryMode\s+ZOOKEEPER/);
    });

    it("waits for healthy dependencies and binds ports to 127.0.0.1", () => {
        assert.deepEqual(Object.keys(compose.services["kafka-0"].depends_on).sort(), ["zookeeper-0", "zookeeper-1", "zookeeper-2"]);
        assert.deepEqual(compose.services["kafka-1"].ports, ["127.0.0.1:19093:9094"]);
    });

    it("escapes $ in health checks so Compose does not interpolate them", () => {
        assert.ok(compose.services["spark-master-0"].healthcheck.test.some((arg: string) => arg.includes("$$HOSTNAME")));
    });
});

import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { volumeGuardHandler } from "../../plugins/streamstack/docker/volume-guard-handler";

const STACK = "streamstack-local";
const VOLUME = "streamstack-local-kafka-0-data";

/** A Docker engine with these volumes (name → labels). */
const engine = (volumes: Record<string, Record<string, string>>) => async (name: string) => volumes[name];

describe("VolumeGuard: a volume the stack's state does not hold is refused at preview", () => {
    it("refuses a new guard for a volume that exists, naming it and both ways on", async () => {
        const guard = volumeGuardHandler(engine({ [VOLUME]: { "streamstack.stack": STACK } }));
        const { failures } = await guard.check({}, { volume: VOLUME, stack: STACK });
        assert.equal(failures?.length, 1);
        assert.equal(failures![0]!.property, "volume");
        assert.match(failures![0]!.reason, /a Docker volume named streamstack-local-kafka-0-data already exists \(left by an earlier stack of this name\)/);
        assert.match(failures![0]!.reason, /docker volume rm streamstack-local-kafka-0-data/);
        assert.match(failures![0]!.reason, /npm run recover -- --stack/);
    });

    it("says whose the volume is when it is not this stack's", async () => {
        const guard = volumeGuardHandler(engine({ [VOLUME]: { "streamstack.stack": "streamstack-other" }, other: {} }));
        assert.match((await guard.check({}, { volume: VOLUME, stack: STACK })).failures![0]!.reason, /\(of stack streamstack-other\)/);
        assert.match((await guard.check({}, { volume: "other", stack: STACK })).failures![0]!.reason, /\(made outside streamstack\)/);
    });

    it("lets a new volume be created, and a recorded one be adopted (an interrupted up goes on)", async () => {
        const guard = volumeGuardHandler(engine({ [VOLUME]: { "streamstack.stack": STACK } }));
        assert.deepEqual((await guard.check({}, { volume: "streamstack-local-kafka-1-data", stack: STACK })).failures, []);
        assert.deepEqual((await guard.check({ volume: VOLUME, stack: STACK }, { volume: VOLUME, stack: STACK })).failures, []);
    });

    it("reads a guard back only while its volume exists (an import by recover, a refresh)", async () => {
        const guard = volumeGuardHandler(engine({ [VOLUME]: { "streamstack.stack": STACK } }));
        assert.deepEqual(await guard.read(VOLUME, {}), { id: VOLUME, props: { volume: VOLUME, stack: STACK }, inputs: { volume: VOLUME, stack: STACK } });
        assert.equal((await guard.read("gone", { volume: "gone", stack: STACK })).id, "");
    });
});

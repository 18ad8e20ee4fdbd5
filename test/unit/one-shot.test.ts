import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { demuxLog } from "../../live/docker-one-shot";
import { tarArchive } from "../../live/tar";
import { generatedSecretHandler } from "../../plugins/streamstack/security/generated-secret-handler";
import { logTail } from "../../plugins/streamstack/one-shot-client";

describe("one-shot clients: the archive that puts files in, the log that comes out", () => {
    it("writes a ustar archive GNU tar lists and extracts, with owner, mode and content", () => {
        const archive = tarArchive([{ name: "etc/streamstack-submit/client.properties", content: "a=1\nb=ü\n", mode: 0o400, uid: 185, gid: 185 }]);
        assert.equal(archive.length % 512, 0);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tar-"));
        try {
            fs.writeFileSync(path.join(dir, "a.tar"), archive);
            const listing = execFileSync("tar", ["-tvf", path.join(dir, "a.tar"), "--numeric-owner"], { encoding: "utf8" });
            assert.match(listing, /^-r-------- 185\/185\s+9 .* etc\/streamstack-submit\/client\.properties$/m);
            execFileSync("tar", ["-xf", path.join(dir, "a.tar"), "-C", dir]);
            assert.equal(fs.readFileSync(path.join(dir, "etc/streamstack-submit/client.properties"), "utf8"), "a=1\nb=ü\n");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reads a container's framed log back as the text written, both streams in order", () => {
        const frame = (stream: number, text: string) => {
            const body = Buffer.from(text);
            const header = Buffer.alloc(8);
            header[0] = stream;
            header.writeUInt32BE(body.length, 4);
            return Buffer.concat([header, body]);
        };
        assert.equal(demuxLog(Buffer.concat([frame(1, "out\n"), frame(2, "err\n"), frame(1, "done")])), "out\nerr\ndone");
    });

    it("quotes a client's failure by its last lines, without stack frames", () => {
        const log = "INFO a\nERROR refused\njava.lang.Exception: x\n\tat a.b(C.java:1)\n\t... 4 more\nINFO exit\n";
        assert.equal(logTail(log), "INFO a\nERROR refused\njava.lang.Exception: x\nINFO exit");
    });
});

describe("GeneratedSecret: made once, kept, marked secret", () => {
    const handler = generatedSecretHandler();

    it("makes 32 random bytes as base64url, and a new one each create", async () => {
        const first = await handler.create({ purpose: "p", bytes: 32 });
        const second = await handler.create({ purpose: "p", bytes: 32 });
        assert.match(first.outs!.value as string, /^[A-Za-z0-9_-]{43}$/);
        assert.notEqual(first.outs!.value, second.outs!.value);
        assert.deepEqual(handler.secretOutputs, ["value"]);
    });

    it("keeps its value on an update of the purpose, and is replaced only when its size changes", async () => {
        assert.deepEqual(await handler.diff("id", { purpose: "a", bytes: 32, value: "v" }, { purpose: "b", bytes: 32 }), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepEqual((await handler.diff("id", { purpose: "a", bytes: 32, value: "v" }, { purpose: "a", bytes: 64 })).replaces, ["bytes"]);
        assert.equal((await handler.update("id", { purpose: "a", bytes: 32, value: "v" }, { purpose: "b", bytes: 32 })).outs!.value, "v");
    });

    it("refuses fewer than 16 bytes at preview, naming the field", async () => {
        const { failures } = await handler.check(undefined, { purpose: "p", bytes: 8 });
        assert.equal(failures?.[0]?.property, "bytes");
        assert.match(failures![0]!.reason, /at least 16/);
    });
});

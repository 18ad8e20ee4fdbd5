import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { kubeApi } from "../../live/kube-api";

/**
 * The preview check's Kubernetes client against a local HTTPS server standing in for the API
 * server: credentials come from the kubeconfig as kubectl reads them, an exec plugin (a small
 * script that prints a token, as cloud logins do) included.
 */
describe("the preview check's Kubernetes API client", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "streamstack-kube-api-"));
    const seen: { authorization?: string; path?: string }[] = [];
    let server: https.Server;
    let kubeconfig = "";

    before(async () => {
        execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
        server = https.createServer({ key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) }, (request, response) => {
            seen.push({ authorization: request.headers.authorization, path: request.url });
            const found = request.url === "/apis/apps/v1/namespaces/data/statefulsets/kafka";
            response.writeHead(found ? 200 : 404, { "content-type": "application/json" });
            response.end(JSON.stringify(found ? { spec: { replicas: 3 } } : { kind: "Status", code: 404 }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const plugin = path.join(dir, "print-token.sh");
        fs.writeFileSync(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"token-from-a-command\"}}'\n", { mode: 0o755 });
        kubeconfig = path.join(dir, "config");
        fs.writeFileSync(kubeconfig, [
            "apiVersion: v1", "kind: Config", "current-context: cloud",
            "clusters:", "- name: cloud", "  cluster:", `    server: https://127.0.0.1:${(server.address() as AddressInfo).port}`,
            `    certificate-authority-data: ${fs.readFileSync(path.join(dir, "cert.pem")).toString("base64")}`,
            "contexts:", "- name: cloud", "  context: {cluster: cloud, user: login}",
            "users:", "- name: login", "  user:", "    exec:", "      apiVersion: client.authentication.k8s.io/v1", `      command: ${plugin}`, "      interactiveMode: Never", "",
        ].join("\n"));
    });

    after(() => {
        server?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("authenticates with what an exec credential plugin prints, and reads an object or its absence", async () => {
        const api = kubeApi(kubeconfig, "");
        assert.notEqual(typeof api, "string", String(api));
        if (typeof api === "string") return;
        assert.deepEqual(await api.get("/apis/apps/v1/namespaces/data/statefulsets/kafka"), { spec: { replicas: 3 } });
        assert.equal(await api.get("/apis/apps/v1/namespaces/data/statefulsets/zookeeper"), undefined);
        assert.deepEqual(seen.map((s) => s.authorization), ["Bearer token-from-a-command", "Bearer token-from-a-command"]);
    });

    it("says why there is no client: no kubeconfig, no such context", () => {
        assert.match(String(kubeApi(path.join(dir, "missing"), "")), /^no kubeconfig at .*missing$/);
        assert.match(String(kubeApi(kubeconfig, "elsewhere")), /has no context "elsewhere"/);
    });
});

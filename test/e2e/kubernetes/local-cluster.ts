/**
 * The local single-node Kubernetes cluster (scripts/k8s-local.sh), built here from Go modules
 * and Debian packages: it starts, runs real pods with networking, DNS, Services, limits,
 * Pod Security and ReadWriteMany volumes, and stops without leaving anything of its own.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { K8S_DIR, k8sLocal, kubectl, NODE_IP } from "../../../harness/k8s-local";

const run = promisify(execFile);
const NS = "cluster-check";
const HELPER = "streamstack.local/busybox:1.35-2";
const SYSCTLS = ["net/ipv4/conf/all/route_localnet", "kernel/panic", "kernel/panic_on_oops", "vm/overcommit_memory"];

function readSysctls(): Record<string, string> {
    return Object.fromEntries(SYSCTLS.map((key) => [key, readFileSync(`/proc/sys/${key}`, "utf8").trim()]));
}

async function apply(manifest: string): Promise<void> {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "k8s-check-")), "manifest.yaml");
    writeFileSync(file, manifest);
    await kubectl("apply", "-f", file);
}

async function exec(pod: string, ...command: string[]): Promise<string> {
    return kubectl("-n", NS, "exec", pod, "--", ...command);
}

const pod = (name: string, extra = "", volumes = "") => `
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${NS}, labels: { app: ${name.replace(/-\d+$/, "")} } }
spec:
  terminationGracePeriodSeconds: 0
  containers:
    - name: main
      image: ${HELPER}
      imagePullPolicy: IfNotPresent
      command: [sh, -c, "echo $HOSTNAME > /tmp/index.html; exec httpd -f -p 8080 -h /tmp"]
      ${extra}
  ${volumes}
`;

describe("local Kubernetes cluster (scripts/k8s-local.sh)", { timeout: 45 * 60_000 }, () => {
    let sysctlsBefore: Record<string, string>;
    let stopped = false;

    before(async () => {
        // From a stopped cluster (stop is a no-op when nothing runs), so the host's own values are the baseline.
        await k8sLocal("stop");
        sysctlsBefore = readSysctls();
        const started = Date.now();
        const { stderr } = await k8sLocal("start");
        console.log(`cluster start: ${((Date.now() - started) / 1000).toFixed(1)} s\n${stderr.split("\n").filter((l) => /ready|Ready|built|imported/.test(l)).join("\n")}`);
        // Left over by an earlier run that failed halfway: start from empty namespaces.
        await kubectl("delete", "namespace", NS, `${NS}-restricted`, "--ignore-not-found", "--wait=true");
        await apply(`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${NS} }\n`);
    });

    after(async () => {
        if (!stopped) await k8sLocal("stop");
    });

    it("has one node, Ready, running the Kubernetes version it was built from", async () => {
        const nodes = JSON.parse(await kubectl("get", "nodes", "-o", "json")) as {
            items: { metadata: { name: string }; status: { nodeInfo: { kubeletVersion: string }; conditions: { type: string; status: string }[]; addresses: { type: string; address: string }[] } }[];
        };
        assert.equal(nodes.items.length, 1);
        const node = nodes.items[0];
        assert.equal(node.status.conditions.find((c) => c.type === "Ready")?.status, "True");
        assert.match(node.status.nodeInfo.kubeletVersion, /^v1\.35\./);
        assert.deepEqual(node.status.addresses.find((a) => a.type === "InternalIP")?.address, NODE_IP);
    });

    it("runs pods that reach each other through a ClusterIP Service and resolve it by cluster DNS", async () => {
        await apply([pod("web-0"), pod("web-1"), pod("client")].join("\n---\n") + `
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${NS} }
spec: { selector: { app: web }, ports: [{ port: 80, targetPort: 8080 }] }
`);
        await kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/web-0", "pod/web-1", "pod/client", "--timeout=180s");
        // kube-proxy programs a new Service's rules a moment after its endpoints are ready;
        // until then the ClusterIP refuses connections: retry.
        const seen = new Set<string>();
        const errors: string[] = [];
        for (let i = 0; i < 60 && seen.size < 2; i++) {
            try {
                seen.add((await exec("client", "wget", "-qO-", `http://web.${NS}.svc.cluster.local/`)).trim());
            } catch (error) {
                errors.push(String(error).split("\n").slice(1).join(" ").trim());
                await new Promise((r) => setTimeout(r, 500));
            }
        }
        if (errors.length > 0) console.log(`${errors.length} failed tries; first: ${errors[0]}; last: ${errors[errors.length - 1]}`);
        // Both backends answered through the Service name: DNS, ClusterIP rules and pod-to-pod traffic all work.
        assert.deepEqual([...seen].sort(), ["web-0", "web-1"]);
    });

    it("refuses a pod's connection to a Service with no endpoint instead of routing it off the node", async () => {
        // The cluster's own rule does it (scripts/k8s-local/host.sh says why).
        await apply(`apiVersion: v1
kind: Service
metadata: { name: nobody, namespace: ${NS} }
spec: { selector: { app: nobody }, ports: [{ port: 9092, targetPort: 9092 }] }
`);
        const clusterIp = (await kubectl("-n", NS, "get", "service", "nobody", "-o", "jsonpath={.spec.clusterIP}")).trim();
        const started = Date.now();
        // Without the rule this machine's network answered "HTTP/1.1 404"; elsewhere it times out.
        const outcome = await exec("client", "timeout", "10", "wget", "-qO-", `http://${clusterIp}:9092/`)
            .then((body) => `answered: ${body}`, (error: unknown) => String(error));
        assert.match(outcome, /Connection refused/, `a connection to ${clusterIp}:9092 (no endpoint) was not refused: ${outcome.trim()}`);
        assert.ok(Date.now() - started < 8_000, `refused only after ${Date.now() - started} ms`);
    });

    it("serves a NodePort on the node address to this host", async () => {
        await apply(`apiVersion: v1
kind: Service
metadata: { name: web-nodeport, namespace: ${NS} }
spec: { type: NodePort, selector: { app: web }, ports: [{ port: 80, targetPort: 8080, nodePort: 31888 }] }
`);
        let body = "";
        for (let i = 0; i < 20 && !body; i++) {
            const response = await fetch(`http://${NODE_IP}:31888/`).catch(() => undefined);
            body = response?.ok ? (await response.text()).trim() : "";
            if (!body) await new Promise((r) => setTimeout(r, 500));
        }
        assert.match(body, /^web-[01]$/);
    });

    it("enforces a container's memory and CPU limits in its cgroup", async () => {
        await apply(pod("limited", `resources: { limits: { memory: 48Mi, cpu: 250m } }`));
        await kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/limited", "--timeout=120s");
        assert.equal((await exec("limited", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes")).trim(), String(48 * 1024 * 1024));
        assert.equal((await exec("limited", "cat", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us")).trim(), "25000");
    });

    it("rejects a pod below the restricted Pod Security level in a namespace that enforces it", async () => {
        await apply(`apiVersion: v1
kind: Namespace
metadata: { name: ${NS}-restricted, labels: { pod-security.kubernetes.io/enforce: restricted } }
`);
        await assert.rejects(apply(pod("loose").replace(`namespace: ${NS}`, `namespace: ${NS}-restricted`)), /violates PodSecurity "restricted/);
    });

    it("provisions a ReadWriteMany volume that two pods share", async () => {
        const mount = `volumeMounts: [{ name: shared, mountPath: /shared }]`;
        const volume = `volumes: [{ name: shared, persistentVolumeClaim: { claimName: shared } }]`;
        await apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: shared, namespace: ${NS} }
spec: { accessModes: [ReadWriteMany], storageClassName: streamstack-local, resources: { requests: { storage: 1Gi } } }
---
${pod("writer", mount, volume)}
---
${pod("reader", mount, volume)}
`);
        await kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/writer", "pod/reader", "--timeout=180s");
        await exec("writer", "sh", "-c", "echo checkpoint-42 > /shared/marker");
        assert.equal((await exec("reader", "cat", "/shared/marker")).trim(), "checkpoint-42");
        const pvc = JSON.parse(await kubectl("-n", NS, "get", "pvc", "shared", "-o", "json")) as { status: { phase: string; accessModes: string[] }; spec: { volumeName: string } };
        assert.equal(pvc.status.phase, "Bound");
        assert.deepEqual(pvc.status.accessModes, ["ReadWriteMany"]);
        // reclaimPolicy Delete: deleting the claim removes the PV and its directory.
        await kubectl("-n", NS, "delete", "pod", "writer", "reader", "--wait=true");
        await kubectl("-n", NS, "delete", "pvc", "shared", "--wait=true");
        let remaining = "x";
        for (let i = 0; i < 60 && remaining; i++) {
            remaining = (await kubectl("get", "pv", "-o", "name")).trim();
            if (remaining) await new Promise((r) => setTimeout(r, 1000));
        }
        assert.equal(remaining, "", "the PV was not deleted with its claim");
    });

    it("stops without leaving a process, mount, link, address, iptables chain or changed sysctl behind", async () => {
        await kubectl("delete", "namespace", NS, `${NS}-restricted`, "--wait=false");
        const { stderr } = await k8sLocal("stop");
        stopped = true;
        console.log(stderr.trim());
        const processes = (await run("ps", ["-eo", "args"])).stdout.split("\n")
            .filter((line) => line.includes(K8S_DIR) || /\b(kube-apiserver|kubelet|kube-proxy|kube-scheduler|kube-controller-manager|etcd|coredns|pause)\b/.test(line.split(" ")[0] ?? ""));
        assert.deepEqual(processes, []);
        const mounts = readFileSync("/proc/self/mountinfo", "utf8").split("\n").filter((l) => l.includes(K8S_DIR) || l.includes("/run/netns/cni-"));
        assert.deepEqual(mounts, []);
        const chains = (await run("bash", ["-c", "iptables-save 2>/dev/null; iptables-legacy-save 2>/dev/null; true"])).stdout
            .split("\n").filter((l) => /^:(KUBE|CNI)-/.test(l));
        assert.deepEqual(chains, []);
        const links = (await run("ip", ["-o", "link"])).stdout;
        assert.doesNotMatch(links, /ssk8s0|veth.*master ssk8s0/);
        assert.doesNotMatch((await run("ip", ["-4", "-o", "addr", "show", "dev", "lo"])).stdout, new RegExp(`inet ${NODE_IP.replace(/\./g, "\\.")}/`));
        assert.deepEqual(readSysctls(), sysctlsBefore);
    });
});

/** The benchmarks' flags: whole numbers (harness/bench-args.ts: `--runs 3`, `--minutes 10`) and the target (harness/bench-target.ts). */
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runsFromArgs, wholeNumberFlag } from "../../harness/bench-args";
import { benchPlatformConfig, targetFromArgs } from "../../harness/bench-target";

describe("benchmark flags", () => {
    it("reads the number after the flag, or the fallback without the flag", () => {
        assert.equal(wholeNumberFlag(["--minutes", "2"], "--minutes", 10), 2);
        assert.equal(wholeNumberFlag([], "--minutes", 10), 10);
        assert.equal(runsFromArgs(["--runs", "5"], 3), 5);
    });

    it("refuses what is not a positive whole number, naming the flag", () => {
        assert.throws(() => wholeNumberFlag(["--minutes", "0"], "--minutes", 10), /--minutes must be a positive whole number, got '0'/);
        assert.throws(() => wholeNumberFlag(["--minutes"], "--minutes", 10), /--minutes must be a positive whole number, got ''/);
        assert.throws(() => runsFromArgs(["--runs", "2.5"], 3), /--runs must be a positive whole number, got '2.5'/);
    });

    it("reads --target, Docker without it, and refuses another target naming the flag", () => {
        assert.equal(targetFromArgs(["--runs", "3", "--target", "kubernetes"]), "kubernetes");
        assert.equal(targetFromArgs([]), "docker");
        assert.throws(() => targetFromArgs(["--target", "k8s"]), /--target takes docker or kubernetes, got 'k8s'/);
    });

    it("puts a Kubernetes bench platform in its namespace of the local cluster, NodePorts only, its client namespaces let in", () => {
        const ports = { zookeeperClient: 1, kafkaExternal: 31192, sparkMasterUi: 31180, sparkWorkerUi: 31280 };
        assert.deepEqual(benchPlatformConfig("docker", ports), { target: "docker", ports });
        const k8s = benchPlatformConfig("kubernetes", ports, "bench-x", ["bench-x-clients"]) as { ports: object; kubernetes: { namespace: string; clientNamespaces: string[] } };
        assert.deepEqual(k8s.ports, { kafkaExternal: 31192, sparkMasterUi: 31180, sparkWorkerUi: 31280 });
        assert.equal(k8s.kubernetes.namespace, "bench-x");
        assert.deepEqual(k8s.kubernetes.clientNamespaces, ["bench-x-clients"]);
    });
});

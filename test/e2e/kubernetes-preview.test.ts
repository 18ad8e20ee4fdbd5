/**
 * Promotion to Kubernetes, as far as this machine allows without a cluster: the real engine
 * previews a `target: kubernetes` stack with the kubernetes resource plugin at the version
 * @pulumi/kubernetes asks for, and shows every resource the k8s stack would create.
 */
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { LocalWorkspace, PreviewResult, Stack } from "@pulumi/pulumi/automation";
import { PROJECT_DIR } from "../../harness/e2e-stack";
import { kubernetesConfig } from "../support/kubernetes-settings";

describe("k8s stack preview with the real engine and kubernetes plugin", { timeout: 10 * 60_000 }, () => {
    let stack: Stack;
    let preview: PreviewResult;
    const types: string[] = [];
    const name = `e2e-k8s-${process.pid}`;

    before(async () => {
        stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: PROJECT_DIR }, { envVars: { PULUMI_CONFIG_PASSPHRASE: "" } });
        await stack.setAllConfig(Object.fromEntries(Object.entries(kubernetesConfig({ kubernetes: { namespace: "streaming" }, topics: [] }))
            .map(([key, value]) => [`streamstack:${key}`, { value: typeof value === "string" ? value : JSON.stringify(value) }])));
        preview = await stack.preview({
            onEvent: (event) => {
                const pre = event.resourcePreEvent?.metadata;
                if (pre?.op === "create") types.push(pre.type);
            },
        });
    });

    after(async () => {
        if (stack) await stack.workspace.removeStack(name);
    });

    it("plans the full set of Kubernetes resources", () => {
        const count = (type: string) => types.filter((t) => t === type).length;
        assert.equal(count("kubernetes:apps/v1:StatefulSet"), 4);
        // Headless + client per group, one NodePort per broker, master and worker, and each
        // broker's and ZooKeeper server's own ClusterIP Service (its stable address).
        assert.equal(count("kubernetes:core/v1:Service"), 21);
        assert.equal(count("kubernetes:core/v1:ConfigMap"), 4);
        assert.equal(count("kubernetes:policy/v1:PodDisruptionBudget"), 4);
        assert.equal(count("kubernetes:networking.k8s.io/v1:NetworkPolicy"), 4);
        assert.equal(count("kubernetes:core/v1:PersistentVolumeClaim"), 1);
        assert.equal(count("kubernetes:core/v1:Namespace"), 1);
        // The platform's own checks, served by the streamstack provider on this target too.
        assert.equal(count("streamstack:kubernetes:RolloutGate"), 4);
        assert.equal(count("streamstack:kubernetes:ClaimTemplateGuard"), 2);
        // The engine shows the streamstack provider's default instance as a step but leaves it out of the summary.
        assert.equal(count("pulumi:providers:streamstack"), 1);
        assert.equal(preview.changeSummary.create, types.length - 1, `created: ${JSON.stringify(preview.changeSummary)}; seen: ${JSON.stringify([...new Set(types)])}`);
    });

    it("creates no Docker resources on the Kubernetes target", () => {
        assert.equal(types.filter((t) => t.includes("streamstack:Docker")).length, 0);
    });
});

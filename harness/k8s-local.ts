import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { PROJECT_DIR } from "./e2e-stack";

const run = promisify(execFile);

/** Where scripts/k8s-local.sh keeps the cluster (its default). */
export const K8S_DIR = process.env.STREAMSTACK_K8S_DIR ?? path.join(PROJECT_DIR, ".k8s-local");
export const KUBECONFIG = path.join(K8S_DIR, "kubeconfig", "admin.conf");
export const NODE_IP = process.env.STREAMSTACK_K8S_NODE_IP ?? "10.87.0.1";

/** Runs `scripts/k8s-local.sh <args>`; throws with its output on failure. */
export async function k8sLocal(...args: string[]): Promise<{ stdout: string; stderr: string }> {
    try {
        return await run("bash", [path.join(PROJECT_DIR, "scripts", "k8s-local.sh"), ...args], {
            cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024, timeout: 40 * 60_000,
        });
    } catch (error) {
        const failed = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`k8s-local ${args.join(" ")} failed: ${failed.message}\n${failed.stdout ?? ""}${failed.stderr ?? ""}`);
    }
}

/** The cluster's own kubectl as its admin; returns stdout. */
export async function kubectl(...args: string[]): Promise<string> {
    return (await k8sLocal("kubectl", ...args)).stdout;
}

import * as fs from "node:fs";
import type * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import type * as KubernetesClient from "@kubernetes/client-node";
import { getJson, requestBytes } from "./http-json";

/**
 * The Kubernetes API as the preview checks ask it, before any resource is declared (the
 * kubernetes provider only reads what the program declares): GET of one object. Credentials are
 * whatever the kubeconfig says, as kubectl and the kubernetes provider read it, through
 * @kubernetes/client-node: merged $KUBECONFIG files, client certificates, tokens, exec plugins
 * (EKS, GKE, AKS) and OIDC.
 */
export interface KubeApi {
    /** The parsed object, or undefined when the API answers 404. */
    get<T>(apiPath: string): Promise<T | undefined>;
    /** Any request: the status and the answer's bytes (a pod's log is text, not JSON). */
    send(method: "GET" | "POST" | "DELETE", apiPath: string, body?: object): Promise<{ status: number; body: Buffer }>;
}

/** The client is an ES module of ~200 modules: loaded only for a kubernetes stack, at first use. */
function kubernetesClient(): typeof KubernetesClient {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require(esm) at call time
    return require("@kubernetes/client-node") as typeof KubernetesClient;
}

/** The kubeconfig files the provider would read: explicit, else every $KUBECONFIG file, else ~/.kube/config. */
export function kubeconfigFiles(explicit: string, env: NodeJS.ProcessEnv = process.env): string[] {
    if (explicit) return [path.resolve(explicit)];
    const fromEnv = (env.KUBECONFIG ?? "").split(path.delimiter).filter(Boolean);
    return fromEnv.length > 0 ? fromEnv : [path.join(os.homedir(), ".kube", "config")];
}

/** A client for the kubeconfig's context, or the reason there is none (no kubeconfig, no such context). */
export function kubeApi(kubeconfig: string, contextName: string): KubeApi | string {
    const files = kubeconfigFiles(kubeconfig);
    if (!files.some((file) => fs.existsSync(file))) return `no kubeconfig at ${files.join(", ")}`;
    const { KubeConfig } = kubernetesClient();
    const config = new KubeConfig();
    try {
        if (kubeconfig) config.loadFromFile(files[0]!);
        else config.loadFromDefault();
    } catch (error) {
        return `the kubeconfig ${files.join(", ")} could not be read (${error instanceof Error ? error.message : String(error)})`;
    }
    if (contextName) {
        if (!config.getContextObject(contextName)) return `kubeconfig ${files.join(", ")} has no context ${JSON.stringify(contextName)}`;
        config.setCurrentContext(contextName);
    }
    const cluster = config.getCurrentCluster();
    if (!cluster) return `kubeconfig ${files.join(", ")} names no cluster for context ${JSON.stringify(config.getCurrentContext())}`;
    // The credentials for one request: certificates, a token, or what an exec plugin prints.
    const credentials = async () => {
        const options: https.RequestOptions = {};
        await config.applyToHTTPSOptions(options);
        return {
            agent: options.agent as https.Agent | undefined,
            headers: Object.fromEntries(Object.entries(options.headers ?? {}).map(([key, value]) => [key, String(value)])),
        };
    };
    return {
        async get<T>(apiPath: string): Promise<T | undefined> {
            return getJson<T>(new URL(apiPath, cluster.server).toString(), { ...(await credentials()), timeoutMs: 10_000, missing: "undefined" });
        },
        async send(method, apiPath, body) {
            const { agent, headers } = await credentials();
            return requestBytes({
                url: new URL(apiPath, cluster.server).toString(),
                method,
                agent,
                headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
                body: body === undefined ? undefined : JSON.stringify(body),
                timeoutMs: 10_000,
            });
        },
    };
}

import * as fs from "node:fs";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { getJson } from "../live/http-json";

/**
 * Just enough of a Kubernetes API client for the checks that must run at preview, before any
 * resource is declared (the kubernetes provider only reads what the program declares): the
 * kubeconfig's cluster and client-certificate or token credentials, and GET of one object.
 * Credentials that need a command (exec plugins, cloud logins) are not supported here: the
 * check is then skipped and says so.
 */

interface NamedEntry<T> { name: string; [key: string]: unknown; cluster?: T; user?: T; context?: T }
interface KubeconfigFile {
    "current-context"?: string;
    clusters?: NamedEntry<{ server: string; "certificate-authority"?: string; "certificate-authority-data"?: string; "insecure-skip-tls-verify"?: boolean }>[];
    users?: NamedEntry<{ token?: string; "client-certificate"?: string; "client-certificate-data"?: string; "client-key"?: string; "client-key-data"?: string; exec?: unknown }>[];
    contexts?: NamedEntry<{ cluster: string; user: string }>[];
}

export interface KubeApi {
    /** The parsed object, or undefined when the API answers 404. */
    get<T>(apiPath: string): Promise<T | undefined>;
}

function fileOrData(base: string, file: string | undefined, data: string | undefined): Buffer | undefined {
    if (data) return Buffer.from(data, "base64");
    return file ? fs.readFileSync(path.resolve(base, file)) : undefined;
}

/** The kubeconfig the kubernetes provider would use: explicit, else $KUBECONFIG's first file, else ~/.kube/config. */
export function kubeconfigPath(explicit: string): string {
    if (explicit) return path.resolve(explicit);
    const fromEnv = (process.env.KUBECONFIG ?? "").split(path.delimiter).find(Boolean);
    return fromEnv ?? path.join(os.homedir(), ".kube", "config");
}

/** A client for the kubeconfig's context, or a reason why there is none (no file, exec credentials). */
export function kubeApi(kubeconfig: string, contextName: string): KubeApi | string {
    const file = kubeconfigPath(kubeconfig);
    if (!fs.existsSync(file)) return `no kubeconfig at ${file}`;
    const config = parse(fs.readFileSync(file, "utf8")) as KubeconfigFile;
    const name = contextName || config["current-context"];
    const context = config.contexts?.find((c) => c.name === name)?.context;
    if (!context) return `kubeconfig ${file} has no context ${JSON.stringify(name ?? "")}`;
    const cluster = config.clusters?.find((c) => c.name === context.cluster)?.cluster;
    const user = config.users?.find((u) => u.name === context.user)?.user ?? {};
    if (!cluster) return `kubeconfig ${file} has no cluster ${context.cluster}`;
    if (user.exec) return `context ${name} gets its credentials from a command (exec), which this check does not run`;
    const base = path.dirname(file);
    const agent = new https.Agent({
        ca: fileOrData(base, cluster["certificate-authority"], cluster["certificate-authority-data"]),
        cert: fileOrData(base, user["client-certificate"], user["client-certificate-data"]),
        key: fileOrData(base, user["client-key"], user["client-key-data"]),
        rejectUnauthorized: cluster["insecure-skip-tls-verify"] !== true,
    });
    return {
        get: <T>(apiPath: string) => getJson<T>(new URL(apiPath, cluster.server).toString(), {
            agent,
            headers: user.token ? { Authorization: `Bearer ${user.token}` } : {},
            timeoutMs: 10_000,
            missing: "undefined",
        }),
    };
}

/**
 * The one way this project asks an HTTP service: Spark masters' and workers' `/json/`, the
 * Docker engine's API on its unix socket, the Kubernetes API.
 *
 * node:http(s), not fetch: the program reads the masters' state on every preview (the roll
 * order), and a first fetch loads Node's bundled undici and the web streams behind it, ~40 ms
 * of CPU more than node:http, which the program has loaded anyway.
 */
import * as http from "node:http";
import * as https from "node:https";

export interface JsonRequest {
    /** `http(s)://host:port/path`; with `socketPath`, only its path is used. */
    url: string;
    /** A unix socket to send the request on (the Docker engine's). */
    socketPath?: string;
    method?: "GET" | "POST" | "DELETE";
    headers?: Record<string, string>;
    /** Sent as is (the caller serializes it). */
    body?: string;
    /** A deadline for the whole exchange, connection to last byte. */
    timeoutMs: number;
    /** TLS settings for https URLs (a cluster's CA and client certificate). */
    agent?: https.Agent;
}

export interface JsonAnswer<T> {
    status: number;
    /** The parsed body; undefined when the body is empty. */
    json: T | undefined;
}

export interface BytesAnswer {
    status: number;
    body: Buffer;
}

/**
 * Sends one request and returns the answer's bytes, whatever its status. Rejects, never
 * throws, on a network error or the deadline, naming the URL.
 */
export function requestBytes(request: Omit<JsonRequest, "body" | "method"> & { method?: JsonRequest["method"] | "PUT"; body?: string | Buffer }): Promise<BytesAnswer> {
    const url = new URL(request.url, "http://localhost");
    const label = request.socketPath ? `${request.socketPath} ${url.pathname}` : request.url;
    const transport = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (outcome: () => void) => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            outcome();
        };
        const options: https.RequestOptions = {
            method: request.method ?? "GET",
            headers: { Accept: "application/json", ...request.headers },
            path: `${url.pathname}${url.search}`,
            ...(request.agent ? { agent: request.agent } : {}),
            ...(request.socketPath ? { socketPath: request.socketPath } : { protocol: url.protocol, hostname: url.hostname, port: url.port }),
        };
        const sent = transport.request(options, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("error", (error) => finish(() => reject(error)));
            response.on("end", () => finish(() => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) })));
        });
        // Cleared however the exchange ends, so that no timer outlives it (and keeps a finished
        // program waiting).
        const deadline = setTimeout(() => sent.destroy(new Error(`${label}: no answer in ${request.timeoutMs} ms`)), request.timeoutMs);
        sent.on("error", (error) => finish(() => reject(error)));
        sent.end(request.body);
    });
}

/**
 * Sends one request and parses the answer, whatever its status (services such as the Docker
 * engine explain a refusal in a JSON body). Rejects, never throws, on a network error, the
 * deadline or a body that is not JSON, naming the URL.
 */
export async function requestJson<T>(request: JsonRequest): Promise<JsonAnswer<T>> {
    const { status, body } = await requestBytes(request);
    const text = body.toString("utf8");
    if (text.trim() === "") return { status, json: undefined };
    try {
        return { status, json: JSON.parse(text) as T };
    } catch {
        const label = request.socketPath ? `${request.socketPath} ${new URL(request.url, "http://localhost").pathname}` : request.url;
        throw new Error(`${label} answered ${status} with no JSON: ${JSON.stringify(text.slice(0, 200))}`);
    }
}

/**
 * GET of a JSON document: the parsed body on 200, undefined on 404 when `missing` is
 * "undefined", a rejection naming the URL and status otherwise.
 */
export async function getJson<T>(url: string, options: Omit<JsonRequest, "url" | "method" | "body"> & { missing?: "reject" | "undefined" }): Promise<T | undefined> {
    const { status, json } = await requestJson<T>({ ...options, url });
    if (status === 404 && options.missing === "undefined") return undefined;
    if (status !== 200) {
        const detail = json === undefined ? "" : `: ${JSON.stringify(json).slice(0, 200)}`;
        throw new Error(`${options.socketPath ? `${options.socketPath} ` : ""}${url} answered ${status}${detail}`);
    }
    return json;
}

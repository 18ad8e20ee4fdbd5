import * as http from "http";

/**
 * A minimal Docker Engine API client over the daemon's unix socket (or DOCKER_HOST
 * tcp://127.0.0.1:port). Only the calls the platform needs; no dependency beyond node.
 */

export class DockerApiError extends Error {
    constructor(readonly statusCode: number, readonly method: string, readonly path: string, detail: string) {
        super(`docker ${method} ${path} failed (${statusCode}): ${detail}`);
        this.name = "DockerApiError";
    }
}

/** API 1.41 is what Debian's docker.io (20.10) speaks; newer daemons accept it too. */
const API_VERSION = "v1.41";

function connection(): http.RequestOptions {
    const dockerHost = process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
    if (dockerHost.startsWith("unix://")) return { socketPath: dockerHost.slice("unix://".length) };
    const url = new URL(dockerHost.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port) };
}

export interface DockerResponse {
    statusCode: number;
    body: Buffer;
}

export function dockerRequest(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<DockerResponse> {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
        const request = http.request(
            {
                ...connection(),
                method,
                path: `/${API_VERSION}${path}`,
                headers: payload ? { "Content-Type": contentType, "Content-Length": payload.length } : {},
            },
            (response) => {
                const chunks: Buffer[] = [];
                response.on("data", (chunk: Buffer) => chunks.push(chunk));
                response.on("end", () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
                response.on("error", reject);
            },
        );
        request.on("error", (error: NodeJS.ErrnoException) =>
            reject(new Error(`cannot reach the Docker engine (${error.code ?? error.message}); is dockerd running? (scripts/setup/docker-engine.sh starts it)`)));
        if (payload) request.write(payload);
        request.end();
    });
}

/** Calls the API and returns the decoded JSON body; non-2xx becomes a DockerApiError (404 allowed when asked). */
export async function dockerCall<T>(method: string, path: string, body?: unknown, options: { allow404?: boolean; contentType?: string } = {}): Promise<T | undefined> {
    const response = await dockerRequest(method, path, body, options.contentType);
    if (response.statusCode === 404 && options.allow404) return undefined;
    if (response.statusCode < 200 || response.statusCode >= 300) {
        let detail = response.body.toString();
        try {
            detail = (JSON.parse(detail) as { message?: string }).message ?? detail;
        } catch {
            // plain-text error body
        }
        throw new DockerApiError(response.statusCode, method, path, detail.trim());
    }
    if (response.body.length === 0) return undefined;
    const text = response.body.toString();
    return (text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text) as T;
}

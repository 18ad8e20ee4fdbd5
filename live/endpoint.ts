/** What every probe of a running member shares: where it is, and how long to wait for it. */

/** `host:port` → its parts (the port is after the last colon). */
export function splitEndpoint(endpoint: string): { host: string; port: number } {
    const at = endpoint.lastIndexOf(":");
    return { host: endpoint.slice(0, at), port: Number(endpoint.slice(at + 1)) };
}

/** Options last, as an object: `urls.map(masterStatus)` must not pass an index as a timeout. */
export interface ProbeOptions {
    timeoutMs?: number;
}

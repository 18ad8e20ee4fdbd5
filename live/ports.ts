import * as fs from "node:fs";
import * as net from "node:net";

const LISTEN = "0A";

/** Whether address:port can be listened on right now (the way Docker will try to publish it). */
export function portFree(address: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.once("error", () => resolve(false));
        server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
    });
}

/** `0100007F:0885` (little-endian IPv4 in /proc/net/tcp) -> { address: "127.0.0.1", port: 2181 }. */
export function parseProcAddress(field: string): { address: string; port: number } {
    const [hexAddress = "", hexPort = ""] = field.split(":");
    const bytes = hexAddress.match(/../g) ?? [];
    return { address: bytes.reverse().map((b) => parseInt(b, 16)).join("."), port: parseInt(hexPort, 16) };
}

/** Socket inodes listening on port (on any address), from /proc/net/tcp's text. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
    return procNetTcp.split("\n").slice(1).flatMap((line) => {
        const fields = line.trim().split(/\s+/);
        if (fields.length < 10 || fields[3] !== LISTEN) return [];
        return parseProcAddress(fields[1]!).port === port ? [fields[9]!] : [];
    });
}

/**
 * Best effort: "<command> (pid N)" of the process listening on the port, read from /proc; it
 * needs the right to read other users' file descriptors, and says so when it lacks it.
 */
export function portHolder(port: number): string | undefined {
    let tables = "";
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
        try { tables += fs.readFileSync(table, "utf8"); } catch { /* no such table */ }
    }
    const inodes = new Set(listeningInodes(tables, port).map((inode) => `socket:[${inode}]`));
    if (inodes.size === 0) return undefined;
    for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
        let fds: string[];
        try { fds = fs.readdirSync(`/proc/${pid}/fd`); } catch { continue; }
        for (const fd of fds) {
            let target: string;
            try { target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
            if (inodes.has(target)) {
                const command = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
                return `${command} (pid ${pid})`;
            }
        }
    }
    return "a process this user may not inspect";
}

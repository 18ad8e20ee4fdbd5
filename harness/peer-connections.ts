/**
 * Established TCP connections to a port on another host, read from a member's /proc/net/tcp and
 * /proc/net/tcp6 (a JVM's sockets are IPv6 ones where the kernel has IPv6, IPv4 peers mapped):
 * how a test sees which listener a broker reaches its peers on, without tools in the image.
 */

/** The command that prints both tables inside a container or pod. */
export const PROC_NET_TCP = ["bash", "-c", "cat /proc/net/tcp /proc/net/tcp6 2>/dev/null"];

const ESTABLISHED = "01";

function loopback(hexAddress: string): boolean {
    // 127.0.0.1 (also IPv4-mapped in tcp6) and ::1.
    return hexAddress.endsWith("0100007F") || hexAddress === "00000000000000000000000001000000";
}

/** How many connections in `table` (both files' text) are established to `port` of a non-loopback address. */
export function establishedToPort(table: string, port: number): number {
    return table.split("\n").map((line) => line.trim().split(/\s+/)).filter((fields) => {
        const [address, remotePort] = (fields[2] ?? "").split(":");
        return fields[0] !== "sl" && fields[3] === ESTABLISHED && Number.parseInt(remotePort ?? "", 16) === port && !loopback(address ?? "");
    }).length;
}

import * as os from "node:os";

/** This machine's IPv4 addresses: the Docker target can publish ports only on one of them (or 0.0.0.0). */
export function localAddresses(): string[] {
    return Object.values(os.networkInterfaces()).flat().flatMap((address) => (address?.family === "IPv4" ? [address.address] : []));
}

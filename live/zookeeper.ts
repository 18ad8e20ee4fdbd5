/** ZooKeeper members, asked through their client port with four-letter words. */
import * as net from "node:net";

/** Sends a ZooKeeper four-letter word to host:port and returns the answer. */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port }, () => socket.write(word));
        let answer = "";
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer to ${word} from ${host}:${port}`)));
        socket.on("data", (chunk) => (answer += chunk.toString()));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
    });
}

/** leader, follower or standalone from a `srvr` answer; "unknown" when it has no Mode line. */
export function zookeeperMode(srvr: string): string {
    return /^Mode: (\w+)$/m.exec(srvr)?.[1] ?? "unknown";
}

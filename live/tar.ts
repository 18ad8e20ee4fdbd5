/**
 * A ustar archive of plain files in memory: what the Docker engine's archive endpoint takes to
 * put files into a container before it starts (PUT /containers/{id}/archive), and what it
 * answers when one file is read (GET).
 */
export interface TarEntry {
    name: string;
    content: string;
    /** Permission bits, e.g. 0o400. */
    mode: number;
    uid: number;
    gid: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
    // width - 1 digits, then NUL, as POSIX ustar writes numeric fields.
    return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(entry: TarEntry, size: number): Buffer {
    if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar: ${entry.name} is longer than 100 bytes`);
    const block = Buffer.alloc(BLOCK, 0);
    const put = (text: string, offset: number) => block.write(text, offset, "utf8");
    put(entry.name, 0);
    put(octal(entry.mode, 8), 100);
    put(octal(entry.uid, 8), 108);
    put(octal(entry.gid, 8), 116);
    put(octal(size, 12), 124);
    put(octal(Math.floor(Date.now() / 1000), 12), 136);
    put("        ", 148); // the checksum counts its own field as spaces
    put("0", 156); // a regular file
    put("ustar\0", 257);
    put("00", 263);
    const checksum = block.reduce((sum, byte) => sum + byte, 0);
    put(checksum.toString(8).padStart(6, "0") + "\0 ", 148);
    return block;
}

export function tarArchive(entries: TarEntry[]): Buffer {
    const parts: Buffer[] = [];
    for (const entry of entries) {
        const content = Buffer.from(entry.content, "utf8");
        parts.push(header(entry, content.length), content, Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK, 0));
    }
    parts.push(Buffer.alloc(2 * BLOCK, 0));
    return Buffer.concat(parts);
}

/** The first regular file's content in a ustar archive (what GET /containers/{id}/archive answers for one file); undefined when it holds none. */
export function firstTarFile(archive: Buffer): Buffer | undefined {
    for (let at = 0; at + BLOCK <= archive.length;) {
        const block = archive.subarray(at, at + BLOCK);
        if (block.every((byte) => byte === 0)) return undefined;
        const size = parseInt(block.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim() || "0", 8);
        const type = String.fromCharCode(block[156]!);
        at += BLOCK;
        if (type === "0" || type === "\0") return archive.subarray(at, at + size);
        at += Math.ceil(size / BLOCK) * BLOCK;
    }
    return undefined;
}

/**
 * A ustar archive writer, just enough to upload rendered config files into a container
 * (PUT /containers/{id}/archive) without a tar dependency.
 */
export interface TarEntry {
    name: string;
    content: string;
    mode: number;
    uid: number;
    gid: number;
}

function header(entry: TarEntry, size: number, type: "0" | "5"): Buffer {
    const block = Buffer.alloc(512, 0);
    const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, "0") + "\0";
    block.write(entry.name, 0, 100, "utf8");
    block.write(octal(entry.mode, 8), 100, 8, "ascii");
    block.write(octal(entry.uid, 8), 108, 8, "ascii");
    block.write(octal(entry.gid, 8), 116, 8, "ascii");
    block.write(octal(size, 12), 124, 12, "ascii");
    block.write(octal(0, 12), 136, 12, "ascii");
    block.write("        ", 148, 8, "ascii");
    block.write(type, 156, 1, "ascii");
    block.write("ustar\0" + "00", 257, 8, "ascii");
    let checksum = 0;
    for (const byte of block) checksum += byte;
    block.write(checksum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
    return block;
}

/** A tar holding one directory (created with the entries' owner) and its files. */
export function tarDirectory(directory: string, entries: TarEntry[]): Buffer {
    const parts: Buffer[] = [];
    const owner = entries[0] ?? { uid: 0, gid: 0 };
    parts.push(header({ name: `${directory}/`, content: "", mode: 0o755, uid: owner.uid, gid: owner.gid }, 0, "5"));
    for (const entry of entries) {
        const data = Buffer.from(entry.content, "utf8");
        parts.push(header({ ...entry, name: `${directory}/${entry.name}` }, data.length, "0"));
        parts.push(data, Buffer.alloc((512 - (data.length % 512)) % 512, 0));
    }
    parts.push(Buffer.alloc(1024, 0));
    return Buffer.concat(parts);
}

/**
 * JVM/Spark memory strings: a positive integer with an optional k, m, g or t suffix
 * (case-insensitive), as `-Xmx` and spark.executor.memory accept. `2gb`, `-1g`, `1.5g` and
 * `abc` are rejected by Spark at submit time, so they are rejected here at preview instead.
 */
const MEMORY_PATTERN = /^([1-9][0-9]*)([kmgt]?)$/i;

const MIB_PER_UNIT: Record<string, number> = { "": 1 / (1024 * 1024), k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };

/** How to write a memory size, for the messages that refuse one. */
export const MEMORY_SIZE_HINT = 'use a whole number with an optional k/m/g/t suffix, e.g. "2g" or "512m"';

/** Size in MiB, or undefined when the JVM would not accept the string. */
export function parseJvmMemoryMb(text: string): number | undefined {
    const match = MEMORY_PATTERN.exec(text.trim());
    if (!match) return undefined;
    return Number(match[1]) * MIB_PER_UNIT[match[2].toLowerCase()];
}

/** Kubernetes quantities for volume sizes: 5Gi, 500Mi, 1Ti, or plain bytes. */
const QUANTITY_PATTERN = /^([1-9][0-9]*)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/;

export function isStorageQuantity(text: string): boolean {
    return QUANTITY_PATTERN.test(text);
}

const BYTES_PER_SUFFIX: Record<string, number> = {
    "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50,
};

/** Bytes of a storage quantity (isStorageQuantity), so "1Gi" and "1073741824" compare equal. */
export function storageBytes(text: string): number | undefined {
    const match = QUANTITY_PATTERN.exec(text);
    return match ? Number(match[1]) * BYTES_PER_SUFFIX[match[2] ?? ""] : undefined;
}

/**
 * `pulumi import --file` input for resources that must keep their URN: each one's parent (other
 * than the stack) goes through the file's name table. Used by migrate-topics and recover.
 */
export interface ImportFile {
    nameTable: Record<string, string>;
    resources: { type: string; name: string; id: string; parent?: string }[];
}

export interface ImportEntry {
    urn: string;
    type: string;
    id: string;
    parent?: string;
}

export function importFileFor(entries: ImportEntry[]): ImportFile {
    const nameTable: Record<string, string> = {};
    const resources = entries.map((entry) => {
        const name = entry.urn.split("::").pop()!;
        let parent: string | undefined;
        if (entry.parent && !entry.parent.includes("::pulumi:pulumi:Stack::")) {
            parent = Object.entries(nameTable).find(([, urn]) => urn === entry.parent)?.[0] ?? `parent-${Object.keys(nameTable).length}`;
            nameTable[parent] = entry.parent;
        }
        return { type: entry.type, name, id: entry.id, ...(parent ? { parent } : {}) };
    });
    return { nameTable, resources };
}

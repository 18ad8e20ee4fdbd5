/**
 * Planning of `npm run migrate:topics` (scripts/migrate-topics.ts), free of I/O: which
 * dynamic-provider topics a stack holds, the import file that adopts each as a
 * streamstack:kafka:Topic under the same parent and name, and the providers nothing uses after.
 */
import { KAFKA_TOPIC_TYPE } from "../components/model/resource-tokens";
import { topicImportId } from "../components/kafka/topic-import-id";
import { ImportFile, importFileFor } from "./import-file";

export const LEGACY_TOPIC_TYPE = "pulumi-nodejs:dynamic/kafka:Topic";

export interface StateResource { urn: string; type: string; id?: string; parent?: string; provider?: string; inputs?: Record<string, unknown> }

const DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

/** Dynamic-provider providers no resource refers to any more (`<urn>::<id>` references). Pure. */
export function unusedDynamicProviders(resources: StateResource[]): string[] {
    const used = new Set(resources.map((r) => r.provider?.replace(/::[^:]+$/, "")).filter(Boolean));
    return resources.filter((r) => r.type === DYNAMIC_PROVIDER_TYPE && !used.has(r.urn)).map((r) => r.urn);
}

/** The import file and the URNs to drop, from a stack's exported resources. Pure. */
export function planTopicMigration(resources: StateResource[]): { importFile: ImportFile; legacyUrns: string[] } {
    const legacy = resources.filter((r) => r.type === LEGACY_TOPIC_TYPE && r.id);
    // The import id names the brokers too (the provider reads no stack config): the legacy topic's own.
    const importFile = importFileFor(legacy.map((r) => ({
        urn: r.urn, type: KAFKA_TOPIC_TYPE, id: topicImportId(String(r.inputs?.bootstrapServers ?? ""), r.id!), parent: r.parent,
    })));
    return { importFile, legacyUrns: legacy.map((r) => r.urn) };
}

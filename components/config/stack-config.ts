// The config module alone: the provider plugin reads the stack config too, and the SDK's root
// module would load its automation API (TypeScript, npm's arborist) for it.
import { allConfig } from "@pulumi/pulumi/runtime/config";
import { CONFIG_NAMESPACE } from "./problem";

/**
 * Every `streamstack:*` key of the stack, JSON-decoded where it is JSON (objects, lists,
 * numbers) and kept as a string otherwise (`target: docker`).
 */
export function readStackConfig(all: Record<string, string> = allConfig()): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    const prefix = `${CONFIG_NAMESPACE}:`;
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(prefix)) continue;
        const key = fullKey.slice(prefix.length);
        try {
            raw[key] = JSON.parse(text);
        } catch {
            raw[key] = text;
        }
    }
    return raw;
}

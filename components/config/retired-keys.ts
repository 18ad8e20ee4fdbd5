/**
 * Settings that existed and are gone, with what replaced them: a stack config that still
 * carries one is told why, not that the key is unknown.
 */
const RETIRED_KEYS: Record<string, string> = {
    "ports.sparkMasterRest": "the Spark masters' REST submission gateway is off (it runs code for anyone who reaches it; docs/security.md): " +
        "streaming jobs are submitted with spark-submit inside the platform, so there is no port to publish; remove the key",
};

/** Why the key at `path` (`ports.sparkMasterRest`) is gone; undefined for a key that never existed. */
export function retiredKeyMessage(path: string): string | undefined {
    return RETIRED_KEYS[path];
}

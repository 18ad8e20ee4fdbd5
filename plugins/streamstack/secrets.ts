/**
 * Secret values cross the provider protocol as marked objects; the resource handlers work on
 * plain values, and what was secret going in goes back out marked.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

interface SecretValue { [SIG_KEY]: string; value: unknown }

function isSecret(value: unknown): value is SecretValue {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** The properties with secret markers removed (deeply), and the top-level keys that were secret. */
export function unwrapSecrets(props: Record<string, unknown>): { plain: Record<string, unknown>; secretKeys: string[] } {
    const secretKeys: string[] = [];
    const strip = (value: unknown): unknown => {
        if (isSecret(value)) return strip(value.value);
        if (Array.isArray(value)) return value.map(strip);
        if (typeof value === "object" && value !== null) {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]));
        }
        return value;
    };
    const plain = Object.fromEntries(Object.entries(props).map(([key, value]) => {
        if (isSecret(value)) secretKeys.push(key);
        return [key, strip(value)];
    }));
    return { plain, secretKeys };
}

export function markSecret(value: unknown): SecretValue {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** `props` with each of `keys` (when present) marked secret. */
export function wrapSecrets(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).map(([key, value]) =>
        [key, keys.includes(key) && value !== undefined && value !== null ? markSecret(value) : value]));
}

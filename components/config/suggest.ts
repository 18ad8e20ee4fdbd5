/** Edit distance, to suggest the key the user probably meant. */
function levenshtein(a: string, b: string): number {
    const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j];
            const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
            previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
            diagonal = above;
        }
    }
    return previous[b.length];
}

/** The candidate closest to `key`, or undefined when none is plausibly a typo of it. */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = levenshtein(key, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const tolerance = Math.max(2, Math.floor(key.length / 3));
    return bestDistance <= tolerance ? best : undefined;
}

export function unknownKeyMessage(key: string, candidates: readonly string[]): string {
    const nearest = nearestKey(key, candidates);
    return nearest
        ? `unknown key "${key}"; did you mean "${nearest}"?`
        : `unknown key "${key}"; valid keys are ${candidates.join(", ")}`;
}

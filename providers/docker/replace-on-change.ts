/**
 * Diff of a Docker object that cannot be changed in place (networks, volumes): any change to
 * one of `keys` replaces it, deleting first because its name must stay free for the new one.
 */
export function replaceOnChange<T>(keys: readonly (keyof T & string)[], olds: T, news: T) {
    const replaces = keys.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
}

import * as pulumi from "@pulumi/pulumi";

/**
 * The names of one platform's resources. A URN ends with the resource's type chain and its own
 * name, never its parent's name, so two platforms in one program could only collide: every
 * resource a platform declares is named `<platform>-<model name>` (`orders-kafka-0`), the
 * convention of Pulumi's own component libraries. Physical names (containers, volumes, the
 * network) start with `<platform>-<stack>` for the same reason.
 *
 * Streamstack 0.1 named a platform's resources by the model name alone (`kafka-0`). A stack made
 * then keeps its resources by declaring the platform with `keepUnscopedNames`: each resource
 * gets an alias to its old name, so the update renames them in the state and nothing is
 * replaced. Two platforms cannot both keep them (their aliases would be the same URNs).
 */
export interface ResourceScope {
    /** The platform's name: the first part of every resource name. */
    readonly platform: string;
    /** A resource's name (the last part of its URN) from its model name. */
    name(modelName: string): string;
    /** The resource's name before scoped names, as an alias, when the platform keeps those. */
    aliases(modelName: string): pulumi.Input<string | pulumi.Alias>[] | undefined;
}

export function resourceScope(platform: string, keepUnscopedNames = false): ResourceScope {
    return {
        platform,
        name: (modelName) => `${platform}-${modelName}`,
        aliases: (modelName) => (keepUnscopedNames ? [{ name: modelName }] : undefined),
    };
}

/** Resource options naming a resource in its platform's scope: its aliases, with `opts` kept. */
export function scopedOptions<T extends pulumi.ResourceOptions>(scope: ResourceScope, modelName: string, opts: T): T {
    const aliases = scope.aliases(modelName);
    return aliases === undefined ? opts : { ...opts, aliases: [...(opts.aliases ?? []), ...aliases] };
}

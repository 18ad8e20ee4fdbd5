import * as provider from "@pulumi/pulumi/provider";

/**
 * One custom resource type of the streamstack provider: the CRUD a provider serves for it,
 * with the URN already resolved to its type. The provider dispatches by type token, so a new
 * resource (a Spark streaming job) is one more handler, nothing else.
 */
export interface ResourceHandler {
    /** `streamstack:<module>:<Type>`. */
    readonly token: string;
    /** The resource's entry in the package schema. */
    readonly schema: ResourceSchema;
    /** Outputs the provider marks secret whatever the inputs were (a value the handler makes). */
    readonly secretOutputs?: readonly string[];
    check(olds: Record<string, unknown> | undefined, news: Record<string, unknown>): Promise<provider.CheckResult>;
    diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<provider.DiffResult>;
    create(inputs: Record<string, unknown>): Promise<provider.CreateResult>;
    /** `props` is empty when the engine imports an existing object by id. */
    read(id: string, props: Record<string, unknown>): Promise<provider.ReadResult>;
    update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<provider.UpdateResult>;
    delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** The keys, of those given, whose values differ between two sets of props (compared as JSON): what a diff reports changed. */
export function changedKeys<Props extends object, Key extends keyof Props>(keys: readonly Key[], olds: Props, news: Props): Key[] {
    return keys.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
}

/** The subset of Pulumi's package schema a resource entry uses here. */
export interface PropertySchema {
    type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
    description: string;
    secret?: boolean;
    additionalProperties?: { type: string; items?: { type: string } };
    items?: { type: string };
    $ref?: string;
}

export interface ResourceSchema {
    description: string;
    inputProperties: Record<string, PropertySchema>;
    requiredInputs: string[];
    properties: Record<string, PropertySchema>;
    required: string[];
}

/**
 * The schema of a resource whose every input is required and comes back as an output as it is,
 * beside the outputs the provider makes at create (`made`: a generated secret, a certificate).
 */
export function madeOutputsSchema(description: string, inputs: Record<string, PropertySchema>, made: Record<string, PropertySchema>): ResourceSchema {
    const properties = { ...inputs, ...made };
    return { description, inputProperties: inputs, requiredInputs: Object.keys(inputs), properties, required: Object.keys(properties) };
}

/** The schema of a resource whose every input is required and comes back as an output as it is (gates, guards). */
export function passThroughSchema(description: string, inputs: Record<string, PropertySchema>): ResourceSchema {
    return madeOutputsSchema(description, inputs, {});
}

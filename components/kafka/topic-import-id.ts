/**
 * What `pulumi import streamstack:kafka:Topic <name> <id>` takes: the engine hands the provider
 * nothing but that id, so it names the brokers too, `<bootstrap servers>/<topic>`
 * (`127.0.0.1:19092,127.0.0.1:19093/orders`). A topic name never holds a `/`, and bootstrap
 * servers never end with one. The resource's id is the topic name alone, as for a topic the
 * provider created.
 */
export interface TopicImportId {
    bootstrapServers: string;
    topic: string;
}

export function topicImportId(bootstrapServers: string, topic: string): string {
    return `${bootstrapServers}/${topic}`;
}

/** The brokers and topic an import id names; undefined for a plain topic name (a created topic's id). */
export function parseTopicImportId(id: string): TopicImportId | undefined {
    const slash = id.lastIndexOf("/");
    if (slash <= 0 || slash === id.length - 1) return undefined;
    return { bootstrapServers: id.slice(0, slash), topic: id.slice(slash + 1) };
}

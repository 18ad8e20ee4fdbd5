/**
 * Metadata annotations of every Service the platform makes. The kubernetes plugin's await for
 * a Service waits for its endpoints and then 10 s more "for any stragglers"; the platform's
 * Services select pods that do not exist yet when the Services are made, so each cost 10 s of
 * every `up` that made one — and the StatefulSet, which names its headless Service, started
 * only after that. Whether members are ready is the RolloutGate's to wait for, not the
 * Services'. `pulumi.com/skipAwait` is the plugin's documented switch.
 */
export const SERVICE_ANNOTATIONS: Readonly<Record<string, string>> = { "pulumi.com/skipAwait": "true" };

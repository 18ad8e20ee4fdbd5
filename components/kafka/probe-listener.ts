/**
 * PROBE: a listener on each broker's loopback address, for the readiness check (in-sync.pl)
 * that runs inside the broker's own container or pod. It asks for no login, so the check holds
 * no credential and keeps working once INTERNAL asks every client for one
 * (kafka.internalAuthentication), and it is reached from nowhere but the broker's own network
 * namespace: whoever can run a process there can read the broker's secret files anyway. Each
 * broker registers it under its own host name (Kafka refuses two brokers with one endpoint),
 * where nothing answers: a client on it reads what its one connection returns — the metadata,
 * all the check asks — and reaches no other broker, on purpose.
 */

export const PROBE_LISTENER = "PROBE";
/** Where it answers: loopback only. */
export const PROBE_HOST = "127.0.0.1";
export const PROBE_PORT = 9090;

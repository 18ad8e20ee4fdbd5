/**
 * Read-only probes of running systems, outside the component library: what `npm run status`
 * shows, what the Docker target orders a roll by, what the readiness gates wait for, what the
 * e2e drills assert on and what the PR review's fixtures record. The library never imports it.
 */
export * from "./docker-engine";
export * from "./endpoint";
export * from "./kafka";
export * from "./spark";
export * from "./zookeeper";

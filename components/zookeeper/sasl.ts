import { SECRETS_DIR } from "../model/workload";

/**
 * ZooKeeper's authentication: SASL DIGEST-MD5 for every client and between the servers. Each
 * principal's password lives only in a JAAS file mounted as a secret file; these renderers make
 * those files' text from the passwords (Pulumi secrets, so the result is one too).
 */

/** The servers' JAAS file: the client principals they accept, and the quorum's own login. */
export const ZOOKEEPER_SERVER_JAAS = "zookeeper-server.jaas";
/** A client's JAAS file (Kafka brokers, Spark masters): its own principal's login. */
export const ZOOKEEPER_CLIENT_JAAS = "zookeeper-client.jaas";
/** The principal the servers log in as to each other (quorum authentication). */
export const QUORUM_PRINCIPAL = "quorum";
/** The JAAS sections zoo.cfg names for the quorum's two sides. */
export const QUORUM_SERVER_SECTION = "QuorumServer";
export const QUORUM_LEARNER_SECTION = "QuorumLearner";
const DIGEST_LOGIN = "org.apache.zookeeper.server.auth.DigestLoginModule";

/** The principals a platform's clients log in as: one per component that keeps state in ZooKeeper. */
export type ZooKeeperPrincipal = "kafka" | "spark";
export const ZOOKEEPER_PRINCIPALS: readonly ZooKeeperPrincipal[] = ["kafka", "spark"];

/** `-Djava.security.auth.login.config=…` pointing a JVM at one of the mounted JAAS files. */
export function jaasOption(file: string): string {
    return `-Djava.security.auth.login.config=${SECRETS_DIR}/${file}`;
}

function quoted(password: string): string {
    // Generated passwords are base64url; anything else would break the JAAS syntax silently.
    if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error("a ZooKeeper password must be base64url (letters, digits, '-' and '_')");
    return `"${password}"`;
}

/**
 * `Server` lists each client principal with its password (user_<name>); `QuorumServer` the
 * principal a learner must prove, `QuorumLearner` the login it proves it with.
 */
export function renderServerJaas(quorumPassword: string, clientPasswords: Record<string, string>): string {
    const clients = Object.entries(clientPasswords).map(([user, password]) => `    user_${user}=${quoted(password)}`);
    return [
        `Server {`,
        `    ${DIGEST_LOGIN} required`,
        `${clients.join("\n")};`,
        `};`,
        `${QUORUM_SERVER_SECTION} {`,
        `    ${DIGEST_LOGIN} required`,
        `    user_${QUORUM_PRINCIPAL}=${quoted(quorumPassword)};`,
        `};`,
        `${QUORUM_LEARNER_SECTION} {`,
        `    ${DIGEST_LOGIN} required`,
        `    username="${QUORUM_PRINCIPAL}"`,
        `    password=${quoted(quorumPassword)};`,
        `};`,
        "",
    ].join("\n");
}

/** `Client` is the section ZooKeeper's client (Kafka's, Curator's in Spark) logs in with. */
export function renderClientJaas(user: ZooKeeperPrincipal, password: string): string {
    return [
        `Client {`,
        `    ${DIGEST_LOGIN} required`,
        `    username="${user}"`,
        `    password=${quoted(password)};`,
        `};`,
        "",
    ].join("\n");
}

import { ZooKeeperAuthentication } from "../config/defaults";
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

/** One JAAS section using ZooKeeper's digest login module, with its options one per line. */
function section(name: string, options: string[]): string[] {
    return [`${name} {`, `    ${DIGEST_LOGIN} required`, `${options.map((option) => `    ${option}`).join("\n")};`, "};"];
}

/** The login a JAAS section makes (a client's, a learner's). */
function login(user: string, password: string): string[] {
    return [`username="${user}"`, `password=${quoted(password)}`];
}

/**
 * `Server` lists each client principal with its password (user_<name>); `QuorumServer` the
 * principal a learner must prove, `QuorumLearner` the login it proves it with.
 */
export function renderServerJaas(quorumPassword: string, clientPasswords: Record<string, string>): string {
    return [
        ...section("Server", Object.entries(clientPasswords).map(([user, password]) => `user_${user}=${quoted(password)}`)),
        ...section(QUORUM_SERVER_SECTION, [`user_${QUORUM_PRINCIPAL}=${quoted(quorumPassword)}`]),
        ...section(QUORUM_LEARNER_SECTION, login(QUORUM_PRINCIPAL, quorumPassword)),
        "",
    ].join("\n");
}

/** `Client` is the section ZooKeeper's client (Kafka's, Curator's in Spark) logs in with. */
export function renderClientJaas(user: ZooKeeperPrincipal, password: string): string {
    return [...section("Client", login(user, password)), ""].join("\n");
}

/**
 * Whether clients make their znodes their own principal's at this step: once every client logs
 * in, i.e. after "migrating-1" (until then a client without a login must still write them).
 */
export function clientsProtectZnodes(authentication: ZooKeeperAuthentication): boolean {
    return authentication !== "migrating-1";
}

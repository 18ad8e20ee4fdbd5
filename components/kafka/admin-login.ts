import { KafkaAuth } from "../model/state-access";

/**
 * The platform's own Kafka principal when the external listener requires a login
 * (kafka.authentication "scram-sha-512"): what the topic provider, the readiness checks and
 * `npm run status` log in as, and what a user hands a tool to administer the cluster. Pure:
 * the KafkaCluster component generates the password and mounts the file these render.
 */

export const ADMIN_USERNAME = "streamstack-admin";
export const SCRAM_MECHANISM = "SCRAM-SHA-512";

/**
 * The admin's SCRAM credential as `kafka-configs.sh --add-config-file` reads it, a secret file
 * each broker's start.sh writes into ZooKeeper before the broker starts (so the first login
 * works on a cold up, and the password is on no command line).
 */
export const ADMIN_CREDENTIAL_FILE = "kafka-admin.scram";

/** A login to the external listener: the one mechanism it offers, any principal. */
export function scramLogin(username: string, password: string): KafkaAuth {
    return { mechanism: SCRAM_MECHANISM, username, password };
}

export function adminLogin(password: string): KafkaAuth {
    return scramLogin(ADMIN_USERNAME, password);
}

export function renderAdminCredential(password: string): string {
    // Generated passwords are base64url; anything else could break the properties syntax.
    if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error("the Kafka admin password must be base64url (letters, digits, '-' and '_')");
    return `${SCRAM_MECHANISM}=password=${password}\n`;
}

/**
 * The admin's login as Kafka's tools read it (`--command-config`), for the CLIENTS listener: a
 * secret file in every broker, so that an operator who runs a tool inside a broker
 * (`docker exec`, `kubectl exec`) still can once nothing inside the platform is let in without a
 * login (kafka.internalAuthentication). Whoever can run a process there can read the broker's
 * other secrets anyway.
 */
export const ADMIN_CLIENT_PROPERTIES_FILE = "kafka-admin-client.properties";

export function renderAdminClientProperties(password: string): string {
    renderAdminCredential(password); // the same check of what the password may hold
    return [
        "security.protocol=SASL_PLAINTEXT",
        `sasl.mechanism=${SCRAM_MECHANISM}`,
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_USERNAME}" password="${password}";`,
        "",
    ].join("\n");
}

import * as pulumi from "@pulumi/pulumi";

/** SASL credentials for Kafka's admin API; kept as Pulumi secrets by the resources that hold them. */
export interface KafkaAuth {
    mechanism: "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512";
    username: string;
    password: string;
}

/**
 * How the platform's own clients (the target's readiness checks) reach a group's state port
 * when it is secured: `caCertificate`, the CAs they verify its members against, when it speaks
 * TLS; `login`, a principal it lets in, when it requires one. Empty: plaintext, open.
 */
export interface StateAccess {
    caCertificate?: pulumi.Input<string>;
    /**
     * The CA the members' certificates are signed by (one of `caCertificate`), recorded on each
     * member (STATE_CA_ANNOTATION): it changes only with their certificates, so trusting one
     * more CA restarts no member.
     */
    memberCa?: pulumi.Input<string>;
    login?: pulumi.Input<KafkaAuth>;
}

/**
 * Certificates as one bundle a TLS client trusts, one PEM after another in the order given (a
 * single certificate is the bundle as it is): the CAs clients verify members against, or the
 * CAs running members were signed by.
 */
export function pemBundle(certificates: string[]): string {
    return certificates.map((pem) => pem.trim()).join("\n");
}

/**
 * The secret file a group whose state port requires a login mounts with that login (JSON): what
 * a preview reads of the running platform logs in with what the running members were made with,
 * as it verifies them against the CA they were made with (STATE_CA_ANNOTATION).
 */
export const STATE_LOGIN_FILE = "state-login.json";

export function renderStateLogin(login: KafkaAuth): string {
    return JSON.stringify({ mechanism: login.mechanism, username: login.username, password: login.password }) + "\n";
}

/** The login back from a STATE_LOGIN_FILE's text; undefined when the text is not one. */
export function parseStateLogin(text: string): KafkaAuth | undefined {
    try {
        const { mechanism, username, password } = JSON.parse(text) as Partial<KafkaAuth>;
        return typeof mechanism === "string" && typeof username === "string" && typeof password === "string"
            ? { mechanism, username, password } as KafkaAuth
            : undefined;
    } catch {
        return undefined;
    }
}

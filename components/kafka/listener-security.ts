import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";

/** What Kafka's external listener speaks once kafka.security is resolved for the target. */
export type ExternalListenerSecurity = "tls" | "plaintext";

/** Who Kafka's external listener lets in once kafka.authentication is resolved for the target. */
export type ExternalListenerAuthentication = "scram-sha-512" | "none";

const SECURITY_CHOICES = ["by-target", "tls", "plaintext"];
const AUTHENTICATION_CHOICES = ["by-target", "scram-sha-512", "none"];

/**
 * Whether this platform's "by-target" Kafka settings are the secured ones: on Kubernetes, whose
 * NodePorts reach beyond the machine, and on Docker when kafka.secureOnDocker says so (its ports
 * bind to this machine by default).
 */
export function securedByTarget({ kafka, target }: Pick<PlatformSettings, "kafka" | "target">): boolean {
    return target === "kubernetes" || kafka.secureOnDocker;
}

/** kafka.security for this platform: "by-target" is TLS where securedByTarget, else plaintext. */
export function externalListenerSecurity(settings: Pick<PlatformSettings, "kafka" | "target">): ExternalListenerSecurity {
    if (settings.kafka.security === "by-target") return securedByTarget(settings) ? "tls" : "plaintext";
    return settings.kafka.security;
}

/** kafka.authentication for this platform: "by-target" splits as kafka.security does, for the same reason. */
export function externalListenerAuthentication(settings: Pick<PlatformSettings, "kafka" | "target">): ExternalListenerAuthentication {
    if (settings.kafka.authentication === "by-target") return securedByTarget(settings) ? "scram-sha-512" : "none";
    return settings.kafka.authentication;
}

export function checkKafkaSecurity(settings: PlatformSettings, report: Report): void {
    const { kafka, target, kubernetes } = settings;
    if (!SECURITY_CHOICES.includes(kafka.security)) {
        report("kafka.security", kafka.security, 'must be "tls", "plaintext" or "by-target" (the default: tls on kubernetes, plaintext on docker)');
        return;
    }
    if (!AUTHENTICATION_CHOICES.includes(kafka.authentication)) {
        report("kafka.authentication", kafka.authentication,
            'must be "scram-sha-512", "none" or "by-target" (the default: scram-sha-512 on kubernetes, none on docker)');
        return;
    }
    // On Kubernetes the external listener is a NodePort on every node: beyond the cluster, so
    // beyond whoever runs it. Plaintext or open there is a decision someone must write down.
    if (target !== "kubernetes" || kubernetes.allowInsecureKafka) return;
    const beyond = "on kubernetes Kafka's external listener is a NodePort, reachable beyond the cluster";
    const optOut = "or set kubernetes.allowInsecureKafka: true to accept it";
    if (externalListenerSecurity(settings) === "plaintext") {
        report("kafka.security", kafka.security, `${beyond}, where plaintext lets anyone on the way read and change the traffic; use "tls" (the default there), ${optOut}`);
    }
    if (externalListenerAuthentication(settings) === "none") {
        report("kafka.authentication", kafka.authentication, `${beyond}, where "none" lets anyone who reaches a node read, write and delete every topic; use "scram-sha-512" (the default there), ${optOut}`);
    }
}

import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";

/** What Kafka's external listener speaks once kafka.security is resolved for the target. */
export type ExternalListenerSecurity = "tls" | "plaintext";

/** Who Kafka's external listener lets in once kafka.authentication is resolved for the target. */
export type ExternalListenerAuthentication = "scram-sha-512" | "none";

const SECURITY_CHOICES = ["by-target", "tls", "plaintext"];
const AUTHENTICATION_CHOICES = ["by-target", "scram-sha-512", "none"];

/**
 * kafka.security for this platform: "by-target" is TLS on Kubernetes, whose NodePorts reach
 * beyond the machine, and plaintext on Docker, whose ports bind to this machine by default.
 */
export function externalListenerSecurity({ kafka, target }: Pick<PlatformSettings, "kafka" | "target">): ExternalListenerSecurity {
    if (kafka.security === "by-target") return target === "kubernetes" ? "tls" : "plaintext";
    return kafka.security;
}

/** kafka.authentication for this platform: "by-target" splits the targets as kafka.security does, for the same reason. */
export function externalListenerAuthentication({ kafka, target }: Pick<PlatformSettings, "kafka" | "target">): ExternalListenerAuthentication {
    if (kafka.authentication === "by-target") return target === "kubernetes" ? "scram-sha-512" : "none";
    return kafka.authentication;
}

export function checkKafkaSecurity({ kafka }: PlatformSettings, report: Report): void {
    if (!SECURITY_CHOICES.includes(kafka.security)) {
        report("kafka.security", kafka.security, 'must be "tls", "plaintext" or "by-target" (the default: tls on kubernetes, plaintext on docker)');
    }
    if (!AUTHENTICATION_CHOICES.includes(kafka.authentication)) {
        report("kafka.authentication", kafka.authentication,
            'must be "scram-sha-512", "none" or "by-target" (the default: scram-sha-512 on kubernetes, none on docker)');
    }
}

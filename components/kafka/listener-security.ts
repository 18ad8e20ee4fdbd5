import { PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";

/** What Kafka's external listener speaks once kafka.security is resolved for the target. */
export type ExternalListenerSecurity = "tls" | "plaintext";

const CHOICES = ["by-target", "tls", "plaintext"];

/**
 * kafka.security for this platform: "by-target" is TLS on Kubernetes, whose NodePorts reach
 * beyond the machine, and plaintext on Docker, whose ports bind to this machine by default.
 */
export function externalListenerSecurity({ kafka, target }: Pick<PlatformSettings, "kafka" | "target">): ExternalListenerSecurity {
    if (kafka.security === "by-target") return target === "kubernetes" ? "tls" : "plaintext";
    return kafka.security;
}

export function checkKafkaSecurity({ kafka }: PlatformSettings, report: Report): void {
    if (!CHOICES.includes(kafka.security)) {
        report("kafka.security", kafka.security, 'must be "tls", "plaintext" or "by-target" (the default: tls on kubernetes, plaintext on docker)');
    }
}

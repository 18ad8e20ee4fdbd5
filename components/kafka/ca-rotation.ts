import { KafkaSettings, PlatformSettings } from "../config/defaults";
import { Report } from "../config/problem";

/**
 * Which CAs the external listener's clients trust and which one signs the brokers'
 * certificates (kafka.certificateAuthorities, kafka.signingCa), and the order a rotation must
 * take so no client ever meets a certificate it cannot verify: a new CA is trusted in one `up`,
 * signs in a later one, and the old CA retires only after that. Pure: the KafkaCluster
 * component declares the CAs, and a CaRotationGuard holds each `up` to this order against the
 * previous one (the provider's check sees both).
 */

/** The CA every TLS platform starts with; its resource keeps the name the first platforms gave it. */
export const FIRST_CA = "ca";

/** A CA's name: short, lower-case, part of a resource name and of the CA's common name. */
const CA_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** What clients trust and what signs, by CA name. */
export interface CaTrust {
    /** The trusted CAs, in the order of kafka.certificateAuthorities. */
    authorities: string[];
    /** The one of them that signs the brokers' certificates. */
    signer: string;
}

export function caTrust({ certificateAuthorities, signingCa }: Pick<KafkaSettings, "certificateAuthorities" | "signingCa">): CaTrust {
    return { authorities: certificateAuthorities, signer: signingCa !== "" ? signingCa : certificateAuthorities[0] ?? "" };
}

/** The CertificateAuthority resource of a named CA: "ca" is `<cluster>-ca`, as before there were names. */
export function caResourceName(cluster: string, ca: string): string {
    return `${cluster}-${ca}`;
}

/** Each CA its own subject, so no client mistakes one for the other when it builds a chain. */
export function caCommonName(cluster: string, ca: string): string {
    return ca === FIRST_CA ? `${cluster} CA` : `${cluster} CA ${ca}`;
}

export function checkCertificateAuthorities({ kafka }: Pick<PlatformSettings, "kafka">, report: Report): void {
    const { certificateAuthorities: names, signingCa } = kafka;
    if (names.length === 0) {
        report("kafka.certificateAuthorities", names, `must name at least one CA; the default is ["${FIRST_CA}"]`);
        return;
    }
    names.forEach((name, i) => {
        if (!CA_NAME.test(name)) {
            report(`kafka.certificateAuthorities[${i}]`, name, 'must be a short lower-case name (letters, digits, "-", at most 32), e.g. "ca-2027"');
        } else if (names.indexOf(name) !== i) {
            report(`kafka.certificateAuthorities[${i}]`, name, `is listed twice (first at [${names.indexOf(name)}]); list each CA once`);
        }
    });
    if (signingCa !== "" && !names.includes(signingCa)) {
        report("kafka.signingCa", signingCa, `must be one of kafka.certificateAuthorities (${names.map((n) => JSON.stringify(n)).join(", ")}), or "" for the first`);
    }
}

/**
 * What is wrong with going from the running platform's trust to the next one, one sentence
 * each (naming the setting and the fix); empty when the step is safe for every client that
 * holds the running bundle.
 */
export function caRotationProblems(running: CaTrust, next: CaTrust): string[] {
    if (running.signer === next.signer) return [];
    const problems: string[] = [];
    if (!running.authorities.includes(next.signer)) {
        problems.push(`kafka.signingCa "${next.signer}" is not trusted by the running platform's clients yet: the brokers would present ` +
            `certificates they cannot verify. Add "${next.signer}" to kafka.certificateAuthorities in an up of its own, hand clients the new ` +
            "kafkaCaCertificate bundle, then make it the signer");
    }
    if (!next.authorities.includes(running.signer)) {
        problems.push(`kafka.certificateAuthorities drops "${running.signer}", which signs the running brokers' certificates until this up ` +
            `has rolled every broker onto "${next.signer}": keep it in this up and drop it in a later one`);
    }
    return problems;
}

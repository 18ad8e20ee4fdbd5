import { Addressing, memberHost, stableMemberHost } from "../model/addressing";
import { KAFKA_GROUP } from "./render";
import { CONTROLLER_GROUP } from "./kraft";

/**
 * What each broker's TLS certificate says, and how long it and the platform's CA last. Pure:
 * the KafkaCluster component declares the CertificateAuthority and Certificate resources with it.
 */

/** The CA outlives many leaf certificates; a new CA means every client is handed the new one. */
export const CA_VALIDITY_DAYS = 3650;
export const BROKER_CERTIFICATE_VALIDITY_DAYS = 825;

export interface SubjectNames {
    commonName: string;
    dnsNames: string[];
    ipAddresses: string[];
}

/** An IPv4 or IPv6 literal (a certificate names it as an IP address, not a DNS name). */
function isIpAddress(host: string): boolean {
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

/**
 * The names clients dial broker i by: its advertised external address (the bind address on
 * Docker, 127.0.0.1 when that is every address; kubernetes.externalHost on Kubernetes) and its
 * in-platform host names — the stable one it advertises, and its member (pod) name — so a
 * listener inside the platform can use the same certificate.
 */
export function brokerSubjectNames(ordinal: number, addressing: Addressing, externalHost: string): SubjectNames {
    return memberSubjectNames(KAFKA_GROUP, ordinal, addressing, [externalHost === "0.0.0.0" ? "127.0.0.1" : externalHost]);
}

/** A member's stable host name (the common name), its member name, and any other names it answers by. */
function memberSubjectNames(group: string, ordinal: number, addressing: Addressing, others: string[]): SubjectNames {
    const internal = stableMemberHost(addressing, group, ordinal).toLowerCase();
    const names = [...new Set([internal, memberHost(addressing, group, ordinal), ...others].map((name) => name.toLowerCase()))];
    return {
        commonName: internal,
        dnsNames: names.filter((name) => !isIpAddress(name)),
        ipAddresses: names.filter(isIpAddress),
    };
}

/** The names brokers and peers dial KRaft controller i by: its stable host name and its member name. */
export function controllerSubjectNames(ordinal: number, addressing: Addressing): SubjectNames {
    return memberSubjectNames(CONTROLLER_GROUP, ordinal, addressing, []);
}

/**
 * A broker's PEM key store, as Kafka's `ssl.keystore.type=PEM` reads it from a file: the
 * private key (unencrypted PKCS#8: the file is the secret, readable by the broker alone), then
 * the chain from the broker's certificate up to the CA.
 */
export function brokerKeyStore(privateKeyPem: string, certificatePem: string, caCertificatePem: string): string {
    return [privateKeyPem, certificatePem, caCertificatePem].map((pem) => pem.trim()).join("\n") + "\n";
}

/**
 * Certificates for the platform's TLS listeners, made in the provider with @peculiar/x509 over
 * Node's WebCrypto: keys and signatures are node:crypto's (no hand-written cryptography), the
 * library only encodes X.509. ECDSA P-256: small, fast to make (~20 ms a CA and a certificate
 * here), and read by Java 17's PEM key stores, which Kafka uses (ssl.keystore.type=PEM).
 */
// @peculiar/x509 resolves its encoders through tsyringe, which needs the Reflect metadata API;
// the polyfill is global, loaded only in the provider's own process.
import "reflect-metadata";
import { randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
// Node's WebCrypto is the standard one; the library's typings name the DOM's.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PemPair {
    certificatePem: string;
    /** PKCS#8, unencrypted: a Pulumi secret wherever it goes. */
    privateKeyPem: string;
}

export interface CertificateRequest {
    commonName: string;
    dnsNames: string[];
    ipAddresses: string[];
    validityDays: number;
}

function serialNumber(): string {
    // Positive 16-byte serial (RFC 5280 allows up to 20 octets; the top bit cleared keeps it positive).
    const bytes = randomBytes(16);
    bytes[0] = bytes[0]! & 0x7f;
    return bytes.toString("hex");
}

function validity(days: number, now: Date): { notBefore: Date; notAfter: Date } {
    // A minute back, so a peer whose clock is slightly behind does not see a certificate from the future.
    return { notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + days * DAY_MS) };
}

async function exportKey(key: CryptoKey): Promise<string> {
    return x509.PemConverter.encode(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

async function importKey(pem: string): Promise<CryptoKey> {
    return await webcrypto.subtle.importKey("pkcs8", x509.PemConverter.decodeFirst(pem), ALGORITHM, false, ["sign"]);
}

/** A self-signed CA that signs leaf certificates only (path length 0). */
export async function makeCertificateAuthority(commonName: string, validityDays: number, now = new Date()): Promise<PemPair> {
    const keys: CryptoKeyPair = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serialNumber(),
        name: `CN=${commonName}`,
        ...validity(validityDays, now),
        keys,
        signingAlgorithm: ALGORITHM,
        extensions: [
            new x509.BasicConstraintsExtension(true, 0, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
    });
    return { certificatePem: certificate.toString("pem"), privateKeyPem: await exportKey(keys.privateKey) };
}

/** A server-and-client certificate signed by `ca`, for the names and addresses peers dial. */
export async function signCertificate(ca: PemPair, request: CertificateRequest, now = new Date()): Promise<PemPair> {
    const issuer = new x509.X509Certificate(ca.certificatePem);
    const keys: CryptoKeyPair = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
    const names = [
        ...request.dnsNames.map((value) => ({ type: "dns" as const, value })),
        ...request.ipAddresses.map((value) => ({ type: "ip" as const, value })),
    ];
    const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: serialNumber(),
        subject: `CN=${request.commonName}`,
        issuer: issuer.subject,
        ...validity(request.validityDays, now),
        signingKey: await importKey(ca.privateKeyPem),
        publicKey: keys.publicKey,
        signingAlgorithm: ALGORITHM,
        extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
            new x509.SubjectAlternativeNameExtension(names),
            await x509.AuthorityKeyIdentifierExtension.create(issuer),
        ],
    });
    return { certificatePem: certificate.toString("pem"), privateKeyPem: await exportKey(keys.privateKey) };
}

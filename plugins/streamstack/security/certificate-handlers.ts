import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import * as provider from "@pulumi/pulumi/provider";
import { CERTIFICATE_AUTHORITY_TYPE, CERTIFICATE_TYPE } from "../../../components/model/resource-tokens";
import { changedKeys, madeOutputsSchema, PropertySchema, ResourceHandler } from "../resource-handler";
import { makeCertificateAuthority, signCertificate } from "./x509";

/**
 * `streamstack:security:CertificateAuthority` and `streamstack:security:Certificate`: the
 * platform's TLS material, made once at create by the provider and kept in the stack's state
 * (private keys as Pulumi secrets). Any change of what a certificate says makes a new one (a new
 * key too); nothing outside the state holds them, so delete has nothing to do.
 */

const MAX_VALIDITY_DAYS = 3650;
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

const authorityInputs: Record<string, PropertySchema> = {
    commonName: { type: "string", description: "The CA's subject common name." },
    validityDays: { type: "integer", description: `Days the CA certificate is valid (1..${MAX_VALIDITY_DAYS}).` },
};

/** What the provider makes for a CA and a certificate alike: the certificate and its key. */
const pemPair = (certificate: string, key: string): Record<string, PropertySchema> => ({
    certificatePem: { type: "string", description: certificate },
    privateKeyPem: { type: "string", secret: true, description: key },
});

const authoritySchema = madeOutputsSchema("A self-signed certificate authority (ECDSA P-256) that signs the platform's leaf certificates.",
    authorityInputs, pemPair("The CA certificate (PEM): what clients trust.", "The CA's private key (PKCS#8 PEM)."));

const certificateInputs: Record<string, PropertySchema> = {
    caCertificatePem: { type: "string", description: "The signing CA's certificate (PEM)." },
    caPrivateKeyPem: { type: "string", secret: true, description: "The signing CA's private key (PKCS#8 PEM)." },
    commonName: { type: "string", description: "The subject common name." },
    dnsNames: { type: "array", items: { type: "string" }, description: "DNS names peers dial (subjectAltName)." },
    ipAddresses: { type: "array", items: { type: "string" }, description: "IP addresses peers dial (subjectAltName)." },
    validityDays: { type: "integer", description: `Days the certificate is valid (1..${MAX_VALIDITY_DAYS}).` },
};

const certificateSchema = madeOutputsSchema("A server-and-client certificate (ECDSA P-256) signed by a CertificateAuthority, for the names and addresses peers dial.",
    certificateInputs, pemPair("The certificate (PEM).", "Its private key (PKCS#8 PEM)."));

function validityFailure(value: unknown): provider.CheckFailure[] {
    return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_VALIDITY_DAYS ? []
        : [{ property: "validityDays", reason: `must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}, not ${JSON.stringify(value)}` }];
}

function stringList(value: unknown): string[] | undefined {
    return Array.isArray(value) && value.every((item) => typeof item === "string") ? value as string[] : undefined;
}

/**
 * What a CA and a certificate share: the pair is made once at create and kept; a change of any
 * input makes a new one (a new key too); nothing outside the state holds it, so there is
 * nothing to import or delete.
 */
function keptPemPair(kind: string, inputs: Record<string, PropertySchema>): Pick<ResourceHandler, "secretOutputs" | "diff" | "read" | "update" | "delete"> {
    return {
        secretOutputs: ["privateKeyPem"],
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const replaces = changedKeys(Object.keys(inputs), olds, news);
            return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
        },
        async read(id, props): Promise<provider.ReadResult> {
            if (typeof props.privateKeyPem !== "string") throw new Error(`${id}: a ${kind} cannot be imported; declare it and run pulumi up`);
            return { id, props };
        },
        async update(_id, olds, news): Promise<provider.UpdateResult> {
            return { outs: { ...news, certificatePem: olds.certificatePem, privateKeyPem: olds.privateKeyPem } };
        },
        async delete(): Promise<void> {
            // Nothing outside the state holds it.
        },
    };
}

export function certificateAuthorityHandler(): ResourceHandler {
    return {
        token: CERTIFICATE_AUTHORITY_TYPE,
        schema: authoritySchema,
        ...keptPemPair("certificate authority", authorityInputs),
        async check(_olds, news): Promise<provider.CheckResult> {
            const failures = validityFailure(news.validityDays);
            if (typeof news.commonName !== "string" || news.commonName.length === 0 || /[,=+"\\<>;]/.test(news.commonName)) {
                failures.push({ property: "commonName", reason: "must be a plain name (no , = + \" \\ < > ;)" });
            }
            return { inputs: news, failures };
        },
        async create(raw): Promise<provider.CreateResult> {
            const pair = await makeCertificateAuthority(raw.commonName as string, raw.validityDays as number);
            return { id: `ca-${randomBytes(6).toString("hex")}`, outs: { ...raw, ...pair } };
        },
    };
}

export function certificateHandler(): ResourceHandler {
    return {
        token: CERTIFICATE_TYPE,
        schema: certificateSchema,
        ...keptPemPair("certificate", certificateInputs),
        async check(_olds, news): Promise<provider.CheckResult> {
            const failures = validityFailure(news.validityDays);
            const dnsNames = stringList(news.dnsNames);
            const ipAddresses = stringList(news.ipAddresses);
            if (dnsNames === undefined) failures.push({ property: "dnsNames", reason: "must be a list of names" });
            else for (const name of dnsNames.filter((n) => !DNS_NAME.test(n))) failures.push({ property: "dnsNames", reason: `"${name}" is not a lower-case DNS name` });
            if (ipAddresses === undefined) failures.push({ property: "ipAddresses", reason: "must be a list of addresses" });
            else for (const address of ipAddresses.filter((a) => isIP(a) === 0)) failures.push({ property: "ipAddresses", reason: `"${address}" is not an IP address` });
            if (dnsNames?.length === 0 && ipAddresses?.length === 0) failures.push({ property: "dnsNames", reason: "a certificate needs at least one name or address to be verified against" });
            return { inputs: news, failures };
        },
        async create(raw): Promise<provider.CreateResult> {
            const pair = await signCertificate({ certificatePem: raw.caCertificatePem as string, privateKeyPem: raw.caPrivateKeyPem as string }, {
                commonName: raw.commonName as string,
                dnsNames: raw.dnsNames as string[],
                ipAddresses: raw.ipAddresses as string[],
                validityDays: raw.validityDays as number,
            });
            return { id: `cert-${randomBytes(6).toString("hex")}`, outs: { ...raw, ...pair } };
        },
    };
}

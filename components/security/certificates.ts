import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATE_AUTHORITY_TYPE, CERTIFICATE_TYPE, PROVIDER_VERSION } from "../model/resource-tokens";

export interface CertificateAuthorityArgs {
    /** The CA's subject common name. */
    commonName: pulumi.Input<string>;
    /** Days the CA certificate is valid. */
    validityDays: pulumi.Input<number>;
}

/**
 * A self-signed certificate authority (ECDSA P-256) made once by the streamstack provider and
 * kept in the stack's state, its private key a Pulumi secret: what the platform's TLS clients
 * trust. Any change of its inputs makes a new CA.
 */
export class CertificateAuthority extends pulumi.CustomResource {
    /** The CA certificate (PEM): hand it to clients. */
    declare readonly certificatePem: pulumi.Output<string>;
    declare readonly privateKeyPem: pulumi.Output<string>;

    constructor(name: string, args: CertificateAuthorityArgs, opts?: pulumi.CustomResourceOptions) {
        super(CERTIFICATE_AUTHORITY_TYPE, name, { ...args, certificatePem: undefined, privateKeyPem: undefined },
            { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["privateKeyPem"] });
    }
}

export interface CertificateArgs {
    /** The signing CA. */
    authority: CertificateAuthority;
    commonName: pulumi.Input<string>;
    /** DNS names peers dial (subjectAltName). */
    dnsNames: pulumi.Input<pulumi.Input<string>[]>;
    /** IP addresses peers dial (subjectAltName). */
    ipAddresses: pulumi.Input<pulumi.Input<string>[]>;
    validityDays: pulumi.Input<number>;
}

/**
 * A leaf certificate (ECDSA P-256, server and client use) signed by a CertificateAuthority,
 * made once by the streamstack provider; any change of a name, an address or the CA makes a
 * new one with a new key.
 */
export class Certificate extends pulumi.CustomResource {
    declare readonly certificatePem: pulumi.Output<string>;
    declare readonly privateKeyPem: pulumi.Output<string>;

    constructor(name: string, args: CertificateArgs, opts?: pulumi.CustomResourceOptions) {
        super(CERTIFICATE_TYPE, name, {
            caCertificatePem: args.authority.certificatePem,
            caPrivateKeyPem: args.authority.privateKeyPem,
            commonName: args.commonName,
            dnsNames: args.dnsNames,
            ipAddresses: args.ipAddresses,
            validityDays: args.validityDays,
            certificatePem: undefined,
            privateKeyPem: undefined,
        }, { ...opts, version: PROVIDER_VERSION, additionalSecretOutputs: ["privateKeyPem"] });
    }
}

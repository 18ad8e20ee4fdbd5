import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION, SECRET_FILES_TYPE } from "../../components/model/resource-tokens";

export interface SecretFilesArgs {
    /** The Docker volume's name. */
    volume: pulumi.Input<string>;
    /** File name -> content (Pulumi secrets). */
    files: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Numeric owner of the files (the members' user); mode 0400. */
    owner: number;
    /** A local image the provider creates (never starts) a container of to write into the volume. */
    image: pulumi.Input<string>;
    labels: Record<string, string>;
}

/**
 * A Docker volume holding secret files, mounted read-only at SECRETS_DIR by the members that
 * read them. Not uploads on the containers: the SDK would make a container's whole `uploads`
 * secret for one secret file, and the review and the policy pack read the rendered files there.
 * Served by the streamstack provider (plugins/streamstack/docker/secret-files-handler.ts).
 */
export class SecretFiles extends pulumi.CustomResource {
    declare readonly volume: pulumi.Output<string>;

    constructor(name: string, args: SecretFilesArgs, opts?: pulumi.CustomResourceOptions) {
        super(SECRET_FILES_TYPE, name, { ...args, files: pulumi.secret(args.files) }, { ...opts, version: PROVIDER_VERSION });
    }
}

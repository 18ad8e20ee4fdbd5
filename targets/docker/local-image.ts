import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

/**
 * The local image ID a tag points at, read through the docker provider at preview. Containers
 * run that ID, so an image rebuilt under the same tag (`:local`) replaces them, and a missing
 * image fails the preview before anything is created (no registry is ever pulled from).
 */
export function localImageId(image: string, parent: pulumi.Resource): pulumi.Output<string> {
    const found = docker.getRemoteImage({ name: image }, { parent }).then(
        (result) => result.id,
        (error: unknown) => {
            throw new Error(`streamstack:images: image ${image} is not in the local Docker engine ` +
                `(build it with 'bash scripts/setup/images.sh'; nothing is pulled from a registry): ${String(error)}`);
        },
    );
    return pulumi.output(found);
}

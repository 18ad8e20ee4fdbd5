import * as pulumi from "@pulumi/pulumi";
import { localImageIdAtStart } from "../../live/docker-engine";

/**
 * The local image ID a tag points at, read from the Docker engine when the program starts.
 * Containers run that ID, so an image rebuilt under the same tag (`:local`) replaces them. A
 * missing image is a preflight problem (targets/docker/preflight.ts), reported with the rest
 * before anything is declared; nothing is ever pulled from a registry.
 */
export function localImageId(image: string): pulumi.Output<string> {
    return pulumi.output(localImageIdAtStart(image).then((id) => {
        if (id === undefined) throw new Error(`streamstack:images: image ${image} is not in the local Docker engine (build it with 'bash scripts/setup/images.sh')`);
        return id;
    }));
}

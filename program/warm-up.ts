import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { PlatformSettings } from "../components/config";
import { PROVIDER_VERSION, WARM_UP_FUNCTION } from "../components/model/resource-tokens";

/**
 * The engine starts a provider plugin when the program first needs it. Left to itself, the
 * docker plugin (~0.13 s) starts when the network registers and the streamstack plugin
 * (~0.15 s) when the first readiness gate does — both on the critical path of every preview
 * and up, after the preview checks and the declaration. Asking each for something harmless
 * first thing starts them while the program still reads the machine. Nothing is created and
 * the answers are not used; a failure here shows up where the provider is really used.
 */
export function warmUpProviders(settings: PlatformSettings): void {
    // Every platform uses the streamstack provider (gates and guards on either target, topics,
    // jobs), so the invoke adds nothing to the stack's state that was not there.
    pulumi.runtime.invoke(WARM_UP_FUNCTION, {}, { version: PROVIDER_VERSION }).catch(() => undefined);
    if (settings.target === "docker") {
        // The cheapest docker function: a local image lookup (never a pull).
        docker.getRemoteImage({ name: settings.images.zookeeper }).catch(() => undefined);
    }
}

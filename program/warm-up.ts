import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { PlatformSettings } from "../components/config";
import { WARM_UP_FUNCTION } from "../components/model/resource-tokens";

/**
 * The engine starts a provider plugin when the program first needs it. Left to itself, the
 * docker plugin (~0.13 s) starts when the network registers and the streamstack plugin
 * (~0.15 s) when the first readiness gate does — both on the critical path of every preview
 * and up, after the preview checks and the declaration. Asking each for something harmless
 * first thing starts them while the program still reads the machine. Nothing is created and
 * the answers are not used; a failure here shows up where the provider is really used.
 */
export function warmUpProviders(settings: PlatformSettings): void {
    // Only a provider the program will use: an invoke alone would add it to the stack's state.
    if (usesStreamstackProvider(settings)) pulumi.runtime.invoke(WARM_UP_FUNCTION, {}).catch(() => undefined);
    if (settings.target === "docker") {
        // The cheapest docker function: a local image lookup (never a pull).
        docker.getRemoteImage({ name: settings.images.zookeeper }).catch(() => undefined);
    }
}

/** Readiness gates (Docker target), topics and streaming jobs are the streamstack provider's resources. */
export function usesStreamstackProvider(settings: Pick<PlatformSettings, "target" | "topics" | "jobs">): boolean {
    return settings.target === "docker" || settings.topics.length > 0 || settings.jobs.length > 0;
}

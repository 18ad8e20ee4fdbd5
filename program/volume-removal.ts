import * as pulumi from "@pulumi/pulumi";
import { PlatformSettings } from "../components/config";
import { flatAddressing, range } from "../components/model/addressing";
import { stackFilter, volumeName } from "../components/model/labels";
import { memberVolumeKey, secretFilesName } from "../components/model/resource-names";
import { platformModel } from "../components/platform/model";
import { labelledVolumes } from "../live/docker-engine";

/**
 * Every Docker volume the platform declares with these settings, by name, from the model the
 * Docker target deploys: data volumes and each group's volume of secret files.
 */
export function declaredVolumes(settings: PlatformSettings, prefix: string): string[] {
    const keys = new Set(platformModel(settings, flatAddressing).flatMap((group) => [
        ...group.volumes.flatMap((volume) => (volume.scope === "shared"
            ? [volume.name]
            : range(group.replicas).map((ordinal) => memberVolumeKey(group.name, ordinal, volume.name)))),
        ...(group.secretFiles.length > 0 ? [secretFilesName(group.name)] : []),
    ]));
    return [...keys].map((key) => volumeName(prefix, key));
}

/** Volumes of the stack that exist but that this program no longer declares. */
export function volumesToRemove(existing: string[], declared: string[]): string[] {
    const kept = new Set(declared);
    return existing.filter((name) => !kept.has(name));
}

/**
 * A data volume leaves the stack only by `pulumi destroy`, or when the program stops declaring
 * it (a ZooKeeper ensemble or the brokers scaled down): the preview says so, loudly, naming
 * each volume, before `up` deletes it and its data.
 */
export async function warnOfVolumeRemoval(stackPrefix: string, declared: string[]): Promise<string[]> {
    const removed = volumesToRemove(await labelledVolumes(stackFilter(stackPrefix)), declared);
    if (removed.length > 0) {
        pulumi.log.warn(`DATA LOSS: this update deletes ${removed.length} data volume${removed.length === 1 ? "" : "s"} and everything in ` +
            `${removed.length === 1 ? "it" : "them"}: ${removed.join(", ")}. Keep a copy first if you need it ` +
            `(docker run --rm --user 0 --entrypoint tar -v <volume>:/data -v "$PWD":/backup streamstack/kafka:local czf /backup/<volume>.tgz -C /data .), ` +
            "or undo the config change that removes the members using them.");
    }
    return removed;
}

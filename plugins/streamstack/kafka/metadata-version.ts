import { KafkaConnection, onKafkaConnection } from "../../../live/kafka";
import { retrying } from "./admin";

/**
 * A KRaft cluster's metadata.version (the feature level its metadata log is written at): what
 * each broker supports and what the quorum finalized, through ApiVersions, and raising it
 * through UpdateFeatures, which a broker forwards to the active controller.
 */

export const METADATA_VERSION_FEATURE = "metadata.version";
const UPGRADE = 1; // FeatureUpdate.UpgradeType UPGRADE
const REQUEST_TIMEOUT_MS = 15_000;
/** Connections refused while a just-restarted broker opens its listener are waited out this long. */
const READ_WAIT_MS = 60_000;

/** One broker's view: the highest level its version supports, and the level finalized cluster-wide (undefined: none). */
export interface BrokerFeatureView {
    endpoint: string;
    supportedMax: number | undefined;
    finalized: number | undefined;
}

/**
 * The level to raise to: the highest every broker supports, so nothing is raised while one
 * still runs the older release; undefined when the finalized level is there already or a broker
 * names no level (not a KRaft member). The active controller refuses a level one of the
 * controllers does not support, so they need no asking here.
 */
export function levelToRaise(views: readonly BrokerFeatureView[]): { from: number; to: number } | undefined {
    if (views.length === 0 || views.some((view) => view.supportedMax === undefined || view.finalized === undefined)) return undefined;
    const to = Math.min(...views.map((view) => view.supportedMax!));
    const from = Math.max(...views.map((view) => view.finalized!));
    return to > from ? { from, to } : undefined;
}

/** What one broker says of metadata.version (ApiVersions v3, which every Kafka 3.9 and 4.x broker answers). */
export async function brokerFeatureView(endpoint: string, connection: KafkaConnection): Promise<BrokerFeatureView> {
    const answer = await retrying(() => onKafkaConnection(endpoint, { ...connection, timeoutMs: REQUEST_TIMEOUT_MS },
        (socket, client) => client.apiVersionsV3.api.async(socket, "streamstack", "1")), READ_WAIT_MS);
    const supported = answer.supportedFeatures?.find((feature) => feature.name === METADATA_VERSION_FEATURE);
    const finalized = answer.finalizedFeatures?.find((feature) => feature.name === METADATA_VERSION_FEATURE);
    return { endpoint, supportedMax: supported?.maxVersion, finalized: finalized?.maxVersionLevel };
}

/** Finalizes metadata.version at `level` (UpdateFeatures v1, upgrade only), asked of one broker. */
export async function raiseMetadataVersion(endpoint: string, level: number, connection: KafkaConnection): Promise<void> {
    const answer = await onKafkaConnection(endpoint, { ...connection, timeoutMs: REQUEST_TIMEOUT_MS }, (socket, client) => client.updateFeaturesV1.api.async(socket,
        REQUEST_TIMEOUT_MS, [{ feature: METADATA_VERSION_FEATURE, maxVersionLevel: level, upgradeType: UPGRADE }], false));
    const refusals = [
        ...(answer.errorCode !== 0 ? [`error ${answer.errorCode}${answer.errorMessage ? ` (${answer.errorMessage})` : ""}`] : []),
        ...answer.results.filter((result) => result.errorCode !== 0).map((result) => `${result.feature}: error ${result.errorCode}${result.errorMessage ? ` (${result.errorMessage})` : ""}`),
    ];
    if (refusals.length > 0) throw new Error(`the controller refused ${METADATA_VERSION_FEATURE} ${level}: ${refusals.join("; ")}`);
}

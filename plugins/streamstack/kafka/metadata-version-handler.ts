import * as provider from "@pulumi/pulumi/provider";
import { KafkaAuth } from "../../../components/model/state-access";
import { KAFKA_METADATA_VERSION_TYPE } from "../../../components/model/resource-tokens";
import { changedKeys, madeOutputsSchema, PropertySchema, ResourceHandler } from "../resource-handler";
import { describeKafkaError } from "./admin";
import { brokerFeatureView, levelToRaise, METADATA_VERSION_FEATURE, raiseMetadataVersion } from "./metadata-version";

/** The resource's inputs as the provider stores them. */
interface MetadataVersionProps {
    /** The release line the brokers run ("4.4"): a new one is what makes an update raise the level. */
    release: string;
    bootstrapServers: string;
    caCertificate?: string;
    auth?: KafkaAuth;
}

const inputs: Record<string, PropertySchema> = {
    release: { type: "string", description: "The Kafka release line the members run (\"4.4\"); a new one raises the level once every broker supports it." },
    bootstrapServers: { type: "string", description: "The external listener, every broker (the level is raised to what all of them support)." },
    caCertificate: { type: "string", description: "The CA the external listener is verified against, when it speaks TLS." },
    auth: { type: "object", description: "The admin login, when the listener requires one.", secret: true },
};
const schema = {
    ...madeOutputsSchema("A KRaft cluster's metadata.version, raised to the highest level every broker supports once they all run a new release.", inputs,
        { level: { type: "integer", description: "The finalized metadata.version feature level after the last create or update." } }),
    requiredInputs: ["release", "bootstrapServers"],
};

function props(raw: Record<string, unknown>): MetadataVersionProps {
    return {
        release: raw.release as string,
        bootstrapServers: raw.bootstrapServers as string,
        ...(raw.caCertificate ? { caCertificate: raw.caCertificate as string } : {}),
        ...(raw.auth ? { auth: raw.auth as KafkaAuth } : {}),
    };
}

/** Reads every broker's view, raises the level when all of them support a higher one, and returns the level finalized. */
async function settle(wanted: MetadataVersionProps): Promise<number> {
    const connection = { caCertificate: wanted.caCertificate, ...(wanted.auth ? { login: wanted.auth } : {}) };
    const endpoints = wanted.bootstrapServers.split(",").map((endpoint) => endpoint.trim()).filter(Boolean);
    try {
        const views = await Promise.all(endpoints.map((endpoint) => brokerFeatureView(endpoint, connection)));
        const unknown = views.filter((view) => view.finalized === undefined || view.supportedMax === undefined);
        if (unknown.length > 0) throw new Error(`${unknown.map((view) => view.endpoint).join(", ")} named no ${METADATA_VERSION_FEATURE} (not a KRaft member?)`);
        const raise = levelToRaise(views);
        if (!raise) return Math.max(...views.map((view) => view.finalized!));
        await raiseMetadataVersion(endpoints[0]!, raise.to, connection);
        return raise.to;
    } catch (error) {
        throw new Error(`Kafka ${METADATA_VERSION_FEATURE} for release ${wanted.release}: ${describeKafkaError(error)}`);
    }
}

/**
 * `streamstack:kafka:MetadataVersion`: the KRaft cluster's metadata.version. Kafka leaves it
 * where it was when the members run a new release, until an operator raises it
 * (`kafka-features.sh upgrade`); the platform raises it on the `up` whose roll put the last
 * broker on the new release (its input then changes), to the highest level every broker
 * supports. Never lowered: the preview refuses going back a release line (versionChangeProblems).
 */
export function metadataVersionHandler(): ResourceHandler {
    return {
        token: KAFKA_METADATA_VERSION_TYPE,
        schema,
        async check(_olds, news): Promise<provider.CheckResult> {
            const wanted = props(news);
            const failures = /^\d+\.\d+$/.test(wanted.release ?? "") ? [] : [{ property: "release", reason: "must be a Kafka release line such as \"4.4\"" }];
            return { inputs: news, failures };
        },
        async diff(_id, olds, news): Promise<provider.DiffResult> {
            const changes = changedKeys(["release", "bootstrapServers", "caCertificate", "auth"], props(olds), props(news));
            return { changes: changes.length > 0, replaces: [], deleteBeforeReplace: false };
        },
        async create(inputs): Promise<provider.CreateResult> {
            const level = await settle(props(inputs));
            return { id: "metadata.version", outs: { ...inputs, level } };
        },
        async read(id, state): Promise<provider.ReadResult> {
            return { id, props: state, inputs: state };
        },
        async update(_id, olds, news): Promise<provider.UpdateResult> {
            // A new login or CA alone changes nothing in the cluster: only a new release line is asked.
            const level = props(olds).release === props(news).release ? olds.level as number : await settle(props(news));
            return { outs: { ...news, level } };
        },
        async delete(): Promise<void> {
            // A cluster's metadata.version cannot be removed; the stack's destroy takes the cluster with it.
        },
    };
}

import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { saslCredentialsType } from "../../plugins/streamstack/kafka/topic-schema";
import * as fs from "node:fs";
import * as path from "node:path";
import { KAFKA_TOPIC_TYPE, PLATFORM_TYPE, PROVIDER_VERSION, WARM_UP_FUNCTION } from "../../components/model/resource-tokens";
import { TOP_LEVEL_KEYS } from "../../components/config";
import { platformComponentSchema, PLATFORM_OUTPUTS } from "../../plugins/streamstack/platform/component-schema";
import { constructPlatform } from "../../plugins/streamstack/platform/construct";
import { topicHandler } from "../../plugins/streamstack/kafka/topic-handler";
import { parseTopicImportId, topicImportId } from "../../components/kafka/topic-import-id";
import { packageSchema, resourceType, streamstackProvider } from "../../plugins/streamstack/provider";
import { markSecret, unwrapSecrets, wrapSecrets } from "../../plugins/streamstack/secrets";
import { LEGACY_TOPIC_TYPE, planTopicMigration, unusedDynamicProviders } from "../../operations/topic-migration";

const handlers = [topicHandler()];

describe("streamstack provider", () => {
    it("finds the resource type in a URN with parents", () => {
        assert.equal(resourceType("urn:pulumi:local::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster$streamstack:kafka:Topic::events"), KAFKA_TOPIC_TYPE);
        assert.equal(resourceType("urn:pulumi:local::streamstack::streamstack:kafka:Topic::events"), KAFKA_TOPIC_TYPE);
    });

    it("publishes a package schema named streamstack with the topic resource and its secret credentials", () => {
        const schema = JSON.parse(packageSchema({ version: "0.1.0", handlers, types: { "streamstack:kafka:SaslCredentials": saslCredentialsType } })) as {
            name: string; version: string; resources: Record<string, { inputProperties: Record<string, { secret?: boolean }>; requiredInputs: string[] }>;
        };
        assert.equal(schema.name, "streamstack");
        assert.equal(schema.version, "0.1.0");
        const topic = schema.resources[KAFKA_TOPIC_TYPE];
        assert.deepEqual(topic.requiredInputs, ["name", "partitions", "replicationFactor", "bootstrapServers"]);
        assert.equal(topic.inputProperties.auth.secret, true);
    });

    it("has the Python SDK generated at the package's version, so its resources ask for this plugin's version", () => {
        const schema = JSON.parse(packageSchema({ version: "0.1.0", handlers, types: {} })) as { language: { python: { respectSchemaVersion: boolean } } };
        assert.equal(schema.language.python.respectSchemaVersion, true);
        // scripts/python-sdk-gen runs the generator of the CLI's own version (@pulumi/pulumi's).
        const root = path.resolve(__dirname, "..", "..", "..");
        const cli = (JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
        assert.match(fs.readFileSync(path.join(root, "scripts", "python-sdk-gen", "go.mod"), "utf8"), new RegExp(`^\\s+github\\.com/pulumi/pulumi/pkg/v3 v${cli.replace(/\./g, "\\.")}$`, "m"));
    });

    it("serves the warm-up function the program invokes at start (in its schema, answering nothing) and no other", async () => {
        const schema = JSON.parse(packageSchema({ version: "0.1.0", handlers, types: {} })) as { functions: Record<string, unknown> };
        assert.deepEqual(Object.keys(schema.functions), [WARM_UP_FUNCTION]);
        const provider = streamstackProvider({ version: "0.1.0", handlers, types: {} });
        assert.deepEqual(await provider.invoke!(WARM_UP_FUNCTION, {}), { outputs: {} });
        await assert.rejects(provider.invoke!("streamstack:index:nope", {}), /no function streamstack:index:nope/);
    });

    it("refuses an unknown resource type by naming what it serves", async () => {
        const provider = streamstackProvider({ version: "0.1.0", handlers, types: {} });
        await assert.rejects(provider.check!("urn:pulumi:s::p::streamstack:spark:Nope::x", {}, {}), /no resource type streamstack:spark:Nope.*streamstack:kafka:Topic/);
    });

    it("refuses a rename at check unless recreateOnRename, and replaces when it is set", async () => {
        const provider = streamstackProvider({ version: "0.1.0", handlers, types: {} });
        const urn = "urn:pulumi:s::p::streamstack:kafka:Topic::orders";
        const olds = { name: "orders", partitions: 3, replicationFactor: 1, config: {}, bootstrapServers: "b:1", recreateOnRename: false, adoptExisting: false };
        const refused = await provider.check!(urn, olds, { ...olds, name: "orders-v2" });
        assert.match(refused.failures?.[0]?.reason ?? "", /renaming it to "orders-v2" would delete "orders"/);
        assert.equal(refused.failures?.[0]?.property, "name");
        assert.deepEqual((await provider.check!(urn, olds, { ...olds, name: "orders-v2", recreateOnRename: true })).failures, []);
        const diff = await provider.diff!("orders", urn, olds, { ...olds, name: "orders-v2", recreateOnRename: true });
        assert.deepEqual(diff.replaces, ["name"]);
        assert.equal(diff.deleteBeforeReplace, true);
    });

    it("refuses fewer partitions at check, but a diff against a topic grown outside Pulumi shows drift and never replaces", async () => {
        const provider = streamstackProvider({ version: "0.1.0", handlers, types: {} });
        const urn = "urn:pulumi:s::p::streamstack:kafka:Topic::orders";
        const live = { name: "orders", partitions: 6, replicationFactor: 1, config: {}, bootstrapServers: "b:1", recreateOnRename: false, adoptExisting: false };
        const refused = await provider.check!(urn, live, { ...live, partitions: 5 });
        assert.match(refused.failures?.[0]?.reason ?? "", /partitions cannot go from 6 to 5/);
        const diff = await provider.diff!("orders", urn, live, { ...live, partitions: 5 });
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
    });

    it("sees no change when only the secret marking of the credentials differs", async () => {
        const provider = streamstackProvider({ version: "0.1.0", handlers, types: {} });
        const auth = { mechanism: "PLAIN", username: "u", password: "p" };
        const props = { name: "t", partitions: 1, replicationFactor: 1, config: {}, bootstrapServers: "b:1", recreateOnRename: false, adoptExisting: false };
        const diff = await provider.diff!("t", "urn:pulumi:s::p::streamstack:kafka:Topic::t", { ...props, auth }, { ...props, auth: markSecret(auth) });
        assert.equal(diff.changes, false);
    });
});

describe("secret markers", () => {
    it("strips them deeply, remembers the secret keys and puts them back", () => {
        const { plain, secretKeys } = unwrapSecrets({ a: 1, auth: markSecret({ password: "p" }) });
        assert.deepEqual(plain, { a: 1, auth: { password: "p" } });
        assert.deepEqual(secretKeys, ["auth"]);
        assert.deepEqual(wrapSecrets(plain, secretKeys), { a: 1, auth: markSecret({ password: "p" }) });
    });
});

describe("topic state migration plan", () => {
    const stack = "urn:pulumi:s::streamstack::pulumi:pulumi:Stack::streamstack-s";
    const kafka = "urn:pulumi:s::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster::kafka";
    const legacy = (name: string, parent?: string) => ({
        urn: `urn:pulumi:s::streamstack::streamstack:platform:StreamingPlatform$streamstack:kafka:KafkaCluster$${LEGACY_TOPIC_TYPE}::${name}`,
        type: LEGACY_TOPIC_TYPE, id: name, parent, inputs: { name, bootstrapServers: "127.0.0.1:19092" },
    });

    it("imports every dynamic-provider topic under its parent and name, its brokers in the id, and drops the old entries", () => {
        const plan = planTopicMigration([{ urn: stack, type: "pulumi:pulumi:Stack" }, legacy("events", kafka), legacy("orders", kafka), legacy("root", stack)]);
        assert.deepEqual(plan.importFile, {
            nameTable: { "parent-0": kafka },
            resources: [
                { type: KAFKA_TOPIC_TYPE, name: "events", id: "127.0.0.1:19092/events", parent: "parent-0" },
                { type: KAFKA_TOPIC_TYPE, name: "orders", id: "127.0.0.1:19092/orders", parent: "parent-0" },
                { type: KAFKA_TOPIC_TYPE, name: "root", id: "127.0.0.1:19092/root" },
            ],
        });
        assert.equal(plan.legacyUrns.length, 3);
    });

    it("drops the dynamic-provider provider only once nothing refers to it", () => {
        const provider = { urn: "urn:pulumi:s::streamstack::pulumi:providers:pulumi-nodejs::default", type: "pulumi:providers:pulumi-nodejs", id: "u1" };
        const user = { ...legacy("events", kafka), provider: `${provider.urn}::u1` };
        assert.deepEqual(unusedDynamicProviders([provider, user]), []);
        assert.deepEqual(unusedDynamicProviders([provider]), [provider.urn]);
    });

    it("leaves a stack without dynamic-provider topics alone", () => {
        assert.deepEqual(planTopicMigration([{ urn: stack, type: "pulumi:pulumi:Stack" }]).legacyUrns, []);
    });
});

describe("importing a topic: the id names its brokers, never a stack's config", () => {
    it("reads `<bootstrap servers>/<topic>` back as the brokers and the topic, and a plain name as neither", () => {
        assert.deepEqual(parseTopicImportId("127.0.0.1:19092,127.0.0.1:19093/orders"), { bootstrapServers: "127.0.0.1:19092,127.0.0.1:19093", topic: "orders" });
        assert.deepEqual(parseTopicImportId(topicImportId("kafka-0:9092", "a.b_c-d")), { bootstrapServers: "kafka-0:9092", topic: "a.b_c-d" });
        for (const id of ["orders", "/orders", "127.0.0.1:19092/"]) assert.equal(parseTopicImportId(id), undefined, id);
    });

    it("refuses an import by topic name alone, saying how to name the brokers", async () => {
        const read = topicHandler().read!;
        await assert.rejects(read("orders", {}), /topic "orders": the import id names the topic but not its brokers; import it as 'pulumi import streamstack:kafka:Topic <resource name> <host:port,...>\/orders'/);
    });
});

describe("the provider plugin's version", () => {
    it("is the package's: the version every custom resource asks the engine for", () => {
        const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
        assert.equal(PROVIDER_VERSION, pkg.version, "components/model/resource-tokens.ts PROVIDER_VERSION must follow package.json's version");
    });
});

describe("StreamingPlatform for other languages (the plugin's construct)", () => {
    const components = [{ token: PLATFORM_TYPE, schema: platformComponentSchema, construct: constructPlatform }];

    it("is a component in the package schema: every setting an input, the platform's addresses its outputs", () => {
        const schema = JSON.parse(packageSchema({ version: "0.1.0", handlers, components, types: {} })) as {
            resources: Record<string, { isComponent?: boolean; inputProperties: Record<string, unknown>; properties: Record<string, unknown> }>;
        };
        const platform = schema.resources[PLATFORM_TYPE]!;
        assert.equal(platform.isComponent, true);
        assert.deepEqual(Object.keys(platform.inputProperties), [...TOP_LEVEL_KEYS, "keepUnscopedNames"]);
        assert.deepEqual(Object.keys(platform.properties), Object.keys(PLATFORM_OUTPUTS));
    });

    it("constructs only the platform, and refuses settings that come from other resources' outputs", async () => {
        const pulumi = await import("@pulumi/pulumi");
        const provider = streamstackProvider({ version: "0.1.0", handlers, components, types: {} });
        await assert.rejects(provider.construct!("p", "streamstack:index:Nope", {}, {}), /constructs no streamstack:index:Nope \(it constructs streamstack:platform:StreamingPlatform\)/);
        await assert.rejects(provider.construct!("p", PLATFORM_TYPE, { kafka: pulumi.output({ brokers: 1 }), topics: [{ name: pulumi.secret("t") }] }, {}),
            /StreamingPlatform "p": args\.kafka, args\.topics come from other resources' outputs or secrets; the settings decide which resources exist/);
    });
});

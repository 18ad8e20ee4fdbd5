/**
 * The package's public API (api/index.ts) as another program uses it, against Pulumi's mock
 * engine: what it exports, the component's own validation (named in the caller's terms), two
 * platforms in one program, and a kubernetes provider passed by the caller.
 */
import * as assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { coexistenceProblems } from "../../components/platform/coexistence";
import { resolveSettings } from "../../components/platform/settings";
import { kubernetesConfig } from "../support/kubernetes-settings";
import { providerMadeOutputs } from "../../operations/mock-graph";

interface Registered { type: string; name: string; inputs: Record<string, unknown>; provider?: string }

describe("the package's public API", () => {
    const registered: Registered[] = [];
    let api: typeof import("../../api");

    before(async () => {
        await pulumi.runtime.setMocks({
            newResource(args: pulumi.runtime.MockResourceArgs) {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown>, provider: args.provider });
                return { id: `${args.name}-id`, state: { ...args.inputs, ...providerMadeOutputs(args.type, args.name) } };
            },
            call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
        }, "outside", "dev", false);
        // Loaded after the mocks, so every resource goes to the mock engine.
        api = await import("../../api");
    });

    /** Once the platforms' outputs resolve, registration continues asynchronously: wait until the count stops growing. */
    async function settled(...platforms: { urn: pulumi.Output<string>; kafka: { bootstrapServers: pulumi.Output<string> } }[]): Promise<void> {
        await new Promise<void>((resolve) => pulumi.all(platforms.flatMap((p) => [p.urn, p.kafka.bootstrapServers])).apply(() => resolve()));
        for (let last = -1; last !== registered.length;) {
            last = registered.length;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }

    it("exports the components, the targets as values, the settings' defaults and the error type", () => {
        for (const name of ["StreamingPlatform", "ZooKeeperEnsemble", "KafkaCluster", "KafkaTopic", "SparkCluster", "StreamingJob", "ConfigError"] as const) {
            assert.equal(typeof api[name], "function", name);
        }
        assert.equal(api.docker, "docker");
        assert.equal(api.kubernetes, "kubernetes");
        assert.equal(api.DEFAULTS.kafka.brokers, 3);
    });

    it("refuses bad arguments before declaring anything, naming every argument path and the fix", () => {
        const before = registered.length;
        assert.throws(() => new api.StreamingPlatform("orders", { kafka: { brokers: 0 }, spark: { coresMax: 99 }, topics: [{ name: "bad topic" }] }), (error: Error) => {
            assert.ok(error instanceof pulumi.RunError, "a RunError, which Pulumi prints without a stack trace");
            assert.match(error.message, /^StreamingPlatform "orders" has \d+ problems in its arguments:\n/);
            assert.match(error.message, /^ {2}- args\.kafka\.brokers = 0: /m);
            assert.match(error.message, /^ {2}- args\.spark\.coresMax = 99: .*workers/m);
            assert.match(error.message, /^ {2}- args\.topics\[0\]\.name = "bad topic": /m);
            assert.doesNotMatch(error.message, /streamstack:/);
            return true;
        });
        assert.throws(() => new api.StreamingPlatform("orders", { kafka: { brokerz: 3 } } as never), /args\.kafka\.brokerz: unknown key "brokerz"; did you mean "brokers"\?/);
        assert.equal(registered.length, before, "nothing registered");
    });

    it("names a problem of a platform declared from a config namespace by its config key", async () => {
        pulumi.runtime.setAllConfig({ "orders:kafka": JSON.stringify({ brokers: 0 }) });
        assert.throws(() => api.StreamingPlatform.fromConfig("orders"), /^Error: orders configuration has 3 problems:\n {2}- orders:kafka\.brokers = 0: /);
    });

    it("declares two platforms in one program: every resource and physical name in its own platform's scope", async () => {
        const { PlatformComponent } = await import("../../components/platform");
        const { targetFor } = await import("../../program/select-target");
        const settings = resolveSettings({ zookeeper: { replicas: 1 }, kafka: { brokers: 1, defaultReplicationFactor: 1, minInsyncReplicas: 1 } });
        await settled(...["alpha", "beta"].map((name) => new PlatformComponent(name, { settings, target: targetFor(settings, { stack: "dev", prefix: `${name}-dev` }) })));
        const ofPlatform = (name: string) => registered.filter((r) => r.name.startsWith(`${name}-`));
        const keys = registered.map((r) => `${r.type}::${r.name}`);
        assert.equal(new Set(keys).size, keys.length, "no two resources share a type and name (their URNs would collide)");
        assert.ok(ofPlatform("alpha").length > 20);
        assert.equal(ofPlatform("alpha").length, ofPlatform("beta").length);
        const containers = registered.filter((r) => r.type === "docker:index/container:Container").map((r) => r.inputs.name).sort();
        assert.deepEqual(containers.filter((c) => String(c).startsWith("alpha-dev-")), ["alpha-dev-kafka-0", "alpha-dev-spark-master-0", "alpha-dev-spark-master-1", "alpha-dev-spark-worker-0", "alpha-dev-spark-worker-1", "alpha-dev-zookeeper-0"]);
        assert.equal(containers.filter((c) => String(c).startsWith("beta-dev-")).length, 6);
        assert.deepEqual(registered.filter((r) => r.type === "streamstack:kafka:Topic").map((r) => r.name).sort(), ["alpha-events", "beta-events"]);
    });

    it("declares a KRaft platform's metadata.version at its release line, and no ZooKeeper chroot", async () => {
        const { PlatformComponent } = await import("../../components/platform");
        const { targetFor } = await import("../../program/select-target");
        const settings = resolveSettings({ kafka: { metadata: "kraft", version: "4.4.0" } });
        const platform = new PlatformComponent("kraft", { settings, target: targetFor(settings, { stack: "dev", prefix: "kraft-dev" }) });
        await settled(platform);
        const versions = registered.filter((r) => r.type === "streamstack:kafka:MetadataVersion" && r.name.startsWith("kraft-"));
        assert.deepEqual(versions.map((r) => [r.name, r.inputs.release]), [["kraft-kafka-metadata-version", "4.4"]]);
        assert.equal(await new Promise((resolve) => platform.kafka.zookeeperChroot.apply(resolve)), undefined);
    });

    it("refuses a platform that would take another's host ports, NodePorts or namespace in the same program", () => {
        const small = { zookeeper: { replicas: 1 }, kafka: { brokers: 1, defaultReplicationFactor: 1, minInsyncReplicas: 1 } };
        const alpha = resolveSettings(small);
        const moved = resolveSettings({ ...small, ports: { zookeeperClient: 22181, kafkaExternal: 29092, sparkMasterUi: 28080, sparkWorkerUi: 28180 } });
        assert.deepEqual(coexistenceProblems(moved, [{ name: "alpha", settings: alpha }]), []);
        const clash = coexistenceProblems(resolveSettings({ ...small, ports: { kafkaExternal: 19092 } }), [{ name: "alpha", settings: alpha }]);
        assert.deepEqual(clash.map((p) => p.key), ["streamstack:ports.zookeeperClient", "streamstack:ports.kafkaExternal", "streamstack:ports.sparkMasterUi", "streamstack:ports.sparkWorkerUi"]);
        assert.match(clash[1]!.message, /overlap ports\.kafkaExternal of platform "alpha" of this program \(19092-19092\); move one of them/);
        // Other host addresses do not share ports; 0.0.0.0 shares every address's.
        assert.deepEqual(coexistenceProblems(resolveSettings({ ...small, ports: { bindAddress: "127.0.0.2" } }), [{ name: "alpha", settings: alpha }]), []);
        const k8s = resolveSettings(kubernetesConfig({ kubernetes: { namespace: "data" } }));
        const sameNamespace = coexistenceProblems(resolveSettings(kubernetesConfig({ kubernetes: { namespace: "data" }, ports: { kafkaExternal: 31092 } })), [{ name: "k", settings: k8s }]);
        assert.deepEqual(sameNamespace.map((p) => p.key), ["streamstack:kubernetes.namespace", "streamstack:ports.sparkMasterUi", "streamstack:ports.sparkWorkerUi"]);
        assert.deepEqual(coexistenceProblems(resolveSettings(kubernetesConfig({ kubernetes: { context: "other" } })), [{ name: "k", settings: k8s }]), [], "another cluster");
    });

    it("uses a kubernetes provider the caller passes, and makes none of its own", async () => {
        const k8s = await import("@pulumi/kubernetes");
        const { PlatformComponent } = await import("../../components/platform");
        const { targetFor } = await import("../../program/select-target");
        const settings = resolveSettings(kubernetesConfig({ kubernetes: { namespace: "gamma" } }));
        const mine = new k8s.Provider("mine", { namespace: "gamma" });
        await settled(new PlatformComponent("gamma", { settings, target: targetFor(settings, { stack: "dev", prefix: "gamma-dev" }) }, { providers: { kubernetes: mine } }));
        const kubernetes = registered.filter((r) => r.type.startsWith("kubernetes:") && r.name.startsWith("gamma-"));
        assert.ok(kubernetes.length > 10);
        assert.deepEqual(registered.filter((r) => r.type === "pulumi:providers:kubernetes").map((r) => r.name), ["mine"]);
        for (const resource of kubernetes) assert.match(resource.provider ?? "", /::mine::/, `${resource.type} ${resource.name}`);
    });
});

/**
 * Entry point of the `streamstack` resource provider plugin (launched by the engine through
 * ./pulumi-resource-streamstack). Serves every custom resource of the platform.
 */
// First: with the opt-in SDK accelerators on, it changes how the SDK modules imported below load their own dependencies.
import "./sdk-accelerators";
import * as fs from "node:fs";
import * as path from "node:path";
import * as provider from "@pulumi/pulumi/provider";
import { resolveSettings } from "../../components/platform/settings";
import { readStackConfig } from "../../components/config/stack-config";
import { externalBootstrap } from "../../components/kafka/render";
import { topicHandler } from "./kafka/topic-handler";
import { saslCredentialsType } from "./kafka/topic-schema";
import { exitWithEngine } from "./exit-with-engine";
import { volumeGuardHandler } from "./docker/volume-guard-handler";
import { claimTemplateGuardHandler } from "./kubernetes/claim-guard-handler";
import { rolloutGateHandler } from "./kubernetes/rollout-gate-handler";
import { readinessGateHandler } from "./platform/gate-handler";
import { installServerHooks, serverHooksAttached } from "./server-hooks";
import { streamingJobHandler } from "./spark/job-handler";
import { clusterLimitsType } from "./spark/job-schema";
import { streamstackProvider } from "./provider";

const projectRoot = path.resolve(__dirname, "..", "..", "..");
const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string }).version;

exitWithEngine();

let stackConfig: Record<string, string> = {};
installServerHooks((config) => { stackConfig = config; });

/** Where the stack's brokers listen for the host, from the same settings the program uses. */
function stackBootstrapServers(): string | undefined {
    try {
        const settings = resolveSettings(readStackConfig(stackConfig));
        return externalBootstrap(settings.kafka.brokers, settings.ports.bindAddress, settings.ports.kafkaExternal);
    } catch {
        return undefined;
    }
}

void provider.main(streamstackProvider({
    version,
    handlers: [topicHandler(stackBootstrapServers), streamingJobHandler(), readinessGateHandler(), volumeGuardHandler(), claimTemplateGuardHandler(), rolloutGateHandler()],
    types: { "streamstack:kafka:SaslCredentials": saslCredentialsType, "streamstack:spark:ClusterLimits": clusterLimitsType },
}), process.argv.slice(2));
// provider.main adds its service synchronously, before it binds and prints the port: a plugin
// whose hooks did not attach stops here, before the engine connects, and says why.
if (!serverHooksAttached()) {
    process.stderr.write("streamstack provider: the hooks on @pulumi/pulumi's gRPC server did not attach (its @grpc/grpc-js is not the one " +
        "resolved from @pulumi/pulumi), so stack config would not reach the provider; plugins/streamstack/server-hooks.ts needs updating for this SDK\n");
    process.exit(1);
}

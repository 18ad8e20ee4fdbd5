/**
 * Entry point of the `streamstack` resource provider plugin (launched by the engine through
 * ./pulumi-resource-streamstack). Serves every custom resource of the platform.
 */
// First: with the opt-in SDK accelerators on, it changes how the SDK modules imported below load their own dependencies.
import "./sdk-accelerators";
import * as fs from "node:fs";
import * as path from "node:path";
import * as provider from "@pulumi/pulumi/provider";
import { topicHandler } from "./kafka/topic-handler";
import { userHandler } from "./kafka/user-handler";
import { metadataVersionHandler } from "./kafka/metadata-version-handler";
import { metadataMigrationHandler, zookeeperHandbackHandler } from "./kafka/migration-handlers";
import { saslCredentialsType } from "./kafka/topic-schema";
import { exitWithEngine } from "./exit-with-engine";
import { secretFilesHandler } from "./docker/secret-files-handler";
import { volumeGuardHandler } from "./docker/volume-guard-handler";
import { claimTemplateGuardHandler } from "./kubernetes/claim-guard-handler";
import { rolloutGateHandler } from "./kubernetes/rollout-gate-handler";
import { readinessGateHandler } from "./platform/gate-handler";
import { mendImportRead, importReadMended } from "./server-hooks";
import { generatedSecretHandler } from "./security/generated-secret-handler";
import { certificateAuthorityHandler, certificateHandler } from "./security/certificate-handlers";
import { caRotationGuardHandler } from "./security/ca-rotation-guard-handler";
import { streamingJobHandler } from "./spark/job-handler";
import { clusterLimitsType } from "./spark/job-schema";
import { streamstackProvider } from "./provider";
import { platformComponentSchema } from "./platform/component-schema";
import { constructPlatform } from "./platform/construct";
import { PLATFORM_TYPE } from "../../components/model/resource-tokens";

const projectRoot = path.resolve(__dirname, "..", "..", "..");
const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string }).version;

exitWithEngine();

mendImportRead();

void provider.main(streamstackProvider({
    version,
    components: [{ token: PLATFORM_TYPE, schema: platformComponentSchema, construct: constructPlatform }],
    handlers: [topicHandler(), userHandler(), metadataVersionHandler(), metadataMigrationHandler(), zookeeperHandbackHandler(), streamingJobHandler(), readinessGateHandler(), volumeGuardHandler(), claimTemplateGuardHandler(), rolloutGateHandler(), generatedSecretHandler(), certificateAuthorityHandler(), certificateHandler(), caRotationGuardHandler(), secretFilesHandler()],
    types: { "streamstack:kafka:SaslCredentials": saslCredentialsType, "streamstack:spark:ClusterLimits": clusterLimitsType },
}), process.argv.slice(2));
// provider.main adds its service synchronously, before it binds and prints the port: a plugin
// whose mend did not attach stops here, before the engine connects, and says why.
if (!importReadMended()) {
    process.stderr.write("streamstack provider: the mend of @pulumi/pulumi's provider server did not attach (its @grpc/grpc-js is not the one " +
        "resolved from @pulumi/pulumi), so `pulumi import` would crash in the SDK; plugins/streamstack/server-hooks.ts needs updating for this SDK\n");
    process.exit(1);
}

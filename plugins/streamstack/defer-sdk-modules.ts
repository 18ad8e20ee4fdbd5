/**
 * Imported first by main.ts, before the SDK's provider server loads: the SDK modules this
 * plugin does not need at start load on first use (components/platform/defer-sdk-modules.ts).
 */
import { deferSdkModules } from "../../components/platform/defer-sdk-modules";

deferSdkModules();

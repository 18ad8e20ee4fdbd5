/**
 * Imported first by main.ts, before the SDK's provider server loads: with the opt-in SDK
 * accelerators on (STREAMSTACK_SDK_ACCELERATORS=true, accelerators/sdk), the SDK modules this
 * plugin does not need at start load on first use. Off by default: the plugin runs on the SDK
 * as published.
 */
import { acceleratePlugin } from "../../accelerators/sdk";

acceleratePlugin();

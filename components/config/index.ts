export * from "./defaults";
export { ConfigError, ConfigProblem } from "./problem";
export { parseSettings } from "./parse";
export { checkGeneralRules } from "./rules";
export { parseJvmMemoryMb } from "./memory";
export { JvmProfile, JVM_PROFILES } from "./jvm-profile";
export { topicNameError } from "./topic-name";

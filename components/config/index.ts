export * from "./defaults";
export { ConfigError, ConfigProblem } from "./problem";
export { parseSettings } from "./parse";
export { checkGeneralRules } from "./rules";
export { parseJvmMemoryMb } from "./memory";
export { topicNameError } from "./topic-name";

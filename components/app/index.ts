/** Helpers for app stacks that feed an api-usage-insights stack. */
export { compatibleStack, logGroupStageAccessLogSettings, restStageAccessLogSettings } from "./access-log-settings";
export type { AccessLogSettings } from "./access-log-settings";
export { CONTRACT_VERSION, OUTPUT_NAMES, OUTPUTS, contractProblem, outputsJsonSchema } from "../../contracts/outputs";
export type { OutputName, OutputSpec, UsageInsightsOutputs } from "../../contracts/outputs";

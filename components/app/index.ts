/** Helpers for app stacks that feed an api-usage-insights stack. */
export { logGroupStageAccessLogSettings, restStageAccessLogSettings } from "./access-log-settings";
export type { AccessLogSettings } from "./access-log-settings";
export { OUTPUT_NAMES } from "../../contracts/outputs";
export type { OutputName, UsageInsightsOutputs } from "../../contracts/outputs";

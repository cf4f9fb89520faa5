/**
 * The package's main entry (`import … from "api-usage-insights"`): the components a platform stack
 * composes. App stacks import `api-usage-insights/app`; policy packs import `api-usage-insights/policies`.
 */
export { AccessLogPipeline, type AccessLogPipelineArgs, type AccessLogApi, type DataFormat, type Delivery } from "./access-log-pipeline";
export { ApiCallMetrics, type ApiCallMetricsArgs } from "./api-call-metrics";
export { UsageDashboard, buildDashboardBody, type UsageDashboardArgs, type WatchedApiArgs, type AlarmArgs, type AthenaArgs } from "./dashboard";
export { UsageAnalytics, type UsageAnalyticsArgs } from "./quicksight";
export { ObservabilityLink, ObservabilitySink, type ObservabilityLinkArgs, type ObservabilitySinkArgs } from "./monitoring";
export { CONTRACT_VERSION, OUTPUTS, OUTPUT_NAMES, outputsJsonSchema, type OutputName, type UsageInsightsOutputs } from "../contracts/outputs";

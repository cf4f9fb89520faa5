/**
 * The component package's entry: every ComponentResource exported here is served to other Pulumi
 * languages by @pulumi/pulumi's component provider host, its schema read from these TypeScript types.
 */
// Loaded for their package registration, which turns a provider passed in Construct into its Provider class (@pulumi/pulumi provider/server.js createProviderResource); TypeScript does not follow a require.
/* eslint-disable @typescript-eslint/no-require-imports */
require("@pulumi/aws");
require("@pulumi/aws-native");
/* eslint-enable @typescript-eslint/no-require-imports */

export { StageAccessLogs, type StageAccessLogsArgs } from "./stage-access-logs";
export { AccessLogPipeline, type AccessLogPipelineArgs, type AccessLogApiInput } from "./access-log-pipeline";
export { ApiCallMetrics, type ApiCallMetricsArgs } from "./api-call-metrics";
export { ObservabilityLink, ObservabilitySink, type ObservabilityLinkArgs, type ObservabilitySinkArgs } from "./monitoring";
export { UsageAnalytics, type RefreshScheduleInput, type UsageAnalyticsArgs } from "./usage-analytics";
export { UsageDashboard, type ApiCallMetricsInput, type AthenaInput, type DashboardAlarmsInput, type DashboardApiInput, type UsageDashboardArgs } from "./usage-dashboard";

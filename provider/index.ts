/**
 * The component package's entry: every ComponentResource exported here is served to other Pulumi
 * languages by @pulumi/pulumi's component provider host, its schema read from these TypeScript types.
 */
export { StageAccessLogs, type StageAccessLogsArgs } from "./stage-access-logs";
export { AccessLogPipeline, type AccessLogPipelineArgs, type AccessLogApiInput } from "./access-log-pipeline";

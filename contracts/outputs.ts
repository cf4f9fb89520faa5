/**
 * The outputs of an api-usage-insights stack: the contract app stacks read through a
 * StackReference. index.ts returns exactly these keys (checked by tsc and a test); renaming one
 * breaks every app stack, so change this file only with a migration note in the README.
 */
export interface UsageInsightsOutputs {
  /** Firehose `amazon-apigateway-…` ARN: the access-log destination of REST stages. */
  restAccessLogDestinationArn: string | null;
  /** `$context` JSON format for REST stages. */
  restAccessLogFormat: string | null;
  /** API name (as configured in `apis`) → log group ARN, for every stage logging to CloudWatch Logs (REST, HTTP and WebSocket). */
  accessLogGroupArns: Record<string, string>;
  /** @deprecated renamed to accessLogGroupArns (it never held HTTP APIs only); the same value, kept for one release. */
  httpAccessLogGroupArns: Record<string, string>;
  /** `$context` JSON format for HTTP stages. */
  httpAccessLogFormat: string | null;
  /** `$context` JSON format for WebSocket stages. */
  webSocketAccessLogFormat: string | null;
  dataLakeBucket: string | null;
  glueDatabase: string | null;
  glueTable: string | null;
  athenaWorkgroup: string | null;
  metricNamespace: string | null;
  dashboardName: string | null;
  dashboardUrl: string | null;
  quicksightDashboardId: string | null;
  widgetFunctionArns: string[];
  dashboardViewerPolicyArn: string | null;
  /** The OAM sink (monitoring stacks) or the sink this account links to (source stacks). */
  oamSinkArn: string | null;
  /** The QuickSight dashboard's console URL, when QuickSight is on. */
  quicksightDashboardUrl: string | null;
  /** The CloudTrail trail counted by the API-call metrics (null with an existing trail's log group). */
  apiCallTrailArn: string | null;
}

export type OutputName = keyof UsageInsightsOutputs;

export const OUTPUT_NAMES: readonly OutputName[] = [
  "restAccessLogDestinationArn",
  "restAccessLogFormat",
  "accessLogGroupArns",
  "httpAccessLogGroupArns",
  "httpAccessLogFormat",
  "webSocketAccessLogFormat",
  "dataLakeBucket",
  "glueDatabase",
  "glueTable",
  "athenaWorkgroup",
  "metricNamespace",
  "dashboardName",
  "dashboardUrl",
  "quicksightDashboardId",
  "widgetFunctionArns",
  "dashboardViewerPolicyArn",
  "oamSinkArn",
  "quicksightDashboardUrl",
  "apiCallTrailArn",
];

/** Outputs kept under an old name for one release: old name → new name. */
export const DEPRECATED_OUTPUTS: Readonly<Partial<Record<OutputName, OutputName>>> = { httpAccessLogGroupArns: "accessLogGroupArns" };

/**
 * The component's args (AWS terms, Pulumi inputs) and the resolved model the pure builders take.
 * Validation happens on the resolved model so that every bad value is named, whatever its source.
 */
import type * as pulumi from "@pulumi/pulumi";
import { FIELD_VARIABLES } from "../access-log-pipeline/access-log-format";
import type { LambdaArchitecture, LambdaRuntime } from "../shared/bundled-function";
import { DASHBOARD_DEFAULTS } from "./defaults";
import type { DashboardSettingsArgs } from "./settings";

export type { ApiType } from "../../contracts/api-types";
import type { ApiType } from "../../contracts/api-types";
import { apiAlarmsKind, type ApiAlarmOverrides, type ApiAlarmThresholds } from "../../contracts/api-alarms";

export interface WatchedApiArgs {
  /** Short name used in widget titles, alarm names and resource names. */
  name: string;
  type: ApiType;
  /** The API Gateway id (HTTP/WebSocket metrics are keyed by it). */
  apiId: pulumi.Input<string>;
  /** REST metrics are keyed by the API's name, not its id; defaults to `name`. */
  apiName?: pulumi.Input<string>;
  stage: pulumi.Input<string>;
  /** Access-log group, when the stage logs to CloudWatch Logs (HTTP/WebSocket always; REST optionally). */
  logGroupName?: pulumi.Input<string>;
  /** Its ARN; derived from the name, region and account when omitted. */
  logGroupArn?: pulumi.Input<string>;
  /** Access-log field (or Logs Insights expression) that identifies a user; default per type. */
  userField?: string;
  /** Access-log field that identifies a customer for bytes downloaded; default per type. */
  customerField?: string;
  /** This API's own alarm thresholds; each one given overrides the component's. */
  alarms?: ApiAlarmOverrides;
}

export interface AlarmArgs extends NonNullable<DashboardSettingsArgs["alarms"]> {
  /** SNS topic notified on ALARM and OK; none leaves the alarms silent (dashboard only). */
  topicArn?: pulumi.Input<string>;
}

export interface AthenaArgs {
  workgroup: pulumi.Input<string>;
  database: pulumi.Input<string>;
  table: pulumi.Input<string>;
  /** Where the workgroup writes query results (read/write). */
  resultsBucketArn: pulumi.Input<string>;
  /** The data lake the table reads (read only). */
  dataLakeBucketArn: pulumi.Input<string>;
}

export interface UsageDashboardArgs {
  /** Default: the component's name, with the name scope. */
  dashboardName?: string;
  /** Added to the dashboard's and the alarms' names (<name>-<scope>) so several stacks can share an account; the program passes the stack name. */
  nameScope?: string;
  apis: WatchedApiArgs[];
  /** The REST access-log stream (amazon-apigateway-…) and its enricher. */
  firehoseStreamName?: pulumi.Input<string>;
  /** The stream the access-log groups are subscribed to (the CloudWatch Logs path), beside the REST one. */
  cloudWatchLogsStreamName?: pulumi.Input<string>;
  enricherFunctionName?: pulumi.Input<string>;
  /** The enricher's log group, for its "Batch transformed" failed/dropped counts. */
  enricherLogGroupName?: pulumi.Input<string>;
  /** Every function of this stack, for errors, throttles and duration. */
  functionNames?: pulumi.Input<string>[];
  /** The api-call-counter's metrics. */
  apiCallMetrics?: { namespace: pulumi.Input<string>; metricName?: pulumi.Input<string> };
  /** The data lake, for the distinct-users widget of Firehose-delivered APIs. */
  athena?: AthenaArgs;
  alarms?: AlarmArgs;
  /** Widget functions' reserved concurrency (default 2). */
  widgetReservedConcurrency?: number;
  /** The distinct-users widget function's limits (deadline, cache, query budget, polling). */
  distinctUsers?: DashboardSettingsArgs["distinctUsers"];
  /** The period-comparison widget function's limits. */
  periodComparison?: DashboardSettingsArgs["periodComparison"];
  runtime?: LambdaRuntime;
  architecture?: LambdaArchitecture;
  logRetentionDays?: number;
  kmsKeyArn?: pulumi.Input<string>;
  /** Project root holding dist/ (tests). */
  rootDir?: string;
}

export interface Thresholds extends ApiAlarmThresholds {
  firehoseFreshnessSeconds: number;
  functionErrorsPerPeriod: number;
}

export interface DashboardApi {
  name: string;
  type: ApiType;
  apiId: string;
  apiName: string;
  stage: string;
  logGroupName?: string;
  userField: string;
  customerField: string;
  /** Its own thresholds, as given (the model's thresholds fill the rest). */
  alarms?: ApiAlarmOverrides;
}

/** The thresholds an API's alarms use: its own where it sets them, else the component's. */
export function apiThresholds(api: Pick<DashboardApi, "alarms">, thresholds: Thresholds): ApiAlarmThresholds {
  const own = api.alarms ?? {};
  return {
    serverErrorRatePercent: own.serverErrorRatePercent ?? thresholds.serverErrorRatePercent,
    clientErrorRatePercent: own.clientErrorRatePercent ?? thresholds.clientErrorRatePercent,
    latencyP90Ms: own.latencyP90Ms ?? thresholds.latencyP90Ms,
    quotaExceededPerPeriod: own.quotaExceededPerPeriod ?? thresholds.quotaExceededPerPeriod,
    trafficStoppedPeriods: own.trafficStoppedPeriods ?? thresholds.trafficStoppedPeriods,
  };
}

/** Everything the pure builders need, resolved. */
export interface DashboardModel {
  /** What alarm names start with: the component's name, with the name scope. */
  componentName: string;
  region: string;
  apis: DashboardApi[];
  firehoseStreamName?: string;
  cloudWatchLogsStreamName?: string;
  enricherFunctionName?: string;
  enricherLogGroupName?: string;
  functionNames: string[];
  apiCalls?: { namespace: string; metricName: string };
  athena?: { workgroup: string; database: string; table: string };
  thresholds: Thresholds;
  periodSeconds: number;
  quotaMetricNamespace: string;
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const API_ID = /^[a-z0-9]{10}$/;
const STAGE = /^[A-Za-z0-9_$-]{1,128}$/;
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const FIELD_EXPRESSION = /^[A-Za-z0-9_.@(), ]{1,200}$/;

function fail(key: string, value: unknown, expected: string): never {
  throw new Error(`UsageDashboard ${key} = ${JSON.stringify(value)}: expected ${expected}`);
}

/** A field of the access-log format for this API type, or an expression over such fields. */
export function checkLogField(type: ApiType, field: string, key: string): string {
  if (!FIELD_EXPRESSION.test(field)) fail(key, field, "an access-log field or a Logs Insights expression of letters, digits, _ . @ ( ) , and spaces");
  const known = Object.entries(FIELD_VARIABLES)
    .filter(([, byType]) => (byType as Partial<Record<ApiType, string>>)[type] !== undefined)
    .map(([f]) => f);
  for (const [, word, call] of field.matchAll(/([A-Za-z_@][A-Za-z0-9_.@]*)(\s*\()?/g)) {
    if (call === undefined && !known.includes(word)) {
      fail(key, field, `fields of the ${type} access-log format (${known.join(", ")}); ${word} is not one`);
    }
  }
  return field;
}

/** Validates and completes the resolved model; throws naming the first bad key. */
export function checkModel(model: DashboardModel): DashboardModel {
  if (model.apis.length === 0) fail("apis", model.apis, "at least one API to watch");
  const names = new Map<string, number>();
  model.apis.forEach((api, i) => {
    const k = `apis[${i}]`;
    if (!NAME.test(api.name)) fail(`${k}.name`, api.name, "a lowercase name (a-z, 0-9, -; at most 40)");
    const earlier = names.get(api.name);
    if (earlier !== undefined) fail(`${k}.name`, api.name, `a name no other API uses (apis[${earlier}].name is ${JSON.stringify(api.name)} too)`);
    names.set(api.name, i);
    if (!["REST", "HTTP", "WEBSOCKET"].includes(api.type)) fail(`${k}.type`, api.type, "REST, HTTP or WEBSOCKET");
    if (!API_ID.test(api.apiId)) fail(`${k}.apiId`, api.apiId, "an API Gateway id (10 lowercase letters or digits)");
    if (api.apiName.length === 0 || api.apiName.length > 1024) fail(`${k}.apiName`, api.apiName, "the REST API's name (1-1024 characters)");
    if (!STAGE.test(api.stage)) fail(`${k}.stage`, api.stage, "a stage name (letters, digits, _, -, $)");
    if (api.logGroupName !== undefined && !LOG_GROUP_NAME.test(api.logGroupName)) {
      fail(`${k}.logGroupName`, api.logGroupName, "a log group name (1-512 of letters, digits, . - _ / #)");
    }
    if (api.type !== "REST" && api.logGroupName === undefined) {
      fail(`${k}.logGroupName`, undefined, `the access-log group while ${k}.type is ${JSON.stringify(api.type)}: ${api.type} APIs log to CloudWatch Logs only`);
    }
    if (api.alarms !== undefined) {
      const decoded = apiAlarmsKind.decode(api.alarms, `UsageDashboard ${k}.alarms`);
      if (!decoded.ok) throw new Error(decoded.errors.join("; "));
    }
    checkLogField(api.type, api.userField, `${k}.userField`);
    checkLogField(api.type, api.customerField, `${k}.customerField`);
  });
  const seen = new Set<string>();
  model.functionNames.forEach((fn, i) => {
    if (!FUNCTION_NAME.test(fn)) fail(`functionNames[${i}]`, fn, "a Lambda function name (1-64 of letters, digits, - _)");
    if (seen.has(fn)) fail(`functionNames[${i}]`, fn, "each function once");
    seen.add(fn);
  });
  if (model.enricherLogGroupName !== undefined && !LOG_GROUP_NAME.test(model.enricherLogGroupName)) {
    fail("enricherLogGroupName", model.enricherLogGroupName, "a log group name");
  }
  for (const [key, value] of Object.entries(model.thresholds)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) fail(`alarms.${key}`, value, "a number ≥ 0");
  }
  if (model.thresholds.serverErrorRatePercent > 100) fail("alarms.serverErrorRatePercent", model.thresholds.serverErrorRatePercent, "a percentage from 0 to 100");
  return model;
}

export function thresholdsOf(alarms: AlarmArgs | undefined): Thresholds {
  const d = DASHBOARD_DEFAULTS;
  return {
    serverErrorRatePercent: alarms?.serverErrorRatePercent ?? d.serverErrorRatePercent,
    clientErrorRatePercent: alarms?.clientErrorRatePercent ?? d.clientErrorRatePercent,
    trafficStoppedPeriods: alarms?.trafficStoppedPeriods ?? d.trafficStoppedPeriods,
    latencyP90Ms: alarms?.latencyP90Ms ?? d.latencyP90Ms,
    quotaExceededPerPeriod: alarms?.quotaExceededPerPeriod ?? d.quotaExceededPerPeriod,
    firehoseFreshnessSeconds: alarms?.firehoseFreshnessSeconds ?? d.firehoseFreshnessSeconds,
    functionErrorsPerPeriod: alarms?.functionErrorsPerPeriod ?? d.functionErrorsPerPeriod,
  };
}

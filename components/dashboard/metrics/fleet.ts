/**
 * The fleet view: API Gateway, Firehose and api-call-counter metrics of every stage at once, as
 * SEARCH expressions, for the monitoring account of CloudWatch cross-account observability. A
 * scope with `accountId` narrows every search to that source account; without one a search
 * covers every linked account (and the monitoring account's own metrics).
 *
 * The schemas are the stage-level dimension sets API Gateway publishes (a SEARCH schema matches
 * metrics with exactly these dimensions, so the per-method and per-route sets are never counted
 * twice):
 * - REST: Count, 4XXError, 5XXError, Latency by {ApiName, Stage} (API Gateway Developer Guide,
 *   "Amazon API Gateway dimensions and metrics"; REST metrics carry ApiName, not ApiId).
 * - HTTP: Count, 4xx, 5xx, Latency by {ApiId, Stage} ("Monitor CloudWatch metrics for HTTP APIs").
 * - WebSocket: MessageCount, ClientError, ExecutionError, IntegrationError by {ApiId, Stage}
 *   ("Monitor WebSocket API execution with CloudWatch metrics"); no Count, Latency or 4xx/5xx.
 * - Firehose: DeliveryToS3.Success by {DeliveryStreamName} (Amazon Data Firehose Developer Guide,
 *   "Data delivery CloudWatch metrics").
 * - api-call-counter: its dimensionless total (one of its default dimension sets, see api-calls.ts).
 * The same names and dimensions as rest.ts, http.ts, websocket.ts and firehose.ts, which read one
 * known stage each.
 */
import type { ExpressionRef } from "../model";
import { apiCallMetrics, type ApiCallMetricsRef } from "./api-calls";
import { FIREHOSE_NAMESPACE } from "./firehose";
import { DEFAULT_PERIOD_SECONDS, type LatencyStat } from "./metric";
import { API_GATEWAY_NAMESPACE } from "./rest";
import { accountTerm, searchExpression } from "./search";

/** REST stages. */
export const REST_STAGE_DIMENSIONS = ["ApiName", "Stage"] as const;
/** HTTP and WebSocket stages. */
export const API_ID_STAGE_DIMENSIONS = ["ApiId", "Stage"] as const;
export const DELIVERY_STREAM_DIMENSIONS = ["DeliveryStreamName"] as const;

/**
 * Access-log streams are named `amazon-apigateway-…` (API Gateway requires the prefix for REST
 * log delivery; the access-log pipeline names its stream so). CloudWatch search splits names into
 * tokens at non-alphanumeric characters, and a one-token term matches case-insensitively
 * ("CloudWatch search expressions: Tokenization" / "Partial matches"), so this term keeps those
 * streams and leaves out the other Firehose streams of an account.
 */
export const ACCESS_LOG_STREAM_TERM = "DeliveryStreamName=apigateway";

export interface FleetScope {
  /** Only this source account (12 digits); omitted: every account the monitoring account sees. */
  accountId?: string;
  periodSeconds?: number;
}

export function fleetMetrics(scope: FleetScope = {}) {
  const period = scope.periodSeconds ?? DEFAULT_PERIOD_SECONDS;
  const accountId = scope.accountId;
  if (accountId !== undefined) accountTerm(accountId);
  const expression = (id: string, text: string, label: string): ExpressionRef => ({ kind: "expression", id, expression: text, label, periodSeconds: period });
  const gateway = (dimensionNames: readonly string[], metricName: string, stat: "Sum" | LatencyStat = "Sum") =>
    searchExpression({ namespace: API_GATEWAY_NAMESPACE, dimensionNames, metricName, stat, periodSeconds: period, accountId });
  /** One line: the sum over every stage the search finds in scope. */
  const total = (id: string, label: string, dimensionNames: readonly string[], metricName: string) => expression(id, `SUM(${gateway(dimensionNames, metricName)})`, label);
  /** Percentiles do not add up: the slowest stages instead, one line each. */
  const slowest = (id: string, label: string, dimensionNames: readonly string[]) => (stat: LatencyStat, limit: number) =>
    expression(id, `SORT(${gateway(dimensionNames, "Latency", stat)}, MAX, DESC, ${limit})`, `${label} ${stat}`);
  const deliverySuccess = searchExpression({
    namespace: FIREHOSE_NAMESPACE,
    dimensionNames: DELIVERY_STREAM_DIMENSIONS,
    metricName: "DeliveryToS3.Success",
    stat: "Minimum",
    periodSeconds: period,
    terms: [ACCESS_LOG_STREAM_TERM],
    accountId,
  });
  return {
    rest: {
      requests: total("rest_requests", "REST requests", REST_STAGE_DIMENSIONS, "Count"),
      clientErrors: total("rest_4xx", "REST 4XXError", REST_STAGE_DIMENSIONS, "4XXError"),
      serverErrors: total("rest_5xx", "REST 5XXError", REST_STAGE_DIMENSIONS, "5XXError"),
      slowestStages: slowest("rest_latency", "REST latency", REST_STAGE_DIMENSIONS),
    },
    http: {
      requests: total("http_requests", "HTTP requests", API_ID_STAGE_DIMENSIONS, "Count"),
      clientErrors: total("http_4xx", "HTTP 4xx", API_ID_STAGE_DIMENSIONS, "4xx"),
      serverErrors: total("http_5xx", "HTTP 5xx", API_ID_STAGE_DIMENSIONS, "5xx"),
      slowestStages: slowest("http_latency", "HTTP latency", API_ID_STAGE_DIMENSIONS),
    },
    webSocket: {
      messages: total("ws_messages", "WebSocket messages", API_ID_STAGE_DIMENSIONS, "MessageCount"),
      clientErrors: total("ws_client_errors", "WebSocket ClientError", API_ID_STAGE_DIMENSIONS, "ClientError"),
      executionErrors: total("ws_execution_errors", "WebSocket ExecutionError", API_ID_STAGE_DIMENSIONS, "ExecutionError"),
      integrationErrors: total("ws_integration_errors", "WebSocket IntegrationError", API_ID_STAGE_DIMENSIONS, "IntegrationError"),
    },
    /** The api-call-counter's dimensionless total, summed over the accounts in scope. */
    apiCalls: (ref: ApiCallMetricsRef): ExpressionRef => {
      apiCallMetrics(ref, period); // refuses a namespace or metric name the source dashboard would refuse
      const text = searchExpression({ namespace: ref.namespace, dimensionNames: [], metricName: ref.metricName, stat: "Sum", periodSeconds: period, accountId });
      return expression("api_calls", `SUM(${text})`, "AWS API calls");
    },
    /** S3 delivery success of each access-log stream (1 = every put succeeded). */
    deliverySuccessByStream: expression("delivery_success", deliverySuccess, ""),
    /** The worst access-log stream at each point in time. */
    worstDeliverySuccess: expression("worst_delivery", `MIN(${deliverySuccess})`, "Worst access-log stream"),
  };
}

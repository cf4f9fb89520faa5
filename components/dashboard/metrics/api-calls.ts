/**
 * AWS API calls counted from CloudTrail by functions/api-call-counter: one metric (default
 * CallCount) in a custom namespace, published for each dimension set it is configured with. The
 * defaults include {EventSource, EventName}, {EventSource, ErrorCode} and the dimensionless total;
 * the SEARCH expressions below read those sets. ErrorCode is "None" for a call that succeeded.
 */
import { DEFAULT_DIMENSION_SETS, DEFAULT_METRIC_NAME, DEFAULT_NAMESPACE, NO_ERROR_VALUE } from "../../../contracts/functions/api-call-counter";
import type { ExpressionRef } from "../model";
import { DEFAULT_PERIOD_SECONDS, metric } from "./metric";

export { DEFAULT_METRIC_NAME as DEFAULT_API_CALL_METRIC_NAME, DEFAULT_NAMESPACE as DEFAULT_API_CALL_NAMESPACE };

/** Error codes AWS services use for throttling (CloudTrail `errorCode`). */
export const THROTTLING_ERROR_CODES = ["ThrottlingException", "Throttling", "RequestLimitExceeded", "TooManyRequestsException"] as const;

/** The dimension sets the widgets below search; they must be among the counter's DIMENSION_SETS. */
export const SEARCHED_DIMENSION_SETS = [["EventSource", "EventName"], ["EventSource", "ErrorCode"], []] as const;

const NAMESPACE = /^[A-Za-z0-9 .\-_/#:]{1,255}$/;
const METRIC_NAME = /^[A-Za-z0-9 .\-_/#:]{1,255}$/;

export interface ApiCallMetricsRef {
  namespace: string;
  metricName: string;
}

/** Metric schema term: names with characters other than letters, digits and / go in double quotes. */
function schemaName(name: string): string {
  return /^[A-Za-z0-9/]+$/.test(name) ? name : `"${name}"`;
}

export function apiCallMetrics(ref: ApiCallMetricsRef, periodSeconds = DEFAULT_PERIOD_SECONDS) {
  if (!NAMESPACE.test(ref.namespace) || ref.namespace.startsWith("AWS/")) {
    throw new Error(`apiCallMetrics.namespace ${JSON.stringify(ref.namespace)}: expected 1-255 of letters, digits, space . - _ / # : not starting with AWS/`);
  }
  if (!METRIC_NAME.test(ref.metricName)) {
    throw new Error(`apiCallMetrics.metricName ${JSON.stringify(ref.metricName)}: expected 1-255 of letters, digits, space . - _ / # :`);
  }
  const search = (dimensions: readonly string[], term: string) =>
    `SEARCH('{${[ref.namespace, ...dimensions].map(schemaName).join(",")}} MetricName="${ref.metricName}"${term ? ` ${term}` : ""}', 'Sum', ${periodSeconds})`;
  const expression = (id: string, text: string, label: string): ExpressionRef => ({ kind: "expression", id, expression: text, label, periodSeconds });
  const throttled = THROTTLING_ERROR_CODES.map((code) => `ErrorCode="${code}"`).join(" OR ");
  return {
    total: metric(ref.namespace, ref.metricName, {}, "Sum", "calls", "All API calls", periodSeconds),
    topCalls: (limit: number) =>
      expression("top_calls", `SORT(${search(["EventSource", "EventName"], "")}, SUM, DESC, ${limit})`, ""),
    errorsByCode: (limit: number) =>
      expression("errors_by_code", `SORT(${search(["EventSource", "ErrorCode"], `NOT ErrorCode="${NO_ERROR_VALUE}"`)}, SUM, DESC, ${limit})`, ""),
    throttledCalls: () => expression("throttled", search(["EventSource", "ErrorCode"], `(${throttled})`), ""),
  };
}

/** Whether the counter's dimension sets include every set the widgets search. */
export function searchedSetsArePublished(dimensionSets: ReadonlyArray<readonly string[]> = DEFAULT_DIMENSION_SETS): boolean {
  const key = (set: readonly string[]) => [...set].sort().join(",");
  const published = new Set(dimensionSets.map(key));
  return SEARCHED_DIMENSION_SETS.every((set) => published.has(key(set)));
}

/**
 * Alarms declared by intent for the resolved model: 5xx and 4xx rates, p90 latency and (when
 * asked for) traffic stopped per API, with the API's own thresholds over the component's,
 * quota-exceeded spikes per CloudWatch-logged API with usage plans (REST, WebSocket), Firehose delivery failures and freshness, and
 * errors per function. Keys depend only on names, types and which optional parts exist, so the
 * component can declare the alarm resources before any value resolves.
 */
import { hasUsagePlans } from "../../contracts/api-types";
import { apiThresholds, type DashboardApi, type DashboardModel } from "./inputs";
import { CLOUDWATCH_LOGS_PATH, REST_PATH, firehoseMetrics } from "./metrics/firehose";
import { httpMetrics } from "./metrics/http";
import { lambdaMetrics } from "./metrics/lambda";
import { metric } from "./metrics/metric";
import { restMetrics } from "./metrics/rest";
import { webSocketMetrics } from "./metrics/websocket";
import { DASHBOARD_DEFAULTS } from "./defaults";
import type { AlarmSpec, MetricRef } from "./model";

type Query = AlarmSpec["queries"][number];

function metricQuery(m: MetricRef, returnData: boolean): Query {
  const { namespace, metricName, dimensions, stat, periodSeconds } = m;
  return { id: m.id, metric: { namespace, metricName, dimensions, stat, periodSeconds }, label: m.label, returnData };
}

/** Requests and server-side errors as the API type names them. */
export function requestsAndServerErrors(api: DashboardApi, periodSeconds: number): { requests: MetricRef; serverErrors: MetricRef[] } {
  if (api.type === "REST") {
    const m = restMetrics(api, periodSeconds);
    return { requests: m.requests, serverErrors: [m.serverErrors] };
  }
  if (api.type === "HTTP") {
    const m = httpMetrics(api, periodSeconds);
    return { requests: m.requests, serverErrors: [m.serverErrors] };
  }
  const m = webSocketMetrics(api, periodSeconds);
  return { requests: m.messages, serverErrors: [m.executionErrors, m.integrationErrors] };
}

/** `IF(requests > 0, 100 * errors / requests, 0)`: a rate, 0 without traffic instead of no data. */
export function errorRateExpression(requests: MetricRef, errorMetrics: MetricRef[]): string {
  const errors = errorMetrics.length === 1 ? errorMetrics[0].id : `(${errorMetrics.map((e) => e.id).join(" + ")})`;
  return `IF(${requests.id} > 0, 100 * ${errors} / ${requests.id}, 0)`;
}

/** Latency the p90 alarm watches: end-to-end for REST/HTTP, integration latency for WebSocket. */
export function p90LatencyMetric(api: DashboardApi, periodSeconds: number): MetricRef {
  if (api.type === "REST") return restMetrics(api, periodSeconds).latency("p90");
  if (api.type === "HTTP") return httpMetrics(api, periodSeconds).latency("p90");
  return webSocketMetrics(api, periodSeconds).integrationLatency("p90");
}

export function quotaExceededMetric(api: DashboardApi, model: Pick<DashboardModel, "quotaMetricNamespace" | "periodSeconds">): MetricRef {
  return metric(
    model.quotaMetricNamespace,
    DASHBOARD_DEFAULTS.quotaMetricName,
    { ApiId: api.apiId, Stage: api.stage },
    "Sum",
    "quota_exceeded",
    "Requests refused: QUOTA_EXCEEDED",
    model.periodSeconds,
  );
}

/**
 * QUOTA_EXCEEDED is counted by a metric filter on the access-log group, and only APIs with usage
 * plans can refuse a request for quota: HTTP APIs have no API keys or usage plans.
 */
export function watchesQuota(api: Pick<DashboardApi, "type" | "logGroupName">): boolean {
  return api.logGroupName !== undefined && hasUsagePlans(api.type);
}

/** Requests refused for the caller's fault, as the API type names them. */
export function clientErrorsOf(api: DashboardApi, periodSeconds: number): MetricRef[] {
  if (api.type === "REST") return [restMetrics(api, periodSeconds).clientErrors];
  if (api.type === "HTTP") return [httpMetrics(api, periodSeconds).clientErrors];
  return [webSocketMetrics(api, periodSeconds).clientErrors];
}

/** One composite alarm per API, in ALARM while any of its own alarms is: the one to page on. */
export interface CompositeSpec {
  key: string;
  alarmName: string;
  description: string;
  /** Keys of the API's metric alarms, in plan order. */
  memberKeys: string[];
}

export function planComposites(model: DashboardModel, alarms: readonly AlarmSpec[]): CompositeSpec[] {
  return model.apis.map((api) => ({
    key: `${api.name}-health`,
    alarmName: `${model.componentName}-${api.name}-health`,
    description: `${api.name} (${api.type} ${api.stage}): one of its alarms is in ALARM (errors, latency, quota or traffic)`,
    memberKeys: alarms.filter((a) => a.key.startsWith(`${api.name}-`)).map((a) => a.key),
  }));
}

/** CloudWatch's rule syntax: ALARM("name") OR … */
export function compositeRule(memberNames: readonly string[]): string {
  return memberNames.map((n) => `ALARM(${JSON.stringify(n)})`).join(" OR ");
}

export function planAlarms(model: DashboardModel): AlarmSpec[] {
  const c = model.componentName;
  const t = model.thresholds;
  const period = model.periodSeconds;
  const specs: AlarmSpec[] = [];
  const sustained = { evaluationPeriods: 3, datapointsToAlarm: 3 };
  const once = { evaluationPeriods: 1, datapointsToAlarm: 1 };

  for (const api of model.apis) {
    const at = apiThresholds(api, model.thresholds);
    const { requests, serverErrors } = requestsAndServerErrors(api, period);
    const clientErrors = clientErrorsOf(api, period);
    const who = `${api.name} (${api.type} ${api.stage})`;
    specs.push({
      key: `${api.name}-5xx-rate`,
      alarmName: `${c}-${api.name}-5xx-rate`,
      description: `${who}: more than ${at.serverErrorRatePercent} % of requests failed server-side for 15 minutes`,
      queries: [
        metricQuery(requests, false),
        ...serverErrors.map((e) => metricQuery(e, false)),
        { id: "rate", expression: errorRateExpression(requests, serverErrors), label: "5xx rate (%)", returnData: true },
      ],
      comparisonOperator: "GreaterThanThreshold",
      threshold: at.serverErrorRatePercent,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    specs.push({
      key: `${api.name}-4xx-rate`,
      alarmName: `${c}-${api.name}-4xx-rate`,
      description: `${who}: more than ${at.clientErrorRatePercent} % of requests failed client-side for 15 minutes`,
      queries: [
        metricQuery(requests, false),
        ...clientErrors.map((e) => metricQuery(e, false)),
        { id: "rate", expression: errorRateExpression(requests, clientErrors), label: "4xx rate (%)", returnData: true },
      ],
      comparisonOperator: "GreaterThanThreshold",
      threshold: at.clientErrorRatePercent,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    specs.push({
      key: `${api.name}-p90-latency`,
      alarmName: `${c}-${api.name}-p90-latency`,
      description: `${who}: p90 ${api.type === "WEBSOCKET" ? "integration " : ""}latency above ${at.latencyP90Ms} ms for 15 minutes`,
      queries: [metricQuery(p90LatencyMetric(api, period), true)],
      comparisonOperator: "GreaterThanThreshold",
      threshold: at.latencyP90Ms,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    if (watchesQuota(api)) {
      specs.push({
        key: `${api.name}-quota-exceeded`,
        alarmName: `${c}-${api.name}-quota-exceeded`,
        description: `${who}: more than ${at.quotaExceededPerPeriod} requests refused with QUOTA_EXCEEDED in ${period / 60} minutes`,
        queries: [metricQuery(quotaExceededMetric(api, model), true)],
        comparisonOperator: "GreaterThanThreshold",
        threshold: at.quotaExceededPerPeriod,
        ...once,
        treatMissingData: "notBreaching",
      });
    }
    if (at.trafficStoppedPeriods > 0) {
      // API Gateway publishes no Count datapoint for a period without requests: missing data is the signal.
      const n = at.trafficStoppedPeriods;
      specs.push({
        key: `${api.name}-traffic-stopped`,
        alarmName: `${c}-${api.name}-traffic-stopped`,
        description: `${who}: no ${api.type === "WEBSOCKET" ? "messages" : "requests"} for ${(n * period) / 60} minutes`,
        queries: [metricQuery(requests, true)],
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        evaluationPeriods: n,
        datapointsToAlarm: n,
        treatMissingData: "breaching",
      });
    }
  }

  const streams = [
    ...(model.firehoseStreamName !== undefined ? [{ name: model.firehoseStreamName, path: REST_PATH, key: "firehose", alarm: "firehose" }] : []),
    ...(model.cloudWatchLogsStreamName !== undefined
      ? [{ name: model.cloudWatchLogsStreamName, path: CLOUDWATCH_LOGS_PATH, key: "firehose-cwlogs", alarm: "firehose-cwlogs" }]
      : []),
  ];
  for (const stream of streams) {
    const f = firehoseMetrics(stream.name, period, stream.path);
    specs.push({
      key: `${stream.key}-delivery`,
      alarmName: `${c}-${stream.alarm}-delivery-failures`,
      description: `Firehose ${stream.name}: S3 deliveries failing for 15 minutes (DeliveryToS3.Success below 1)`,
      queries: [metricQuery(f.deliverySuccess, true)],
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    specs.push({
      key: `${stream.key}-freshness`,
      alarmName: `${c}-${stream.alarm}-freshness`,
      description: `Firehose ${stream.name}: records waiting more than ${t.firehoseFreshnessSeconds} s for 15 minutes`,
      queries: [metricQuery(f.dataFreshness, true)],
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.firehoseFreshnessSeconds,
      ...sustained,
      treatMissingData: "notBreaching",
    });
  }

  model.functionNames.forEach((fn, i) => {
    specs.push({
      key: `function-${i}-errors`,
      alarmName: `${c}-${fn}-errors`,
      description: `Lambda ${fn}: more than ${t.functionErrorsPerPeriod} errors in ${period / 60} minutes`,
      queries: [metricQuery(lambdaMetrics(fn, i, period).errors, true)],
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.functionErrorsPerPeriod,
      ...once,
      treatMissingData: "notBreaching",
    });
  });
  return specs;
}

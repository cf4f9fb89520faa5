/**
 * Alarms declared by intent for the resolved model: 5xx rate and p90 latency per API,
 * quota-exceeded spikes per CloudWatch-logged API, Firehose delivery failures and freshness, and
 * errors per function. Keys depend only on names, types and which optional parts exist, so the
 * component can declare the alarm resources before any value resolves.
 */
import type { DashboardApi, DashboardModel } from "./inputs";
import { firehoseMetrics } from "./metrics/firehose";
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
export function serverErrorRateExpression(requests: MetricRef, serverErrors: MetricRef[]): string {
  const errors = serverErrors.length === 1 ? serverErrors[0].id : `(${serverErrors.map((e) => e.id).join(" + ")})`;
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

export function planAlarms(model: DashboardModel): AlarmSpec[] {
  const c = model.componentName;
  const t = model.thresholds;
  const period = model.periodSeconds;
  const specs: AlarmSpec[] = [];
  const sustained = { evaluationPeriods: 3, datapointsToAlarm: 3 };
  const once = { evaluationPeriods: 1, datapointsToAlarm: 1 };

  for (const api of model.apis) {
    const { requests, serverErrors } = requestsAndServerErrors(api, period);
    specs.push({
      key: `${api.name}-5xx-rate`,
      alarmName: `${c}-${api.name}-5xx-rate`,
      description: `${api.name} (${api.type} ${api.stage}): more than ${t.serverErrorRatePercent} % of requests failed server-side for 15 minutes`,
      queries: [
        metricQuery(requests, false),
        ...serverErrors.map((e) => metricQuery(e, false)),
        { id: "rate", expression: serverErrorRateExpression(requests, serverErrors), label: "5xx rate (%)", returnData: true },
      ],
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.serverErrorRatePercent,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    specs.push({
      key: `${api.name}-p90-latency`,
      alarmName: `${c}-${api.name}-p90-latency`,
      description: `${api.name} (${api.type} ${api.stage}): p90 ${api.type === "WEBSOCKET" ? "integration " : ""}latency above ${t.latencyP90Ms} ms for 15 minutes`,
      queries: [metricQuery(p90LatencyMetric(api, period), true)],
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.latencyP90Ms,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    if (api.logGroupName !== undefined) {
      specs.push({
        key: `${api.name}-quota-exceeded`,
        alarmName: `${c}-${api.name}-quota-exceeded`,
        description: `${api.name} (${api.type} ${api.stage}): more than ${t.quotaExceededPerPeriod} requests refused with QUOTA_EXCEEDED in ${period / 60} minutes`,
        queries: [metricQuery(quotaExceededMetric(api, model), true)],
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.quotaExceededPerPeriod,
        ...once,
        treatMissingData: "notBreaching",
      });
    }
  }

  if (model.firehoseStreamName !== undefined) {
    const f = firehoseMetrics(model.firehoseStreamName, period);
    specs.push({
      key: "firehose-delivery",
      alarmName: `${c}-firehose-delivery-failures`,
      description: `Firehose ${model.firehoseStreamName}: S3 deliveries failing for 15 minutes (DeliveryToS3.Success below 1)`,
      queries: [metricQuery(f.deliverySuccess, true)],
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      ...sustained,
      treatMissingData: "notBreaching",
    });
    specs.push({
      key: "firehose-freshness",
      alarmName: `${c}-firehose-freshness`,
      description: `Firehose ${model.firehoseStreamName}: records waiting more than ${t.firehoseFreshnessSeconds} s for 15 minutes`,
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

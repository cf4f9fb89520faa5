/**
 * One segment per watched API: traffic, errors as counts and rates, latency percentiles,
 * integration latency, the type's own metrics, the period comparison and (when its logs are in
 * CloudWatch Logs) exact distinct users and QUOTA_EXCEEDED refusals.
 */
import { quotaExceededMetric, requestsAndServerErrors, serverErrorRateExpression } from "../alarms";
import type { DashboardApi, DashboardModel } from "../inputs";
import { httpMetrics } from "../metrics/http";
import { LATENCY_STATS } from "../metrics/metric";
import { restMetrics } from "../metrics/rest";
import { webSocketMetrics } from "../metrics/websocket";
import type { AlarmSpec, GraphWidget, MetricRef, Segment, Series, Widget } from "../model";
import { thresholdLine } from "./annotations";

export interface WidgetFunctions {
  distinctUsersArn: string;
  periodComparisonArn: string;
}

const hidden = (m: MetricRef): MetricRef => ({ ...m, visible: false });

function graph(title: string, series: Series[], extra: Partial<GraphWidget> = {}): GraphWidget {
  return { type: "graph", title, series, width: 8, height: 6, yMin: 0, ...extra };
}

/** Requests and client errors as the API type names them (server errors come from alarms.ts). */
function clientErrorsOf(api: DashboardApi, period: number): MetricRef[] {
  if (api.type === "REST") return [restMetrics(api, period).clientErrors];
  if (api.type === "HTTP") return [httpMetrics(api, period).clientErrors];
  return [webSocketMetrics(api, period).clientErrors];
}

function latencyGraphs(api: DashboardApi, period: number, alarms: readonly AlarmSpec[]): GraphWidget[] {
  const annotations = thresholdLine(alarms, `${api.name}-p90-latency`);
  if (api.type === "WEBSOCKET") {
    const m = webSocketMetrics(api, period);
    return [graph(`${api.name}: integration latency (ms)`, LATENCY_STATS.map(m.integrationLatency), { annotations, width: 12 })];
  }
  const m = api.type === "REST" ? restMetrics(api, period) : httpMetrics(api, period);
  return [
    graph(`${api.name}: latency (ms)`, LATENCY_STATS.map(m.latency), { annotations }),
    graph(`${api.name}: integration latency (ms)`, LATENCY_STATS.map(m.integrationLatency)),
  ];
}

function typeSpecificGraph(api: DashboardApi, period: number): GraphWidget {
  if (api.type === "REST") {
    const m = restMetrics(api, period);
    return graph(`${api.name}: cache hits and misses`, [
      m.cacheHits,
      m.cacheMisses,
      { kind: "expression", id: "hit_rate", expression: `IF(cache_hits + cache_misses > 0, 100 * cache_hits / (cache_hits + cache_misses), 0)`, label: "Hit rate (%)", yAxis: "right" },
    ]);
  }
  if (api.type === "HTTP") return graph(`${api.name}: data processed (bytes)`, [httpMetrics(api, period).dataProcessed]);
  const m = webSocketMetrics(api, period);
  return graph(`${api.name}: connects, messages and errors`, [m.connects, m.messages, m.clientErrors, m.executionErrors, m.integrationErrors], { width: 12 });
}

/** Params of the period-comparison widget: requests and errors of this API. */
export function comparisonParams(api: DashboardApi, period: number): Record<string, unknown> {
  const { requests, serverErrors } = requestsAndServerErrors(api, period);
  const metrics = [requests, ...clientErrorsOf(api, period), ...serverErrors].map((m) => ({
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: m.dimensions,
    stat: m.stat,
    label: m.label,
  }));
  return { title: `${api.name}: requests and errors vs 1 and 7 days earlier`, metrics };
}

export function apiSegment(api: DashboardApi, model: DashboardModel, alarms: readonly AlarmSpec[], functions: WidgetFunctions): Segment {
  const period = model.periodSeconds;
  const { requests, serverErrors } = requestsAndServerErrors(api, period);
  const clientErrors = clientErrorsOf(api, period);
  const errorIds = (ms: MetricRef[]) => (ms.length === 1 ? ms[0].id : `(${ms.map((m) => m.id).join(" + ")})`);
  const widgets: Widget[] = [
    graph(`${api.name}: ${api.type === "WEBSOCKET" ? "messages" : "requests"}`, [requests]),
    graph(`${api.name}: errors`, [...clientErrors, ...serverErrors]),
    graph(
      `${api.name}: error rates (%)`,
      [
        hidden(requests),
        ...clientErrors.map(hidden),
        ...serverErrors.map(hidden),
        { kind: "expression", id: "rate_4xx", expression: `IF(${requests.id} > 0, 100 * ${errorIds(clientErrors)} / ${requests.id}, 0)`, label: "Client error rate (%)" },
        { kind: "expression", id: "rate_5xx", expression: serverErrorRateExpression(requests, serverErrors), label: "Server error rate (%)" },
      ],
      { annotations: thresholdLine(alarms, `${api.name}-5xx-rate`) },
    ),
    ...latencyGraphs(api, period, alarms),
    typeSpecificGraph(api, period),
    { type: "custom", title: `${api.name}: today vs 1 and 7 days earlier`, functionArn: functions.periodComparisonArn, params: comparisonParams(api, period), width: api.logGroupName !== undefined ? 12 : 24, height: 9 },
  ];
  if (api.logGroupName !== undefined) {
    widgets.push(
      {
        type: "custom",
        title: `${api.name}: distinct users (exact)`,
        functionArn: functions.distinctUsersArn,
        params: { backend: "logs", logGroupNames: [api.logGroupName], userField: api.userField, title: `Distinct users (${api.name})` },
        width: 6,
        height: 9,
      },
      graph(`${api.name}: QUOTA_EXCEEDED refusals`, [quotaExceededMetric(api, model)], {
        annotations: thresholdLine(alarms, `${api.name}-quota-exceeded`),
        width: 6,
        height: 9,
      }),
    );
  }
  return {
    title: `API ${api.name}`,
    description: `${api.type} API \`${api.type === "REST" ? api.apiName : api.apiId}\`, stage \`${api.stage}\`; access logs in ${api.logGroupName !== undefined ? `CloudWatch Logs \`${api.logGroupName}\`` : "the data lake (Firehose)"}.`,
    widgets,
  };
}

/**
 * One segment per watched API: traffic, errors as counts and rates, latency percentiles,
 * integration latency, the type's own metrics, the period comparison and (when its logs are in
 * CloudWatch Logs and it has usage plans) QUOTA_EXCEEDED refusals.
 */
import { clientErrorsOf, quotaExceededMetric, requestsAndServerErrors, errorRateExpression, watchesQuota } from "../alarms";
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

/** Params of the period-comparison widget: requests (a rise is neutral) and errors (a rise is bad) of this API. */
export function comparisonParams(api: DashboardApi, period: number): Record<string, unknown> {
  const { requests, serverErrors } = requestsAndServerErrors(api, period);
  const param = (m: MetricRef, increase: "bad" | "neutral") => ({
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: m.dimensions,
    stat: m.stat,
    label: m.label,
    increase,
  });
  return { metrics: [param(requests, "neutral"), ...[...clientErrorsOf(api, period), ...serverErrors].map((m) => param(m, "bad"))] };
}

/**
 * Grid rows the comparison needs so nothing is clipped: its table (a header and a row per metric)
 * and one 90 px chart with its label per metric, at about 50 px per grid row, plus one for the
 * widget's own title bar.
 */
export function comparisonHeight(metrics: number): number {
  const TABLE_PX = 40 + 18 * metrics;
  const CHART_PX = 114;
  return Math.ceil((TABLE_PX + CHART_PX * metrics) / 50) + 1;
}

export function comparisonTitle(api: Pick<DashboardApi, "name">): string {
  return `${api.name}: requests and errors, selected range vs 1 day and 7 days earlier`;
}

export function apiSegment(api: DashboardApi, model: DashboardModel, alarms: readonly AlarmSpec[], functions: WidgetFunctions): Segment {
  const period = model.periodSeconds;
  const { requests, serverErrors } = requestsAndServerErrors(api, period);
  const clientErrors = clientErrorsOf(api, period);
  const widgets: Widget[] = [
    graph(`${api.name}: ${api.type === "WEBSOCKET" ? "messages" : "requests"}`, [requests]),
    graph(`${api.name}: errors`, [...clientErrors, ...serverErrors]),
    graph(
      `${api.name}: error rates (%)`,
      [
        hidden(requests),
        ...clientErrors.map(hidden),
        ...serverErrors.map(hidden),
        { kind: "expression", id: "rate_4xx", expression: errorRateExpression(requests, clientErrors), label: "Client error rate (%)" },
        { kind: "expression", id: "rate_5xx", expression: errorRateExpression(requests, serverErrors), label: "Server error rate (%)" },
      ],
      { annotations: [...thresholdLine(alarms, `${api.name}-5xx-rate`, "5xx"), ...thresholdLine(alarms, `${api.name}-4xx-rate`, "4xx")] },
    ),
    ...latencyGraphs(api, period, alarms),
    typeSpecificGraph(api, period),
  ];
  // The last row: the comparison takes whatever the quota graph leaves free (distinct users are in the overview).
  const side: Widget[] = [];
  if (watchesQuota(api)) {
    side.push(
      graph(`${api.name}: QUOTA_EXCEEDED refusals`, [quotaExceededMetric(api, model)], {
        annotations: thresholdLine(alarms, `${api.name}-quota-exceeded`),
        width: 6,
        height: 9,
      }),
    );
  }
  const comparisonWidth = 24 - side.reduce((sum, w) => sum + w.width, 0);
  const params = comparisonParams(api, period);
  const height = comparisonHeight((params.metrics as unknown[]).length);
  widgets.push(
    { type: "custom", title: comparisonTitle(api), functionArn: functions.periodComparisonArn, params, width: comparisonWidth, height },
    ...side.map((w) => ({ ...w, height })),
  );
  return {
    title: `API ${api.name}`,
    description: `${api.type} API \`${api.type === "REST" ? api.apiName : api.apiId}\`, stage \`${api.stage}\`; access logs in ${api.logGroupName !== undefined ? `CloudWatch Logs \`${api.logGroupName}\`` : "the data lake (Firehose)"}.`,
    widgets,
  };
}

/** AWS API calls from the api-call-counter's metrics: top calls, errors by code, throttled calls. */
import type { DashboardModel } from "../inputs";
import { apiCallMetrics } from "../metrics/api-calls";
import type { Segment } from "../model";

export function apiCallsSegment(apiCalls: NonNullable<DashboardModel["apiCalls"]>, period: number): Segment {
  const m = apiCallMetrics(apiCalls, period);
  return {
    title: "AWS API calls (CloudTrail)",
    description: `Metric \`${apiCalls.metricName}\` in \`${apiCalls.namespace}\`, counted from CloudTrail by the api-call-counter.`,
    widgets: [
      { type: "graph", title: "Top 10 calls (EventSource, EventName)", series: [m.topCalls(10)], width: 8, height: 6, yMin: 0 },
      { type: "graph", title: "Errors by code (top 10)", series: [m.errorsByCode(10)], width: 8, height: 6, yMin: 0 },
      { type: "graph", title: "Throttled calls", series: [m.throttledCalls()], width: 8, height: 6, yMin: 0 },
    ],
  };
}

/** One GetMetricData call (with its pages) per window; every metric of the widget in each call. */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { callBefore, Deadline, DeadlineExceededError } from "../shared/bounded-calls";
import { timedOutMessage } from "../shared/widget/errors";
import { WidgetError } from "./errors";
import type { MetricParam } from "./params";
import type { Window } from "./windows";

export interface Point {
  /** Milliseconds since the window's start, so windows can be drawn over each other. */
  offsetMs: number;
  value: number;
}

/** Pages per window before giving up; a widget's series are far below one page in practice. */
const MAX_PAGES = 20;

export function metricQueries(metrics: readonly MetricParam[], periodS: number): MetricDataQuery[] {
  return metrics.map((m, i) => ({
    Id: `m${i}`,
    MetricStat: {
      Metric: {
        Namespace: m.namespace,
        MetricName: m.metricName,
        Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: periodS,
      Stat: m.stat,
    },
    ReturnData: true,
  }));
}

/**
 * Series per metric index for one window, in time order. Every page is aborted at `deadline`;
 * a page still running then becomes a "timed out after N s" WidgetError (N counted from `startedMs`).
 */
export async function fetchWindow(
  client: CloudWatchClient,
  metrics: readonly MetricParam[],
  window: Window,
  periodS: number,
  deadline: Deadline = new Deadline(Number.POSITIVE_INFINITY),
  startedMs: number = Date.now(),
): Promise<Point[][]> {
  const series: Point[][] = metrics.map(() => []);
  const queries = metricQueries(metrics, periodS);
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (++pages > MAX_PAGES) throw new WidgetError("metric-data", `GetMetricData for ${window.label} still had more data after ${MAX_PAGES} pages`);
    const command = new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(window.startMs),
      EndTime: new Date(window.endMs),
      ScanBy: "TimestampAscending",
      NextToken: nextToken,
    });
    const out = await callBefore(deadline, "GetMetricData", (abortSignal) => client.send(command, { abortSignal })).catch((error: unknown) => {
      if (error instanceof DeadlineExceededError) {
        throw new WidgetError("timeout", timedOutMessage(deadline.secondsFrom(startedMs), `waiting for GetMetricData of ${window.label} (page ${pages})`));
      }
      throw error;
    });
    for (const result of out.MetricDataResults ?? []) {
      const index = Number((result.Id ?? "").slice(1));
      if (result.StatusCode === "InternalError" || result.StatusCode === "Forbidden") {
        const detail = (result.Messages ?? []).map((m) => `${m.Code ?? ""} ${m.Value ?? ""}`.trim()).join("; ");
        const label = metrics[index]?.label ?? result.Id;
        throw new WidgetError("metric-data", `GetMetricData for ${label} (${window.label}) returned ${result.StatusCode}${detail ? `: ${detail}` : ""}`);
      }
      const target = series[index];
      if (target === undefined) continue;
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      for (let i = 0; i < timestamps.length && i < values.length; i++) {
        target.push({ offsetMs: timestamps[i].getTime() - window.startMs, value: values[i] });
      }
    }
    nextToken = out.NextToken;
  } while (nextToken);
  for (const s of series) s.sort((a, b) => a.offsetMs - b.offsetMs);
  return series;
}

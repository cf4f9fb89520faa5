import type { MetricRef, Stat } from "../model";

/** Five minutes: what the dashboard's graphs and alarms aggregate over unless told otherwise. */
export const DEFAULT_PERIOD_SECONDS = 300;

export function metric(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  stat: Stat,
  id: string,
  label: string,
  periodSeconds = DEFAULT_PERIOD_SECONDS,
): MetricRef {
  return { kind: "metric", id, namespace, metricName, dimensions, stat, periodSeconds, label };
}

/** Latency percentiles drawn and alarmed on. */
export const LATENCY_STATS = ["p50", "p90", "p99"] as const;
export type LatencyStat = (typeof LATENCY_STATS)[number];

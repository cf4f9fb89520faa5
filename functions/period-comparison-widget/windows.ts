/**
 * The three windows compared: the widget's range, the same range one day earlier and seven days
 * earlier. CloudWatch metric math has no time shift, so each window is its own GetMetricData call
 * over the same metrics, with one period chosen for all three so the series line up point by point.
 */
import type { TimeRangeMs } from "../shared/widget/event";

export interface Window {
  key: "current" | "dayBefore" | "weekBefore";
  label: string;
  offsetMs: number;
  startMs: number;
  endMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const OFFSETS: ReadonlyArray<Pick<Window, "key" | "label" | "offsetMs">> = [
  { key: "current", label: "This range", offsetMs: 0 },
  { key: "dayBefore", label: "1 day earlier", offsetMs: DAY },
  { key: "weekBefore", label: "7 days earlier", offsetMs: 7 * DAY },
];

/** Periods a graph would use; all divide a day, so shifted windows stay aligned. */
const PERIODS_S = [60, 300, 900, 3600, 21_600, 86_400];

/**
 * The smallest period that keeps each series at most `maxPoints` long and that CloudWatch still
 * keeps for the oldest window: 1-minute data for 15 days, 5-minute for 63 days, then 1-hour.
 */
export function choosePeriodSeconds(range: TimeRangeMs, nowMs: number, maxPoints: number): number {
  const spanS = (range.endMs - range.startMs) / 1000;
  const oldestAgeMs = nowMs - (range.startMs - 7 * DAY);
  const retentionFloor = oldestAgeMs > 63 * DAY ? 3600 : oldestAgeMs > 15 * DAY ? 300 : 60;
  const wanted = Math.max(retentionFloor, spanS / maxPoints);
  return PERIODS_S.find((p) => p >= wanted) ?? PERIODS_S[PERIODS_S.length - 1];
}

/** The three windows, each start floored to the period so datapoints fall on the same offsets. */
export function comparisonWindows(range: TimeRangeMs, periodS: number): Window[] {
  const periodMs = periodS * 1000;
  const startMs = Math.floor(range.startMs / periodMs) * periodMs;
  return OFFSETS.map((o) => ({ ...o, startMs: startMs - o.offsetMs, endMs: range.endMs - o.offsetMs }));
}

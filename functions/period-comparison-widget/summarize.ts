/** One number per series that means the same thing as the statistic asked for. */
import type { Point } from "./fetch";

export interface Summary {
  value: number | null;
  /** How the datapoints were combined, shown in the table's header tooltip. */
  how: "total" | "mean" | "max" | "min";
}

export function summarize(stat: string, points: readonly Point[]): Summary {
  const values = points.map((p) => p.value);
  if (stat === "Sum" || stat === "SampleCount") return { value: values.reduce((a, b) => a + b, 0), how: "total" };
  if (values.length === 0) return { value: null, how: stat === "Maximum" ? "max" : stat === "Minimum" ? "min" : "mean" };
  // reduce, not Math.max(...values): spreading 100,000+ values overflows the call stack.
  if (stat === "Maximum") return { value: values.reduce((a, b) => (b > a ? b : a)), how: "max" };
  if (stat === "Minimum") return { value: values.reduce((a, b) => (b < a ? b : a)), how: "min" };
  // Averages and percentiles cannot be recombined exactly from per-period values; the mean of the
  // periods is what the chart shows and is labelled as such.
  return { value: values.reduce((a, b) => a + b, 0) / values.length, how: "mean" };
}

/** Percent change from `before` to `now`; null when there is nothing to compare against. */
export function percentChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return ((now - before) / before) * 100;
}

/**
 * Widget params: which metrics to compare and how to title the widget. Limits follow CloudWatch's
 * own (names ≤ 255, dimension values ≤ 1024 printable ASCII, ≤ 30 dimensions) so a typo is named
 * here instead of surfacing as an empty chart.
 */
import { BadParamError } from "../shared/widget/errors";
import { isRecord } from "../shared/widget/event";

export interface MetricParam {
  namespace: string;
  metricName: string;
  /** Dimension name → value, in the order given. */
  dimensions: Record<string, string>;
  stat: string;
  label: string;
  /** What a rise means, for its colour: bad (errors, latency: red), good (green) or neutral (requests: no colour). */
  increase: Increase;
}

export const INCREASES = ["bad", "good", "neutral"] as const;
export type Increase = (typeof INCREASES)[number];

export interface WidgetParams {
  metrics: MetricParam[];
  /** Only when given: the dashboard shows the widget's title above it. */
  title?: string;
}

const PRINTABLE = /^[\x20-\x7e]+$/;
const STATS = ["Sum", "Average", "Minimum", "Maximum", "SampleCount"];
/** Percentiles p0–p100 with up to two decimals (p99.9). */
const PERCENTILE = /^p(100|\d{1,2}(\.\d{1,2})?)$/;
const MAX_DIMENSIONS = 30;
const KNOWN = ["metrics", "title"];

function name(value: unknown, key: string, max: number): string {
  if (typeof value !== "string" || value.length === 0 || value.length > max || !PRINTABLE.test(value) || value.trim() !== value) {
    throw new BadParamError(key, value, `1-${max} printable ASCII characters without leading or trailing spaces`);
  }
  return value;
}

function dimensions(value: unknown, key: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new BadParamError(key, value, 'an object of dimension name → value, e.g. {"ApiId":"a1b2c3d4e5","Stage":"prod"}');
  const entries = Object.entries(value);
  if (entries.length > MAX_DIMENSIONS) throw new BadParamError(key, value, `at most ${MAX_DIMENSIONS} dimensions`);
  const out: Record<string, string> = {};
  for (const [dimension, dimensionValue] of entries) {
    name(dimension, `${key} name`, 255);
    out[dimension] = name(dimensionValue, `${key}.${dimension}`, 1024);
  }
  return out;
}

function metric(value: unknown, index: number): MetricParam {
  const key = `metrics[${index}]`;
  if (!isRecord(value)) throw new BadParamError(key, value, "an object {namespace, metricName, dimensions?, stat, label?}");
  for (const k of Object.keys(value)) {
    if (!["namespace", "metricName", "dimensions", "stat", "label", "increase"].includes(k)) {
      throw new BadParamError(`${key}.${k}`, value[k], "one of namespace, metricName, dimensions, stat, label, increase");
    }
  }
  const stat = value.stat;
  if (typeof stat !== "string" || !(STATS.includes(stat) || PERCENTILE.test(stat))) {
    throw new BadParamError(`${key}.stat`, stat, `one of ${STATS.join(", ")} or a percentile such as p90`);
  }
  const metricName = name(value.metricName, `${key}.metricName`, 255);
  const label = value.label === undefined ? `${metricName} (${stat})` : name(value.label, `${key}.label`, 100);
  const increase = value.increase ?? "bad";
  if (typeof increase !== "string" || !(INCREASES as readonly string[]).includes(increase)) {
    throw new BadParamError(`${key}.increase`, increase, `one of ${INCREASES.join(", ")}`);
  }
  return { namespace: name(value.namespace, `${key}.namespace`, 255), metricName, dimensions: dimensions(value.dimensions, `${key}.dimensions`), stat, label, increase: increase as Increase };
}

export function parseWidgetParams(params: Record<string, unknown>, maxMetrics: number): WidgetParams {
  for (const key of Object.keys(params)) {
    if (!KNOWN.includes(key)) throw new BadParamError(key, params[key], `a known param (${KNOWN.join(", ")})`);
  }
  const metrics = params.metrics;
  if (!Array.isArray(metrics) || metrics.length === 0 || metrics.length > maxMetrics) {
    throw new BadParamError("metrics", metrics, `a list of 1 to ${maxMetrics} metrics {namespace, metricName, dimensions?, stat, label?}`);
  }
  const title = params.title;
  if (title !== undefined && (typeof title !== "string" || title.length > 200)) {
    throw new BadParamError("title", title, "a string of at most 200 characters");
  }
  return { metrics: metrics.map(metric), ...(title !== undefined ? { title } : {}) };
}

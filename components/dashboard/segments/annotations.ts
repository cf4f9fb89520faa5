import type { AlarmSpec, HorizontalAnnotation } from "../model";

/** The alarm's threshold as a line on the graph it watches, shaded on the breaching side. */
export function thresholdLine(alarms: readonly AlarmSpec[], key: string, what?: string): HorizontalAnnotation[] {
  const spec = alarms.find((a) => a.key === key);
  if (spec === undefined) return [];
  const above = spec.comparisonOperator.startsWith("GreaterThan");
  // Two lines on one graph (4xx and 5xx rates) shade nothing, so neither hides the other.
  const fill = what === undefined ? { fill: above ? ("above" as const) : ("below" as const) } : {};
  return [{ label: `Alarm ${spec.alarmName}${what !== undefined ? ` (${what})` : ""}`, value: spec.threshold, ...fill, color: "#d62728" }];
}

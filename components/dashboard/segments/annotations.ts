import type { AlarmSpec, HorizontalAnnotation } from "../model";

/** The alarm's threshold as a line on the graph it watches, shaded on the breaching side. */
export function thresholdLine(alarms: readonly AlarmSpec[], key: string): HorizontalAnnotation[] {
  const spec = alarms.find((a) => a.key === key);
  if (spec === undefined) return [];
  const above = spec.comparisonOperator.startsWith("GreaterThan");
  return [{ label: `Alarm ${spec.alarmName}`, value: spec.threshold, fill: above ? "above" : "below", color: "#d62728" }];
}

/**
 * Plain data for a dashboard before it is laid out: metrics, expressions, widgets, segments and
 * alarm specs. Nothing here knows about Pulumi; every value is a resolved string or number.
 */
export type Stat = "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" | `p${number}`;

/** One CloudWatch metric as a graph or alarm reads it. */
export interface MetricRef {
  kind: "metric";
  /** Id for metric math; lowercase start, letters, digits, underscore. */
  id: string;
  namespace: string;
  metricName: string;
  /** Dimension name → value; order kept as given. */
  dimensions: Record<string, string>;
  stat: Stat;
  periodSeconds: number;
  label: string;
  /** False when the metric only feeds an expression. */
  visible?: boolean;
  yAxis?: "left" | "right";
}

/** Metric math or a SEARCH expression. */
export interface ExpressionRef {
  kind: "expression";
  id: string;
  expression: string;
  label: string;
  /** For SEARCH only: the period the search's statistic uses. */
  periodSeconds?: number;
  visible?: boolean;
  yAxis?: "left" | "right";
}

export type Series = MetricRef | ExpressionRef;

export interface HorizontalAnnotation {
  label: string;
  value: number;
  /** "above" shades the area that breaches, as CloudWatch draws alarm thresholds. */
  fill?: "above" | "below";
  color?: string;
}

export interface GraphWidget {
  type: "graph";
  title: string;
  series: Series[];
  view?: "timeSeries" | "singleValue" | "bar";
  stacked?: boolean;
  annotations?: HorizontalAnnotation[];
  yAxisLabel?: string;
  /** Lower bound of the left y axis (0 for counts and rates). */
  yMin?: number;
  /** singleValue: one value over the whole selected range instead of the last period. */
  periodToTimeRange?: boolean;
  width: number;
  height: number;
}

export interface LogsWidget {
  type: "logs";
  title: string;
  logGroupNames: string[];
  /** The query without its SOURCE lines. */
  query: string;
  view: "table" | "timeSeries" | "bar" | "pie";
  width: number;
  height: number;
}

export interface CustomWidget {
  type: "custom";
  title: string;
  functionArn: string;
  params: Record<string, unknown>;
  width: number;
  height: number;
}

export interface TextWidget {
  type: "text";
  markdown: string;
  width: number;
  height: number;
}

export interface AlarmStatusWidget {
  type: "alarms";
  title: string;
  alarmArns: string[];
  width: number;
  height: number;
}

export type Widget = GraphWidget | LogsWidget | CustomWidget | TextWidget | AlarmStatusWidget;

/** Widgets for one monitored thing, shown under one heading. */
export interface Segment {
  title: string;
  description?: string;
  widgets: Widget[];
}

export type ComparisonOperator = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** An alarm declared by intent; the component turns it into an aws.cloudwatch.MetricAlarm. */
export interface AlarmSpec {
  /** Stable suffix of the Pulumi resource name, known before any value resolves. */
  key: string;
  alarmName: string;
  description: string;
  /** Metrics and expressions; exactly one has `returnData`. */
  queries: Array<{ id: string; metric?: Omit<MetricRef, "kind" | "id" | "label" | "visible" | "yAxis">; expression?: string; label: string; returnData: boolean }>;
  comparisonOperator: ComparisonOperator;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: "notBreaching" | "breaching" | "missing" | "ignore";
}

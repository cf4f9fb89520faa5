/**
 * `buildDashboardBody`: segments laid out on CloudWatch's 24-column grid and written in the
 * dashboard body format (widgets of type metric, log, custom, text and alarm). Pure: same input,
 * same JSON.
 */
import type { GraphWidget, LogsWidget, Segment, Series, Widget } from "./model";

export const GRID_COLUMNS = 24;

export interface BodyOptions {
  region: string;
  /** ISO 8601 duration relative to now, e.g. -PT3H. */
  start: string;
  periodSeconds: number;
}

export interface BodyWidget {
  type: "metric" | "log" | "custom" | "text" | "alarm";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

export interface DashboardBody {
  start: string;
  periodOverride: "inherit";
  widgets: BodyWidget[];
}

function metricRow(s: Series): unknown[] {
  const options: Record<string, unknown> = { id: s.id, label: s.label };
  if (s.visible === false) options.visible = false;
  if (s.yAxis === "right") options.yAxis = "right";
  if (s.kind === "expression") {
    return [{ expression: s.expression, ...options, ...(s.periodSeconds !== undefined ? { period: s.periodSeconds } : {}) }];
  }
  const dims = Object.entries(s.dimensions).flat();
  return [s.namespace, s.metricName, ...dims, { ...options, stat: s.stat, period: s.periodSeconds }];
}

function graphProperties(w: GraphWidget, o: BodyOptions): Record<string, unknown> {
  const ids = new Set<string>();
  for (const s of w.series) {
    if (ids.has(s.id)) throw new Error(`widget "${w.title}": metric id ${s.id} is used twice`);
    ids.add(s.id);
  }
  const props: Record<string, unknown> = {
    title: w.title,
    region: o.region,
    view: w.view ?? "timeSeries",
    stacked: w.stacked ?? false,
    period: o.periodSeconds,
    metrics: w.series.map(metricRow),
  };
  if (w.periodToTimeRange === true) props.setPeriodToTimeRange = true;
  if (w.annotations && w.annotations.length > 0) props.annotations = { horizontal: w.annotations };
  if (w.yMin !== undefined || w.yAxisLabel !== undefined) {
    props.yAxis = { left: { ...(w.yMin !== undefined ? { min: w.yMin } : {}), ...(w.yAxisLabel !== undefined ? { label: w.yAxisLabel } : {}) } };
  }
  return props;
}

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

function logProperties(w: LogsWidget, o: BodyOptions): Record<string, unknown> {
  if (w.logGroupNames.length === 0) throw new Error(`widget "${w.title}": a Logs Insights widget needs at least one log group`);
  for (const g of w.logGroupNames) {
    if (!LOG_GROUP_NAME.test(g)) throw new Error(`widget "${w.title}": log group ${JSON.stringify(g)} is not a valid log group name`);
  }
  const sources = w.logGroupNames.map((g) => `SOURCE '${g}'`).join(" | ");
  return { title: w.title, region: o.region, view: w.view, query: `${sources} | ${w.query}` };
}

function render(w: Widget, o: BodyOptions): Pick<BodyWidget, "type" | "properties"> {
  switch (w.type) {
    case "graph":
      return { type: "metric", properties: graphProperties(w, o) };
    case "logs":
      return { type: "log", properties: logProperties(w, o) };
    case "custom":
      return {
        type: "custom",
        properties: { title: w.title, endpoint: w.functionArn, params: w.params, updateOn: { refresh: true, resize: false, timeRange: true } },
      };
    case "text":
      return { type: "text", properties: { markdown: w.markdown } };
    case "alarms":
      return { type: "alarm", properties: { title: w.title, alarms: w.alarmArns, sortBy: "stateUpdatedTimestamp" } };
  }
}

function header(segment: Segment): Widget {
  const markdown = segment.description ? `## ${segment.title}\n${segment.description}` : `## ${segment.title}`;
  return { type: "text", markdown, width: GRID_COLUMNS, height: segment.description ? 2 : 1 };
}

/**
 * Each segment starts on a new row under a full-width heading; its widgets flow left to right and
 * wrap when the next one would pass column 24. A row is as tall as its tallest widget.
 */
export function buildDashboardBody(segments: readonly Segment[], options: BodyOptions): DashboardBody {
  const widgets: BodyWidget[] = [];
  let y = 0;
  for (const segment of segments) {
    let x = 0;
    let rowHeight = 0;
    for (const w of [header(segment), ...segment.widgets]) {
      if (!Number.isInteger(w.width) || w.width < 1 || w.width > GRID_COLUMNS) {
        throw new Error(`segment "${segment.title}": a widget is ${w.width} columns wide; expected 1 to ${GRID_COLUMNS}`);
      }
      if (x + w.width > GRID_COLUMNS) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      const { type, properties } = render(w, options);
      widgets.push({ type, x, y, width: w.width, height: w.height, properties });
      x += w.width;
      rowHeight = Math.max(rowHeight, w.height);
    }
    y += rowHeight;
  }
  return { start: options.start, periodOverride: "inherit", widgets };
}

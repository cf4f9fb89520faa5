/**
 * The CloudWatch custom-widget event: params at the top level, `widgetContext` with the time range
 * in epoch ms (zoom honoured) and the theme, and `describe` when the console asks for docs.
 */
import { BadParamError } from "./errors";

export type Theme = "light" | "dark";

export interface TimeRangeMs {
  startMs: number;
  endMs: number;
  /** True when the range came from `timeRange.zoom`. */
  zoomed: boolean;
}

/** A `describe` request carries nothing else the widget needs: no range, theme or params. */
export type WidgetRequest =
  | { describe: true }
  | {
      describe: false;
      theme: Theme;
      range: TimeRangeMs;
      /** Everything at the top level except `widgetContext` and `describe`. */
      params: Record<string, unknown>;
    };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function epochMs(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new BadParamError(name, value, "epoch milliseconds");
  return value;
}

/** The zoomed range when zoom has both ends, else the dashboard's range. */
export function readTimeRange(widgetContext: Record<string, unknown>): TimeRangeMs {
  const timeRange = widgetContext.timeRange;
  if (!isRecord(timeRange)) throw new BadParamError("widgetContext.timeRange", timeRange, "an object with start and end in epoch ms");
  const zoom = timeRange.zoom;
  const zoomed = isRecord(zoom) && zoom.start !== undefined && zoom.end !== undefined;
  const source = zoomed ? (zoom as Record<string, unknown>) : timeRange;
  const prefix = zoomed ? "widgetContext.timeRange.zoom" : "widgetContext.timeRange";
  const startMs = epochMs(source.start, `${prefix}.start`);
  const endMs = epochMs(source.end, `${prefix}.end`);
  if (endMs <= startMs) throw new BadParamError(`${prefix}.end`, endMs, `a time after start (${startMs})`);
  return { startMs, endMs, zoomed };
}

export function parseWidgetEvent(event: unknown): WidgetRequest {
  if (!isRecord(event)) throw new BadParamError("event", event, "a CloudWatch custom widget event object");
  const { widgetContext, describe, ...params } = event;
  if (describe === true) return { describe: true };
  if (!isRecord(widgetContext)) throw new BadParamError("widgetContext", widgetContext, "the widget context object CloudWatch sends");
  const theme: Theme = widgetContext.theme === "dark" ? "dark" : "light";
  return { describe: false, theme, range: readTimeRange(widgetContext), params };
}

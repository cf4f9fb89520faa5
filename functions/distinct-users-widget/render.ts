/** The widget's HTML: no scripts, inline styles for the dashboard's light or dark theme. */
import type { Theme } from "../shared/widget/event";
import { escapeHtml, FONT } from "../shared/widget/html";
import { renderWidgetError } from "../shared/widget/render-error";
import type { WidgetErrorKind } from "./errors";

export interface CountView {
  /** Only when the params give one: the dashboard shows the widget\'s title above it. */
  title?: string;
  users: number;
  method: string;
  eventsMatched: number;
  /** Log events or rows the service read; undefined when it does not report them. */
  eventsScanned?: number;
  bytesScanned: number;
  queries: number;
  awsCalls: number;
  queryMs: number;
  startMs: number;
  endMs: number;
  zoomed: boolean;
  cached: boolean;
}

export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

const PALETTE: Record<Theme, { text: string; muted: string; badge: string; badgeText: string; error: string; border: string }> = {
  light: { text: "#16191f", muted: "#5f6b7a", badge: "#037f0c", badgeText: "#ffffff", error: "#d91515", border: "#e9ebed" },
  dark: { text: "#d1d5db", muted: "#8d99a8", badge: "#29ad32", badgeText: "#0f1b2a", error: "#ff7a7a", border: "#414d5c" },
};

export function renderCount(view: CountView, theme: Theme): string {
  const c = PALETTE[theme];
  const rows: Array<[string, string]> = [
    ["Matching events", formatCount(view.eventsMatched)],
    ...(view.eventsScanned !== undefined ? [["Events scanned", formatCount(view.eventsScanned)] as [string, string]] : []),
    ["Data scanned", formatBytes(view.bytesScanned)],
    ["Queries / AWS calls", `${formatCount(view.queries)} / ${formatCount(view.awsCalls)}`],
    ["Query time", formatDuration(view.queryMs) + (view.cached ? " (cached)" : "")],
    [view.zoomed ? "Range (zoomed)" : "Range", `${utc(view.startMs)} – ${utc(view.endMs)}`],
  ];
  const table = rows
    .map(([k, v]) => `<tr><td style="color:${c.muted};padding:1px 12px 1px 0">${escapeHtml(k)}</td><td style="padding:1px 0">${escapeHtml(v)}</td></tr>`)
    .join("");
  return [
    `<div style="${FONT};color:${c.text};padding:4px 8px">`,
    ...(view.title ? [`<div style="font-size:13px;color:${c.muted}">${escapeHtml(view.title)}</div>`] : []),
    `<div id="distinct-users" style="font-size:44px;font-weight:700;line-height:1.2">${escapeHtml(formatCount(view.users))}</div>`,
    `<div style="margin:2px 0 8px"><span style="background:${c.badge};color:${c.badgeText};border-radius:8px;padding:1px 8px;font-size:12px;font-weight:700">exact</span>`,
    ` <span style="font-size:12px;color:${c.muted}">${escapeHtml(view.method)}</span></div>`,
    `<table style="font-size:12px;border-collapse:collapse;border-top:1px solid ${c.border}">${table}</table>`,
    `</div>`,
  ].join("");
}

const HEADINGS: Record<WidgetErrorKind, string> = {
  "bad-param": "Bad widget parameter",
  config: "Widget function misconfigured",
  "query-failed": "Query failed",
  deadline: "Stopped at the deadline",
  "not-exact": "Could not prove an exact count",
  "aws-error": "AWS error",
};

export function renderError(kind: WidgetErrorKind, message: string, theme: Theme, title?: string): string {
  return renderWidgetError(HEADINGS, kind, message, PALETTE[theme], title);
}

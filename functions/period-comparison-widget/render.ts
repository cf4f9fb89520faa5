/**
 * The widget's HTML: a table of this range against 1 and 7 days earlier, then one inline SVG chart
 * per metric with the three windows drawn over each other. No scripts; every interpolated value is
 * escaped; colours follow the dashboard's light or dark theme.
 */
import type { Theme } from "../shared/widget/event";
import { escapeHtml, FONT } from "../shared/widget/html";
import { renderWidgetError } from "../shared/widget/render-error";
import type { WidgetErrorKind } from "./errors";
import type { Point } from "./fetch";
import { percentChange, summarize } from "./summarize";
import type { Window } from "./windows";

export interface ComparisonView {
  title?: string;
  /** `increase`: what a rise means (bad: red, good: green, neutral: uncoloured); default bad. */
  metrics: ReadonlyArray<{ label: string; stat: string; increase?: "bad" | "good" | "neutral" }>;
  windows: readonly Window[];
  /** series[window][metric]: every point, which the table totals. */
  series: Point[][][];
  /** What the charts draw, like `series` (default: `series`); null leaves the charts out. */
  drawn?: Point[][][] | null;
  /** Shown above the table: what the widget left out and why. */
  notices?: readonly string[];
  periodS: number;
  zoomed: boolean;
}

interface Palette {
  text: string;
  muted: string;
  border: string;
  up: string;
  down: string;
  error: string;
  lines: [string, string, string];
}

const PALETTE: Record<Theme, Palette> = {
  light: { text: "#16191f", muted: "#5f6b7a", border: "#e9ebed", up: "#d91515", down: "#037f0c", error: "#d91515", lines: ["#0972d3", "#8d6605", "#8c8c94"] },
  dark: { text: "#d1d5db", muted: "#8d99a8", border: "#414d5c", up: "#ff7a7a", down: "#29ad32", error: "#ff7a7a", lines: ["#539fe5", "#e0ca57", "#9ba7b6"] },
};
const DASHES = ["", "6 3", "2 3"];

export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 1 ? 2 : 4;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}

function formatChange(change: number | null, c: Palette, increase: "bad" | "good" | "neutral" = "bad"): string {
  if (change === null) return `<span style="color:${c.muted}">n/a</span>`;
  const sign = change > 0 ? "+" : "";
  const worse = increase === "bad" ? change > 0 : increase === "good" ? change < 0 : false;
  const better = increase === "bad" ? change < 0 : increase === "good" ? change > 0 : false;
  const color = worse ? c.up : better ? c.down : c.muted;
  return `<span style="color:${color}">${escapeHtml(`${sign}${change.toFixed(1)} %`)}</span>`;
}

function chart(perWindow: Point[][], spanMs: number, c: Palette, label: string): string {
  const width = 600;
  const height = 90;
  // A loop, not Math.max(...points): spreading 100,000+ values overflows the call stack.
  let max = 0;
  for (const points of perWindow) for (const p of points) if (p.value > max) max = p.value;
  const scaleY = max > 0 ? (height - 4) / max : 0;
  const lines = perWindow
    .map((points, w) => {
      if (points.length === 0) return "";
      const coords = points.map((p) => `${((p.offsetMs / spanMs) * width).toFixed(1)},${(height - 2 - p.value * scaleY).toFixed(1)}`).join(" ");
      const dash = DASHES[w] ? ` stroke-dasharray="${DASHES[w]}"` : "";
      return `<polyline fill="none" stroke="${c.lines[w]}" stroke-width="1.5"${dash} points="${coords}"/>`;
    })
    .join("");
  return (
    `<svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" ` +
    `style="width:100%;height:${height}px;display:block;border-bottom:1px solid ${c.border}">${lines}</svg>`
  );
}

export function renderComparison(view: ComparisonView, theme: Theme): string {
  const c = PALETTE[theme];
  const spanMs = Math.max(1, view.windows[0].endMs - view.windows[0].startMs);
  const cell = "padding:2px 10px 2px 0;text-align:right";
  const head = [
    `<th style="text-align:left;padding:2px 10px 2px 0">Metric</th>`,
    ...view.windows.flatMap((w, i) => [
      `<th style="${cell};color:${c.lines[i]}">${escapeHtml(w.label)}</th>`,
      ...(i > 0 ? [`<th style="${cell}">Δ</th>`] : []),
    ]),
  ].join("");
  const rows = view.metrics
    .map((m, mi) => {
      const summaries = view.windows.map((_, wi) => summarize(m.stat, view.series[wi][mi]));
      const cells = summaries.flatMap((s, wi) => [
        `<td style="${cell}">${escapeHtml(formatNumber(s.value))}</td>`,
        ...(wi > 0 ? [`<td style="${cell}">${formatChange(percentChange(summaries[0].value, s.value), c, m.increase)}</td>`] : []),
      ]);
      const how = summaries[0].how === "total" ? "total" : `${summaries[0].how} of ${m.stat}`;
      return `<tr><td style="padding:2px 10px 2px 0">${escapeHtml(m.label)} <span style="color:${c.muted}">(${escapeHtml(how)})</span></td>${cells.join("")}</tr>`;
    })
    .join("");
  const drawn = view.drawn === undefined ? view.series : view.drawn;
  const charts = drawn
    ? view.metrics
        .map((m, mi) => {
          const perWindow = view.windows.map((_, wi) => drawn[wi][mi]);
          return `<div style="margin-top:6px"><div style="font-size:12px;color:${c.muted}">${escapeHtml(m.label)}</div>${chart(perWindow, spanMs, c, m.label)}</div>`;
        })
        .join("")
    : "";
  const legend = drawn
    ? view.windows.map((w, i) => `<span style="color:${c.lines[i]};margin-right:12px">${["━", "╍", "┈"][i]} ${escapeHtml(w.label)}</span>`).join("")
    : "";
  const notices = (view.notices ?? []).map((notice) => `<div role="note" style="color:${c.error};margin:4px 0">${escapeHtml(notice)}</div>`).join("");
  const period = view.periodS >= 3600 ? `${view.periodS / 3600} h` : `${view.periodS / 60} min`;
  return [
    `<div style="${FONT};color:${c.text};padding:4px 8px;font-size:12px">`,
    `<div style="font-size:13px;color:${c.muted}">${[view.title, view.zoomed ? "zoomed range" : undefined, `period ${period}`].filter(Boolean).map((part) => escapeHtml(part!)).join(" · ")}</div>`,
    notices,
    `<table style="border-collapse:collapse;margin:4px 0;border-bottom:1px solid ${c.border}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`,
    ...(drawn ? [`<div>${legend}</div>`, charts] : []),
    `</div>`,
  ].join("");
}

const HEADINGS: Record<WidgetErrorKind, string> = {
  "bad-param": "Bad widget parameter",
  config: "Widget function misconfigured",
  "metric-data": "CloudWatch could not return the data",
  "aws-error": "AWS error",
  timeout: "Timed out",
};

export function renderError(kind: WidgetErrorKind, message: string, theme: Theme, title?: string): string {
  return renderWidgetError(HEADINGS, kind, message, PALETTE[theme], title);
}

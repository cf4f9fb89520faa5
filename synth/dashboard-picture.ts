/**
 * `renderDashboardPicture`: a CloudWatch dashboard body drawn as an SVG of its grid, one box per
 * widget with its title, type and size, so a reviewer sees a layout change in out/<stack>/ without
 * deploying. Pure: the same body gives the same bytes.
 */

/** Pixels per grid column (the grid has 24) and per grid row. */
export const COLUMN_PX = 48;
export const ROW_PX = 24;
const COLUMNS = 24;
const PAD = 8;
const CHAR_PX = 6.6;

interface PictureWidget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const FILL: Record<string, string> = {
  text: "#f2f3f3",
  metric: "#e8f1fb",
  log: "#f3eefc",
  custom: "#fdf3e1",
  alarm: "#fdecea",
};

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The text cut to fit `px` pixels, with an ellipsis when cut. */
function fit(text: string, px: number): string {
  const max = Math.max(1, Math.floor(px / CHAR_PX));
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function titleOf(w: PictureWidget): string {
  if (w.type === "text") return String(w.properties.markdown ?? "").split("\n")[0].replace(/^#+\s*/, "");
  return String(w.properties.title ?? "(untitled)");
}

function kindOf(w: PictureWidget): string {
  if (w.type === "metric") return `metric, ${String(w.properties.view ?? "timeSeries")}`;
  if (w.type === "log") return `Logs Insights, ${String(w.properties.view ?? "table")}`;
  if (w.type === "custom") return "custom widget (Lambda)";
  if (w.type === "alarm") return `alarm status, ${Array.isArray(w.properties.alarms) ? w.properties.alarms.length : 0} alarms`;
  return w.type;
}

function isWidget(value: unknown): value is PictureWidget {
  if (typeof value !== "object" || value === null) return false;
  const w = value as Record<string, unknown>;
  return typeof w.type === "string" && [w.x, w.y, w.width, w.height].every((n) => typeof n === "number") && typeof w.properties === "object" && w.properties !== null;
}

function box(w: PictureWidget): string {
  const x = w.x * COLUMN_PX;
  const y = w.y * ROW_PX;
  const width = w.width * COLUMN_PX;
  const height = w.height * ROW_PX;
  const inner = width - 2 * PAD;
  const lines = [`<text x="${x + PAD}" y="${y + 16}" font-weight="bold">${escapeXml(fit(titleOf(w), inner))}</text>`];
  if (w.type !== "text" || w.height > 1) {
    lines.push(`<text x="${x + PAD}" y="${y + (w.height > 1 ? 32 : 16)}" fill="#5f6b7a">${escapeXml(fit(`${kindOf(w)} · ${w.width}×${w.height}`, inner))}</text>`);
  }
  return [
    `<g>`,
    `<rect x="${x + 1}" y="${y + 1}" width="${width - 2}" height="${height - 2}" rx="3" fill="${FILL[w.type] ?? "#ffffff"}" stroke="#8c8c94"/>`,
    ...lines,
    `</g>`,
  ].join("");
}

/** The SVG of a dashboard body (`{ widgets: [...] }`); anything else is an error naming what was found. */
export function renderDashboardPicture(body: unknown): string {
  const widgets = (body as { widgets?: unknown } | null)?.widgets;
  if (!Array.isArray(widgets)) throw new Error(`dashboard body must have a widgets list, got ${JSON.stringify(body)?.slice(0, 80)}`);
  const checked = widgets.map((w, i) => {
    if (!isWidget(w)) throw new Error(`dashboard body widgets[${i}] must be {type, x, y, width, height, properties}, got ${JSON.stringify(w)?.slice(0, 80)}`);
    return w;
  });
  const rows = checked.reduce((max, w) => Math.max(max, w.y + w.height), 0);
  const width = COLUMNS * COLUMN_PX;
  const height = Math.max(1, rows) * ROW_PX;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...checked.map(box),
    `</svg>`,
    "",
  ].join("\n");
}

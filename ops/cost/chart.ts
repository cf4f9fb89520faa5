/**
 * The cost chart as an SVG string: total monthly cost against requests a month, both axes
 * logarithmic (x from 10^6 to 10^9), one line per design. Pure string building, no dependencies.
 */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: ReadonlyArray<{ readonly requests: number; readonly usd: number }>;
}

const WIDTH = 720;
const HEIGHT = 420;
const PLOT = { left: 80, right: 180, top: 40, bottom: 60 };
export const X_RANGE = { from: 1e6, to: 1e9 } as const;

/** Requests a month → x pixel (log scale over X_RANGE). */
export function xOf(requests: number): number {
  const span = Math.log10(X_RANGE.to) - Math.log10(X_RANGE.from);
  return PLOT.left + ((Math.log10(requests) - Math.log10(X_RANGE.from)) / span) * (WIDTH - PLOT.left - PLOT.right);
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const money = (usd: number) => (usd >= 1000 ? `$${Math.round(usd / 1000)}k` : `$${Math.round(usd)}`);

/** Requests a month 10^6, 10^7, … from X_RANGE: the grid lines and the figures the command prints. */
export function decades(): number[] {
  const out: number[] = [];
  for (let e = Math.log10(X_RANGE.from); e <= Math.log10(X_RANGE.to); e++) out.push(10 ** e);
  return out;
}

/** Four points a decade over X_RANGE, so a line bends where a price tier or a minimum starts to matter. */
export function chartVolumes(): number[] {
  const out: number[] = [];
  for (let e = Math.log10(X_RANGE.from) * 4; e <= Math.log10(X_RANGE.to) * 4; e++) out.push(Math.round(10 ** (e / 4)));
  return out;
}

export function costChartSvg(series: readonly Series[], title: string): string {
  const all = series.flatMap((s) => s.points.map((p) => p.usd)).filter((u) => u > 0);
  const low = Math.floor(Math.log10(Math.min(...all)));
  const high = Math.ceil(Math.log10(Math.max(...all)));
  const yOf = (usd: number) => HEIGHT - PLOT.bottom - ((Math.log10(Math.max(usd, 10 ** low)) - low) / Math.max(1, high - low)) * (HEIGHT - PLOT.top - PLOT.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  for (const r of decades()) {
    const x = xOf(r).toFixed(1);
    parts.push(`<line x1="${x}" y1="${PLOT.top}" x2="${x}" y2="${HEIGHT - PLOT.bottom}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${x}" y="${HEIGHT - PLOT.bottom + 18}" text-anchor="middle">10^${Math.log10(r)}</text>`);
  }
  for (let e = low; e <= high; e++) {
    const y = yOf(10 ** e).toFixed(1);
    parts.push(`<line x1="${PLOT.left}" y1="${y}" x2="${WIDTH - PLOT.right}" y2="${y}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${money(10 ** e)}</text>`);
  }
  parts.push(`<text x="${(PLOT.left + WIDTH - PLOT.right) / 2}" y="${HEIGHT - 18}" text-anchor="middle">API requests a month (log scale)</text>`);
  parts.push(`<text x="18" y="${(PLOT.top + HEIGHT - PLOT.bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(PLOT.top + HEIGHT - PLOT.bottom) / 2})">USD a month (log scale)</text>`);
  series.forEach((s, i) => {
    const points = s.points.map((p) => `${xOf(p.requests).toFixed(1)},${yOf(p.usd).toFixed(1)}`).join(" ");
    parts.push(`<polyline data-series="${escape(s.name)}" points="${points}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    const legendY = PLOT.top + 10 + i * 22;
    parts.push(`<line x1="${WIDTH - PLOT.right + 16}" y1="${legendY}" x2="${WIDTH - PLOT.right + 40}" y2="${legendY}" stroke="${s.color}" stroke-width="2.5"/>`);
    parts.push(`<text x="${WIDTH - PLOT.right + 46}" y="${legendY}" dominant-baseline="middle">${escape(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

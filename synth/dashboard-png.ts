/**
 * `dashboard.png`: the dashboard picture (dashboard-picture.ts) rasterized by resvg, with the
 * machine's fonts, so a reviewer or a chat tool that shows no SVG still sees the layout.
 */
import { Resvg } from "@resvg/resvg-js";

/**
 * The latest pictures by their SVG. Rasterizing takes about 0.2 s of CPU and depends on the SVG
 * alone, and a process that synthesizes one stack many times (the test suite renders ~80 pictures,
 * most of them the same few) draws each once.
 */
const rendered = new Map<string, Buffer>();
const RENDERED_LIMIT = 8;

export function renderDashboardPng(svg: string): Buffer {
  const known = rendered.get(svg);
  if (known) return known;
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "width", value: 1200 } });
  const png = resvg.render().asPng();
  if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value!);
  rendered.set(svg, png);
  return png;
}

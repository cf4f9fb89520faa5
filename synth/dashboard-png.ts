/**
 * `dashboard.png`: the dashboard picture (dashboard-picture.ts) rasterized by resvg, with the
 * machine's fonts, so a reviewer or a chat tool that shows no SVG still sees the layout.
 */
import { Resvg } from "@resvg/resvg-js";

export function renderDashboardPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "width", value: 1200 } });
  return resvg.render().asPng();
}

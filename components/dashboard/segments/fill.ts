import { GRID_COLUMNS } from "../body";
import type { Widget } from "../model";

/**
 * The widgets with the last row (as the body builder wraps them) widened to the full 24 columns,
 * shared out evenly, so a segment whose widget count does not divide the grid leaves no gap.
 */
export function fillLastRow(widgets: readonly Widget[]): Widget[] {
  let start = 0;
  let x = 0;
  widgets.forEach((w, i) => {
    if (x + w.width > GRID_COLUMNS) {
      start = i;
      x = 0;
    }
    x += w.width;
  });
  const free = GRID_COLUMNS - x;
  if (free <= 0) return [...widgets];
  const last = widgets.slice(start);
  const share = Math.floor(free / last.length);
  const extra = free - share * last.length;
  return [...widgets.slice(0, start), ...last.map((w, i) => ({ ...w, width: w.width + share + (i < extra ? 1 : 0) }))];
}

import assert from "node:assert/strict";
import type { BodyWidget } from "../../../components/dashboard/body";

/** Every widget inside the 24 columns, and no grid cell taken by two widgets. */
export function assertOnGridWithoutOverlaps(widgets: readonly BodyWidget[]): void {
  const taken = new Set<string>();
  for (const w of widgets) {
    assert.ok(w.x >= 0 && w.x + w.width <= 24, `${JSON.stringify(w.properties.title)} at x=${w.x} w=${w.width}`);
    for (let x = w.x; x < w.x + w.width; x++) {
      for (let y = w.y; y < w.y + w.height; y++) {
        assert.ok(!taken.has(`${x},${y}`), `cell ${x},${y} is used twice`);
        taken.add(`${x},${y}`);
      }
    }
  }
}

/**
 * 130,000 datapoints per series (more than GetMetricData's 100,800 per page, so several pages)
 * must be summarized and drawn: no array spread into Math.max/Math.min, which overflows the
 * call stack at that size.
 */
import assert from "node:assert/strict";
import { renderComparison } from "../../../functions/period-comparison-widget/render";
import { summarize } from "../../../functions/period-comparison-widget/summarize";
import type { Point } from "../../../functions/period-comparison-widget/fetch";
import { OFFSETS } from "../../../functions/period-comparison-widget/windows";

const POINTS = 130_000;
const series = (peakAt: number, peak: number): Point[] =>
  Array.from({ length: POINTS }, (_, i) => ({ offsetMs: i * 60_000, value: i === peakAt ? peak : 1 + (i % 7) }));

describe("period-comparison-widget with 130,000 points per series", () => {
  it("finds the Maximum of 130,000 points", () => {
    assert.deepEqual(summarize("Maximum", series(129_999, 1e6)), { value: 1e6, how: "max" });
  });

  it("finds the Minimum of 130,000 points", () => {
    const points = series(0, 1).map((p, i) => (i === 64_000 ? { ...p, value: -5 } : p));
    assert.deepEqual(summarize("Minimum", points), { value: -5, how: "min" });
  });

  it("draws three windows of 130,000 points each, scaled to the largest value", () => {
    const windows = OFFSETS.map((w) => ({ ...w, startMs: 0, endMs: POINTS * 60_000 }));
    const html = renderComparison(
      { title: "t", metrics: [{ label: "Requests", stat: "Maximum" }], windows, series: [[series(10, 500)], [series(20, 1000)], [series(30, 250)]], periodS: 60, zoomed: false },
      "light",
    );
    assert.equal((html.match(/<polyline /g) ?? []).length, 3);
    // The largest value (1000, point 20 of the second window) touches the top of the chart: y = 90 - 2 - 86.
    assert.match(html, / 0\.1,2\.0 /);
    assert.match(html, /1,000/);
  });
});

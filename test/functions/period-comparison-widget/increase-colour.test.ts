/** The comparison colours a change by what it means: more errors red, more requests uncoloured, fewer errors green. */
import assert from "node:assert/strict";
import { parseWidgetParams } from "../../../functions/period-comparison-widget/params";
import { renderComparison } from "../../../functions/period-comparison-widget/render";
import { comparisonWindows } from "../../../functions/period-comparison-widget/windows";

const RED = "#d91515";
const GREEN = "#037f0c";
const MUTED = "#5f6b7a";

/** The colour of the first change cell (this range against 1 day earlier), for now vs before. */
function changeColour(increase: "bad" | "good" | "neutral" | undefined, now: number, before: number): string {
  const windows = comparisonWindows({ startMs: 1_795_000_000_000, endMs: 1_795_003_600_000, zoomed: false }, 300);
  const point = (value: number) => [{ offsetMs: 0, value }];
  const html = renderComparison(
    { title: "t", metrics: [{ label: "m", stat: "Sum", increase }], windows, series: [[point(now)], [point(before)], [point(before)]], periodS: 300, zoomed: false },
    "light",
  );
  const match = /<span style="color:(#[0-9a-f]{6})">[+-]?\d/.exec(html);
  assert.ok(match, html);
  return match[1];
}

describe("period comparison colours", () => {
  it("shows a rise in errors in red and a fall in green", () => {
    assert.deepEqual([changeColour("bad", 20, 10), changeColour("bad", 5, 10)], [RED, GREEN]);
  });

  it("leaves a rise or fall in requests uncoloured", () => {
    assert.deepEqual([changeColour("neutral", 20, 10), changeColour("neutral", 5, 10)], [MUTED, MUTED]);
  });

  it("shows a rise in red when no meaning is given, as before", () => {
    assert.equal(changeColour(undefined, 20, 10), RED);
  });

  it("takes increase from each metric param and refuses an unknown meaning, naming the key", () => {
    const metric = { namespace: "AWS/ApiGateway", metricName: "Count", stat: "Sum" };
    assert.equal(parseWidgetParams({ metrics: [{ ...metric, increase: "neutral" }] }, 10).metrics[0].increase, "neutral");
    assert.throws(() => parseWidgetParams({ metrics: [{ ...metric, increase: "up" }] }, 10), /metrics\[0\]\.increase/);
  });
});

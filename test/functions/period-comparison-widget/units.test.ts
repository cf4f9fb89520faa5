import assert from "node:assert/strict";
import { parseWidgetParams } from "../../../functions/period-comparison-widget/params";
import { percentChange, summarize } from "../../../functions/period-comparison-widget/summarize";
import { choosePeriodSeconds, comparisonWindows } from "../../../functions/period-comparison-widget/windows";

const MIN = 60_000;
const DAY = 1440 * MIN;
const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const METRIC = { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "f" }, stat: "Sum" };

describe("period-comparison-widget params", () => {
  it("accepts a metric and labels it by name and statistic when no label is given", () => {
    assert.deepEqual(parseWidgetParams({ metrics: [METRIC] }, 10).metrics, [{ ...METRIC, label: "Errors (Sum)", increase: "bad" }]);
  });

  it("accepts percentiles such as p99.9", () => {
    assert.equal(parseWidgetParams({ metrics: [{ ...METRIC, stat: "p99.9" }] }, 10).metrics[0].stat, "p99.9");
  });

  for (const [params, message] of [
    [{}, /"metrics" = \(missing\): expected a list of 1 to 2 metrics/],
    [{ metrics: [METRIC, METRIC, METRIC] }, /"metrics" = .*: expected a list of 1 to 2/],
    [{ metrics: [{ ...METRIC, namespace: "" }] }, /"metrics\[0\]\.namespace" = "": expected 1-255 printable ASCII/],
    [{ metrics: [{ ...METRIC, dimensions: { FunctionName: "é" } }] }, /"metrics\[0\]\.dimensions\.FunctionName" = "é"/],
    [{ metrics: [{ ...METRIC, dimensions: ["f"] }] }, /"metrics\[0\]\.dimensions" = \["f"\]: expected an object/],
    [{ metrics: [{ ...METRIC, unit: "Count" }] }, /"metrics\[0\]\.unit" = "Count": expected one of namespace/],
    [{ metrics: [METRIC], colour: "red" }, /"colour" = "red": expected a known param \(metrics, title\)/],
    [{ metrics: [METRIC], title: 3 }, /"title" = 3: expected a string/],
  ] as const) {
    it(`rejects ${JSON.stringify(params).slice(0, 80)} naming the param`, () => {
      assert.throws(() => parseWidgetParams(params as Record<string, unknown>, 2), message);
    });
  }
});

describe("period-comparison-widget windows", () => {
  it("uses 1-minute periods for a 3-hour range and shifts it by exactly 1 and 7 days", () => {
    const range = { startMs: NOW - 180 * MIN, endMs: NOW, zoomed: false };
    const period = choosePeriodSeconds(range, NOW, 288);
    assert.equal(period, 60);
    assert.deepEqual(
      comparisonWindows(range, period).map((w) => [w.key, NOW - w.startMs, NOW - w.endMs]),
      [
        ["current", 180 * MIN, 0],
        ["dayBefore", 180 * MIN + DAY, DAY],
        ["weekBefore", 180 * MIN + 7 * DAY, 7 * DAY],
      ],
    );
  });

  it("grows the period to keep a week-long range under the point budget", () => {
    assert.equal(choosePeriodSeconds({ startMs: NOW - 7 * DAY, endMs: NOW, zoomed: false }, NOW, 288), 3600);
  });

  it("never asks for 1-minute data older than CloudWatch keeps it", () => {
    const range = { startMs: NOW - 10 * DAY, endMs: NOW - 10 * DAY + 30 * MIN, zoomed: false };
    assert.equal(choosePeriodSeconds(range, NOW, 288), 300);
  });

  it("floors the start to the period so all windows share the same offsets", () => {
    const windows = comparisonWindows({ startMs: NOW - 7 * MIN - 1234, endMs: NOW, zoomed: false }, 300);
    for (const w of windows) assert.equal(w.startMs % 300_000, 0);
  });
});

describe("period-comparison-widget summaries", () => {
  const points = [1, 5, 3].map((value, i) => ({ offsetMs: i * MIN, value }));
  it("adds up Sum and SampleCount, takes max/min of Maximum/Minimum and the mean of the rest", () => {
    assert.deepEqual(
      ["Sum", "SampleCount", "Maximum", "Minimum", "Average", "p90"].map((s) => summarize(s, points).value),
      [9, 9, 5, 1, 3, 3],
    );
  });

  it("shows no value for a statistic that is not a sum when there are no points", () => {
    assert.equal(summarize("p90", []).value, null);
    assert.equal(summarize("Sum", []).value, 0);
  });

  it("computes the change in percent and none against zero", () => {
    assert.equal(percentChange(150, 100), 50);
    assert.equal(percentChange(1, 0), null);
  });
});

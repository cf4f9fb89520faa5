/**
 * The period-comparison widget's budgets, through the real SDK against loopback CloudWatch: a chart
 * draws at most MAX_POINTS points per series however many GetMetricData returns, and the response
 * stays within Lambda's 6 MB synchronous limit. Each at the limit and one step beyond; what is
 * left out is said on the widget, never dropped silently.
 */
import "./quiet-logs";
import assert from "node:assert/strict";
import { createHandler, defaultDeps } from "../../../functions/period-comparison-widget/index";
import { MAX_RESPONSE_BYTES, responseBytes } from "../../../functions/period-comparison-widget/budget";
import { useLoopbackAws } from "../../faults/support";

const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const HOUR = 3_600_000;
const MAX_POINTS = 288;
const REQUESTS = { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: "a1b2c3d4e5", Stage: "prod" }, stat: "Sum", label: "Requests" };
/** 3 hours: a 1-minute period, 180 points per series asked for. */
const event = (metrics: unknown[] = [REQUESTS]) => ({ metrics, widgetContext: { theme: "light", timeRange: { start: NOW - 3 * HOUR, end: NOW } } });

/** Coordinates per drawn series, in the order the charts draw them. */
const drawnPoints = (html: string): number[] => [...html.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(" ").length);

describe("period-comparison-widget budgets, through the real SDK against loopback CloudWatch", function () {
  this.timeout(60_000);
  const aws = useLoopbackAws();
  const handler = (env: Record<string, string> = {}, maxResponseBytes?: number) =>
    createHandler({ ...defaultDeps({ MAX_POINTS: String(MAX_POINTS), ...env }), now: () => NOW, ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }) });

  /** GetMetricData answers `points` one-second-apart datapoints of value 1 (one in a thousand 50) per series and window. */
  const answerWith = (points: number) => {
    aws().state.cloudwatch.series = (_id, range) => ({
      timestamps: Array.from({ length: points }, (_, i) => range.startS + i),
      values: Array.from({ length: points }, (_, i) => (i % 1000 === 999 ? 50 : 1)),
    });
  };

  describe("points per chart (MAX_POINTS)", () => {
    it("draws every point of a series of exactly MAX_POINTS points, with no notice", async () => {
      answerWith(MAX_POINTS);
      const html = await handler()(event());
      assert.deepEqual(drawnPoints(html), [MAX_POINTS, MAX_POINTS, MAX_POINTS]);
      assert.doesNotMatch(html, /role="note"/);
    });

    it("draws at most MAX_POINTS of a series of MAX_POINTS + 1, says so on the widget, and still totals every point", async () => {
      answerWith(MAX_POINTS + 1);
      const html = await handler()(event());
      for (const drawn of drawnPoints(html)) assert.ok(drawn <= MAX_POINTS, `${drawn} points drawn`);
      assert.match(html, /role="note"[^>]*>CloudWatch returned up to 289 points per series, more than MAX_POINTS \(288\)/);
      // 289 points: 289 ones, none of the one-in-a-thousand 50s.
      assert.match(html, />289<\/td>/);
    });

    it("answers 130,000 points per series within Lambda's response limit, with the totals of all of them", async () => {
      answerWith(130_000);
      const html = await handler()(event([REQUESTS, { ...REQUESTS, metricName: "5XXError", label: "Errors" }]));
      assert.ok(responseBytes(html) <= MAX_RESPONSE_BYTES, `${responseBytes(html)} bytes`);
      assert.deepEqual(drawnPoints(html).length, 6);
      for (const drawn of drawnPoints(html)) assert.ok(drawn <= MAX_POINTS, `${drawn} points drawn`);
      assert.match(html, /CloudWatch returned up to 130,000 points per series/);
      // 130,000 points: 129,870 ones and 130 fifties.
      assert.match(html, />136,370<\/td>/);
    });
  });

  describe("the response (Lambda's 6 MB synchronous limit)", () => {
    it("keeps the widget's largest answer (MAX_METRICS 100, MAX_POINTS 1440, a day of one-minute points) within the limit", async () => {
      answerWith(1440);
      const metrics = Array.from({ length: 100 }, (_, i) => ({ ...REQUESTS, label: `Requests ${i}` }));
      const wide = { metrics, widgetContext: { theme: "light", timeRange: { start: NOW - 24 * HOUR, end: NOW } } };
      const html = await handler({ MAX_METRICS: "100", MAX_POINTS: "1440" })(wide);
      assert.ok(responseBytes(html) <= MAX_RESPONSE_BYTES, `${responseBytes(html)} bytes`);
      assert.equal(drawnPoints(html).length, 300);
    });

    it("renders the whole comparison when its response is exactly at the budget", async () => {
      answerWith(MAX_POINTS);
      const unbounded = await handler()(event());
      const html = await handler({}, responseBytes(unbounded))(event());
      assert.equal(html, unbounded);
    });

    it("thins the charts, says so, and stays within the budget one byte beyond it", async () => {
      answerWith(MAX_POINTS);
      const unbounded = await handler()(event());
      const budget = responseBytes(unbounded) - 1;
      const html = await handler({}, budget)(event());
      assert.ok(responseBytes(html) <= budget, `${responseBytes(html)} > ${budget}`);
      for (const drawn of drawnPoints(html)) assert.ok(drawn < MAX_POINTS, `${drawn} points drawn`);
      assert.match(html, /role="note"[^>]*>The charts are thinned to \d+ points per series to keep the response within \d[\d,]* bytes/);
      assert.match(html, />288<\/td>/);
    });

    it("leaves the charts out, says so, and keeps the table when not even the thinnest chart fits", async () => {
      answerWith(MAX_POINTS);
      const unbounded = await handler()(event());
      const tableOnly = unbounded.replace(/<svg[\s\S]*?<\/svg>/g, "");
      const html = await handler({}, responseBytes(tableOnly) + 300)(event());
      assert.equal(drawnPoints(html).length, 0);
      assert.match(html, /role="note"[^>]*>The charts are left out to keep the response within/);
      assert.match(html, />288<\/td>/);
    });
  });
});

/**
 * Both custom widgets through the real SDK against loopback CloudWatch, CloudWatch Logs and
 * Athena under scripted faults: each always answers with HTML before its Lambda timeout, a
 * readable error box when a dependency fails and "timed out after N s" when it hangs.
 */
import "../functions/period-comparison-widget/quiet-logs";
import assert from "node:assert/strict";
import * as distinctUsers from "../../functions/distinct-users-widget/index";
import * as periodComparison from "../../functions/period-comparison-widget/index";
import { widgetEvent } from "../functions/distinct-users-widget/widget-event";
import { FAULTS, lambdaContext, timed, useLoopbackAws } from "./support";

const TIMEOUT_MS = 1_500;
const CALL_ENV = { CONNECT_TIMEOUT_MS: "150", REQUEST_TIMEOUT_MS: "150", CALL_MAX_ATTEMPTS: "2", DEADLINE_MARGIN_MS: "300" };
const DISTINCT_ENV = { ...CALL_ENV, DEADLINE_SECONDS: "1", POLL_INITIAL_MS: "10", POLL_MAX_MS: "50", CACHE_TTL_SECONDS: "0" };
const LOGS = { backend: "logs", logGroupNames: ["/aws/apigateway/access"], userField: "userId" };
const ATHENA = { backend: "athena", workgroup: "wg", database: "db", table: "access_logs" };
const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const METRICS = { metrics: [{ namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: "a1b2c3d4e5" }, stat: "Sum", label: "Requests" }] };
const periodEvent = { ...METRICS, widgetContext: { theme: "light", timeRange: { start: NOW - 3 * 3_600_000, end: NOW } } };

async function answer(run: () => Promise<string>): Promise<{ ms: number; html: string }> {
  const outcome = await timed(run);
  assert.equal(outcome.error, undefined, `the widget threw: ${String(outcome.error)}`);
  assert.ok(outcome.ms < TIMEOUT_MS, `took ${outcome.ms} ms`);
  return { ms: outcome.ms, html: outcome.value! };
}

describe("fault suite: custom widgets through the real SDK", function () {
  this.timeout(30_000);
  const aws = useLoopbackAws();
  // A request timeout longer than the deadline, so that the deadline is what ends a hanging call.
  const LONG_REQUESTS = { REQUEST_TIMEOUT_MS: "60000" };
  const distinct = (env: Record<string, string> = {}) => distinctUsers.createHandler(distinctUsers.defaultDeps({ ...DISTINCT_ENV, ...env }));
  const period = (env: Record<string, string> = {}) => periodComparison.createHandler(periodComparison.defaultDeps({ ...CALL_ENV, ...env }));

  describe("distinct-users-widget", () => {
    it("shows the Athena count when nothing fails (the baseline)", async () => {
      aws().state.athena.rows = [["users", "events"], ["42", "100"]];
      const { html } = await answer(() => distinct()(widgetEvent(ATHENA), lambdaContext(TIMEOUT_MS)));
      assert.match(html, /id="distinct-users"[^>]*>42</);
    });

    it("shows timed out after 1 s, and stops the query, when Logs Insights never answers GetQueryResults", async () => {
      aws().fault({ service: "logs", operation: "GetQueryResults", kind: "hang" });
      const { html } = await answer(() => distinct(LONG_REQUESTS)(widgetEvent(LOGS), lambdaContext(TIMEOUT_MS)));
      assert.match(html, /timed out after 1 s/);
      const started = aws().callsOf("logs", "StartQuery").length;
      assert.ok(started > 0);
      assert.equal(aws().state.logs.stopped.length, started);
    });

    it("shows timed out after 1 s when Athena never answers GetQueryExecution", async () => {
      aws().fault({ service: "athena", operation: "GetQueryExecution", kind: "hang" });
      const { html } = await answer(() => distinct(LONG_REQUESTS)(widgetEvent(ATHENA), lambdaContext(TIMEOUT_MS)));
      assert.match(html, /timed out after 1 s/);
      assert.equal(aws().state.athena.stopped.length, 1);
    });

    for (const kind of FAULTS) {
      for (const [backend, params, service] of [["Logs Insights", LOGS, "logs"], ["Athena", ATHENA, "athena"]] as const) {
        it(`renders an error box before its timeout when ${backend} fails with ${kind}`, async () => {
          aws().fault({ service, kind, delayMs: 5_000 });
          const { html } = await answer(() => distinct()(widgetEvent(params), lambdaContext(TIMEOUT_MS)));
          assert.match(html, /role="alert"/);
        });
      }
    }
  });

  describe("period-comparison-widget", () => {
    it("draws the comparison when nothing fails (the baseline)", async () => {
      aws().state.cloudwatch.series = () => ({ timestamps: [NOW / 1000 - 600], values: [7] });
      const { html } = await answer(() => period()(periodEvent, lambdaContext(TIMEOUT_MS)));
      assert.doesNotMatch(html, /role="alert"/);
      assert.match(html, /<svg/);
    });

    it("shows timed out after 1 s when GetMetricData never answers", async () => {
      aws().fault({ service: "cloudwatch", operation: "GetMetricData", kind: "hang" });
      const { html } = await answer(() => period(LONG_REQUESTS)(periodEvent, lambdaContext(TIMEOUT_MS)));
      assert.match(html, /Timed out/);
      assert.match(html, /timed out after 1 s while waiting for GetMetricData/);
    });

    it("stops after 20 pages when GetMetricData paginates forever", async () => {
      aws().fault({ service: "cloudwatch", operation: "GetMetricData", kind: "endless" });
      const { html } = await answer(() => period()(periodEvent, lambdaContext(TIMEOUT_MS)));
      assert.match(html, /still had more data after 20 pages/);
    });

    for (const kind of FAULTS) {
      it(`renders an error box before its timeout when GetMetricData fails with ${kind}`, async () => {
        aws().fault({ service: "cloudwatch", operation: "GetMetricData", kind, delayMs: 5_000 });
        const { html } = await answer(() => period()(periodEvent, lambdaContext(TIMEOUT_MS)));
        assert.match(html, /role="alert"/);
      });
    }
  });
});

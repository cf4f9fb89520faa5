import "./quiet-logs";
import assert from "node:assert/strict";
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { createHandler } from "../../../functions/period-comparison-widget/index";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const START = NOW - 3 * HOUR;
const REQUESTS = { namespace: "AWS/ApiGateway", metricName: "Count", dimensions: { ApiId: "a1b2c3d4e5", Stage: "prod" }, stat: "Sum", label: "Requests" };
const ERRORS = { ...REQUESTS, metricName: "5xx", label: "5xx errors" };

function event(params: Record<string, unknown>, context: Record<string, unknown> = {}) {
  return { ...params, widgetContext: { theme: "light", timeRange: { start: START, end: NOW }, ...context } };
}

/** Answers each window with a constant per-minute value: 10 today, 8 a day before, 5 a week before (errors a tenth). */
function fakeCloudWatch(perMinute: (startMs: number) => number = (s) => (s > NOW - DAY ? 10 : s > NOW - 2 * DAY ? 8 : 5)) {
  const mock = mockClient(CloudWatchClient);
  const calls: GetMetricDataCommandInput[] = [];
  mock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput): GetMetricDataCommandOutput => {
    calls.push(input);
    const start = input.StartTime!.getTime();
    const end = input.EndTime!.getTime();
    const period = input.MetricDataQueries![0].MetricStat!.Period! * 1000;
    const timestamps: Date[] = [];
    for (let t = start; t < end; t += period) timestamps.push(new Date(t));
    return {
      $metadata: {},
      MetricDataResults: input.MetricDataQueries!.map((q, i) => ({
        Id: q.Id,
        StatusCode: "Complete",
        Timestamps: timestamps,
        Values: timestamps.map(() => (perMinute(start) * (period / 60_000)) / (i === 0 ? 1 : 10)),
      })),
    };
  });
  return { mock, calls };
}

describe("period-comparison-widget handler", () => {
  const mocks: Array<{ restore(): void }> = [];
  afterEach(() => {
    while (mocks.length > 0) mocks.pop()!.restore();
  });
  const handler = (env: Record<string, string> = {}) => createHandler({ cloudwatch: new CloudWatchClient({ region: "us-east-1" }), now: () => NOW, env });

  it("returns Markdown documentation when asked to describe itself", async () => {
    const out = await handler()({ describe: true });
    assert.match(out, /^## Compared with 1 and 7 days earlier/);
    assert.match(out, /metricName/);
  });

  it("adds no title of its own above the table, only the period, unless its params give one", async () => {
    const { mock } = fakeCloudWatch();
    mocks.push(mock);
    const plain = await handler()(event({ metrics: [REQUESTS] }));
    assert.match(plain, /color:[^>]*>period 1 min<\/div>/);
    assert.doesNotMatch(plain, /Compared with 1 and 7 days earlier/);
    const titled = await handler()(event({ metrics: [REQUESTS], title: "Orders" }));
    assert.match(titled, />Orders · period 1 min<\/div>/);
  });

  it("asks GetMetricData for the range, the range a day earlier and the range a week earlier", async () => {
    const { mock, calls } = fakeCloudWatch();
    mocks.push(mock);
    await handler()(event({ metrics: [REQUESTS, ERRORS] }));
    assert.deepEqual(
      calls.map((c) => [c.StartTime!.getTime(), c.EndTime!.getTime()]).sort((a, b) => b[0] - a[0]),
      [
        [START, NOW],
        [START - DAY, NOW - DAY],
        [START - 7 * DAY, NOW - 7 * DAY],
      ],
    );
    assert.deepEqual(calls[0].MetricDataQueries![1], {
      Id: "m1",
      MetricStat: {
        Metric: { Namespace: "AWS/ApiGateway", MetricName: "5xx", Dimensions: [{ Name: "ApiId", Value: "a1b2c3d4e5" }, { Name: "Stage", Value: "prod" }] },
        Period: 60,
        Stat: "Sum",
      },
      ReturnData: true,
    });
  });

  it("shows the totals of each window and the change against each earlier window", async () => {
    const { mock } = fakeCloudWatch();
    mocks.push(mock);
    const html = await handler()(event({ metrics: [REQUESTS, ERRORS], title: "Orders" }));
    // 180 minutes at 10, 8 and 5 per minute.
    assert.match(html, /Requests <span[^>]*>\(total\)<\/span><\/td><td[^>]*>1,800<\/td><td[^>]*>1,440<\/td><td[^>]*><span[^>]*>\+25\.0 %<\/span><\/td><td[^>]*>900<\/td><td[^>]*><span[^>]*>\+100\.0 %<\/span>/);
    assert.match(html, /5xx errors <span[^>]*>\(total\)<\/span><\/td><td[^>]*>180<\/td><td[^>]*>144<\/td>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 2);
    assert.equal((html.match(/<polyline /g) ?? []).length, 6);
    assert.doesNotMatch(html, /<script/i);
  });

  it("uses the zoomed range when the dashboard is zoomed", async () => {
    const { mock, calls } = fakeCloudWatch();
    mocks.push(mock);
    const zoom = { start: NOW - HOUR, end: NOW - HOUR / 2 };
    const html = await handler()(event({ metrics: [REQUESTS] }, { timeRange: { start: START, end: NOW, zoom } }));
    assert.ok(calls.some((c) => c.StartTime!.getTime() === zoom.start && c.EndTime!.getTime() === zoom.end));
    assert.match(html, /zoomed range/);
  });

  it("draws in dark colours for the dark theme", async () => {
    const { mock } = fakeCloudWatch();
    mocks.push(mock);
    const html = await handler()(event({ metrics: [REQUESTS] }, { theme: "dark" }));
    assert.match(html, /color:#d1d5db/);
    assert.doesNotMatch(html, /color:#16191f/);
  });

  it("escapes labels and titles so a hostile param cannot inject markup", async () => {
    const { mock } = fakeCloudWatch();
    mocks.push(mock);
    const html = await handler()(event({ metrics: [{ ...REQUESTS, label: "<img src=x onerror=alert(1)>" }], title: "<b>\"t\"</b>" }));
    assert.doesNotMatch(html, /<img|<b>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&lt;b&gt;&quot;t&quot;&lt;\/b&gt;/);
  });

  it("shows n/a instead of a change when the earlier window had nothing", async () => {
    const { mock } = fakeCloudWatch((s) => (s > NOW - DAY ? 3 : 0));
    mocks.push(mock);
    const html = await handler()(event({ metrics: [REQUESTS] }));
    assert.equal((html.match(/>n\/a</g) ?? []).length, 2);
  });

  it("names the bad param instead of calling CloudWatch", async () => {
    const { mock, calls } = fakeCloudWatch();
    mocks.push(mock);
    const html = await handler()(event({ metrics: [{ ...REQUESTS, stat: "avg" }] }));
    assert.match(html, /Bad widget parameter/);
    assert.match(html, /widget param &quot;metrics\[0\]\.stat&quot; = &quot;avg&quot;: expected one of Sum, Average/);
    assert.equal(calls.length, 0);
  });

  it("names the zoomed range when its end is not after its start", async () => {
    const { mock, calls } = fakeCloudWatch();
    mocks.push(mock);
    const html = await handler()(event({ metrics: [REQUESTS] }, { timeRange: { start: START, end: NOW, zoom: { start: NOW, end: START } } }));
    assert.match(html, /Bad widget parameter/);
    assert.match(html, new RegExp(`widget param &quot;widgetContext.timeRange.zoom.end&quot; = ${START}: expected a time after start \\(${NOW}\\)`));
    assert.equal(calls.length, 0);
  });

  it("reports a metric CloudWatch refused, with its label and the window", async () => {
    const mock = mockClient(CloudWatchClient);
    mocks.push(mock);
    mock.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: "m0", StatusCode: "Forbidden", Messages: [{ Code: "AccessDenied", Value: "no access" }] }] });
    const html = await handler()(event({ metrics: [REQUESTS] }));
    assert.match(html, /CloudWatch could not return the data/);
    assert.match(html, /GetMetricData for Requests \([^)]*\) returned Forbidden: AccessDenied no access/);
  });

  it("follows NextToken pages and joins their points", async () => {
    const mock = mockClient(CloudWatchClient);
    mocks.push(mock);
    mock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      const t = input.StartTime!;
      return input.NextToken
        ? { MetricDataResults: [{ Id: "m0", StatusCode: "Complete", Timestamps: [new Date(t.getTime() + 60_000)], Values: [4] }] }
        : { NextToken: "next", MetricDataResults: [{ Id: "m0", StatusCode: "PartialData", Timestamps: [t], Values: [3] }] };
    });
    const html = await handler()(event({ metrics: [REQUESTS] }));
    assert.match(html, /<td[^>]*>7<\/td><td[^>]*>7<\/td>/);
    assert.equal(mock.commandCalls(GetMetricDataCommand).length, 6);
  });

  it("renders an AWS error readably instead of throwing", async () => {
    const mock = mockClient(CloudWatchClient);
    mocks.push(mock);
    mock.on(GetMetricDataCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    const html = await handler()(event({ metrics: [REQUESTS] }));
    assert.match(html, /AWS error/);
    assert.match(html, /ThrottlingException: Rate exceeded/);
  });

  it("renders a misconfigured function as such", async () => {
    const html = await handler({ MAX_METRICS: "0" })(event({ metrics: [REQUESTS] }));
    assert.match(html, /Widget function misconfigured/);
    assert.ok(html.includes("MAX_METRICS must be an integer from 1 to 100, got &quot;0&quot;"), html);
  });
});

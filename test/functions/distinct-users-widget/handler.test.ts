import "./quiet-logs";
import assert from "node:assert/strict";
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand as AthenaGetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { createHandler } from "../../../functions/distinct-users-widget/index";
import { FakeClock } from "../../../bench/support/fake-clock";
import { LogsInsightsSimulator, type SimulatorOptions } from "../../../bench/support/logs-simulator";
import { Population } from "../../../bench/support/population";
import { END_MS, shownNumber, START_MS, widgetEvent } from "./widget-event";

const LOG_GROUPS = ["/aws/apigateway/orders", "/aws/apigateway/billing"];
const LOGS_PARAMS = { backend: "logs", logGroupNames: LOG_GROUPS, userField: "userId" };

function setup(env: Record<string, string> = {}) {
  const clock = new FakeClock();
  const logs = new CloudWatchLogsClient({ region: "us-east-1" });
  const athena = new AthenaClient({ region: "us-east-1" });
  const handler = createHandler({ logs, athena, clock, env });
  return { clock, handler };
}

function simulate(clock: FakeClock, size: number, options: Partial<SimulatorOptions> = {}) {
  const population = new Population(size);
  const sim = new LogsInsightsSimulator({
    population,
    clock,
    userField: "userId",
    logGroupNames: LOG_GROUPS,
    startTime: Math.floor(START_MS / 1000),
    endTime: Math.floor(END_MS / 1000),
    groupCap: 10_000,
    ...options,
  });
  return { population, sim, mock: sim.install() };
}

describe("distinct-users-widget handler", () => {
  const mocks: Array<{ restore(): void }> = [];
  afterEach(() => {
    while (mocks.length > 0) mocks.pop()!.restore();
  });

  it("returns Markdown documentation when asked to describe itself", async () => {
    const { handler } = setup();
    const out = await handler({ describe: true });
    assert.match(out, /^## Distinct users \(exact\)/);
    assert.match(out, /logGroupNames/);
    assert.match(out, /workgroup/);
  });

  it("shows the exact count, the method, events scanned and query time", async () => {
    const { clock, handler } = setup();
    const { population, mock } = simulate(clock, 20_000, { groupCap: 5_000 });
    mocks.push(mock);
    const html = await handler(widgetEvent(LOGS_PARAMS));
    assert.equal(shownNumber(html), population.expectedDistinctUsers().toLocaleString("en-US"));
    assert.match(html, />exact</);
    assert.match(html, /Logs Insights stats count\(\*\) by user/);
    assert.match(html, /Events scanned/);
    assert.match(html, /Query time/);
    assert.doesNotMatch(html, /<script/i);
  });

  it("adds no heading of its own, since the dashboard shows the widget's title, and shows the one its params give", async () => {
    const { clock, handler } = setup();
    const { mock } = simulate(clock, 2_000, { groupCap: 5_000 });
    mocks.push(mock);
    const plain = await handler(widgetEvent(LOGS_PARAMS));
    assert.doesNotMatch(plain, /Distinct users/);
    const titled = await handler(widgetEvent({ ...LOGS_PARAMS, title: "Checkout users" }));
    assert.match(titled, />Checkout users</);
  });

  it("sends StartQuery whole epoch seconds from the millisecond time range", async () => {
    const { clock, handler } = setup();
    const { mock } = simulate(clock, 100);
    mocks.push(mock);
    const html = await handler(widgetEvent(LOGS_PARAMS, { startMs: START_MS, endMs: END_MS }));
    assert.equal(shownNumber(html), "106");
    const input = mock.commandCalls(StartQueryCommand)[0].args[0].input;
    assert.equal(input.startTime, 1_700_000_000);
    assert.equal(input.endTime, 1_700_086_400);
  });

  it("honours the zoomed range over the dashboard's range", async () => {
    const { clock, handler } = setup();
    const zoom = { start: 1_700_010_000_500, end: 1_700_020_000_000 };
    const { mock } = simulate(clock, 100, { startTime: 1_700_010_000, endTime: 1_700_020_000 });
    mocks.push(mock);
    const html = await handler(widgetEvent(LOGS_PARAMS, { zoom }));
    assert.equal(shownNumber(html), "106");
    assert.match(html, /Range \(zoomed\)/);
  });

  it("queries log groups by ARN through logGroupIdentifiers", async () => {
    const { clock, handler } = setup();
    const arns = ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/orders"];
    const { mock } = simulate(clock, 100, { logGroupNames: undefined, logGroupIdentifiers: arns });
    mocks.push(mock);
    const html = await handler(widgetEvent({ logGroupArns: arns, userField: "userId" }));
    assert.equal(shownNumber(html), "106");
  });

  it("passes the optional filter into every query", async () => {
    const { clock, handler } = setup();
    const { mock, sim } = simulate(clock, 100, { acceptedFilter: "status >= 500" });
    mocks.push(mock);
    const html = await handler(widgetEvent({ ...LOGS_PARAMS, filter: "status >= 500" }));
    assert.equal(shownNumber(html), "106");
    assert.ok(sim.queries.every((q) => q.includes("| filter status >= 500\n")));
  });

  it("retries StartQuery while the account's concurrent-query quota is full", async () => {
    const { clock, handler } = setup();
    const { mock, sim, population } = simulate(clock, 30_000, { groupCap: 5_000, concurrencyQuota: 1 });
    mocks.push(mock);
    const html = await handler(widgetEvent(LOGS_PARAMS));
    assert.equal(shownNumber(html), population.expectedDistinctUsers().toLocaleString("en-US"));
    assert.ok(sim.calls.StartQuery > sim.queries.length, "some StartQuery calls were refused and retried");
  });

  it("keeps at most MAX_CONCURRENT_QUERIES queries running", async () => {
    const { clock, handler } = setup({ MAX_CONCURRENT_QUERIES: "2" });
    const { mock, sim } = simulate(clock, 60_000, { groupCap: 5_000 });
    mocks.push(mock);
    await handler(widgetEvent(LOGS_PARAMS));
    assert.equal(sim.maxRunning, 2);
  });

  for (const status of ["Failed", "Cancelled", "Timeout", "Unknown"]) {
    it(`shows a readable error when a query ends in status ${status}`, async () => {
      const { handler } = setup();
      const mock = mockClient(CloudWatchLogsClient);
      mocks.push(mock);
      let n = 0;
      mock.on(StartQueryCommand).callsFake(() => ({ queryId: `q${++n}` }));
      mock.on(GetQueryResultsCommand).resolves({ status: status as "Failed" });
      mock.on(StopQueryCommand).resolves({ success: true });
      const html = await handler(widgetEvent(LOGS_PARAMS));
      assert.match(html, /role="alert"/);
      assert.match(html, /Query failed/);
      assert.match(html, new RegExp(`status ${status}`));
      assert.equal(shownNumber(html), undefined);
    });
  }

  it("stops running queries at the deadline and says so", async () => {
    const { clock, handler } = setup({ DEADLINE_SECONDS: "5" });
    const mock = mockClient(CloudWatchLogsClient);
    mocks.push(mock);
    let n = 0;
    mock.on(StartQueryCommand).callsFake(() => ({ queryId: `q${++n}` }));
    mock.on(GetQueryResultsCommand).resolves({ status: "Running" });
    mock.on(StopQueryCommand).resolves({ success: true });
    const started = clock.now();
    const html = await handler(widgetEvent(LOGS_PARAMS));
    assert.match(html, /Stopped at the deadline/);
    const stopped = mock.commandCalls(StopQueryCommand).map((c) => c.args[0].input.queryId).sort();
    assert.deepEqual(stopped, ["q1", "q2", "q3"]);
    assert.ok(clock.now() - started <= 5_000, `answered by the deadline, took ${clock.now() - started} ms`);
  });

  it("uses a deadline below the Lambda's remaining time when that is shorter", async () => {
    const { clock, handler } = setup({ DEADLINE_SECONDS: "50" });
    const mock = mockClient(CloudWatchLogsClient);
    mocks.push(mock);
    mock.on(StartQueryCommand).resolves({ queryId: "q" });
    mock.on(GetQueryResultsCommand).resolves({ status: "Scheduled" });
    mock.on(StopQueryCommand).resolves({ success: true });
    const started = clock.now();
    const html = await handler(widgetEvent(LOGS_PARAMS), { getRemainingTimeInMillis: () => 10_000 });
    assert.match(html, /Stopped at the deadline/);
    assert.ok(clock.now() - started <= 7_000, `stopped 3 s before the timeout, took ${clock.now() - started} ms`);
  });

  it("escapes hostile values in the title and in error messages", async () => {
    const { handler } = setup();
    const mock = mockClient(CloudWatchLogsClient);
    mocks.push(mock);
    const hostile = `<img src=x onerror=alert(1)>`;
    mock.on(StartQueryCommand).callsFake((input: { queryString: string }) => ({ queryId: input.queryString.includes("sum(n)") ? "count" : input.queryString.includes("by substr") ? "discover" : "total" }));
    const rows = {
      total: [[{ field: "events", value: "3" }]],
      discover: [[{ field: "prefix", value: hostile }, { field: "events", value: "3" }]],
      count: [[{ field: "prefix", value: hostile }, { field: "users", value: "1" }, { field: "events", value: "5" }]],
    };
    mock.on(GetQueryResultsCommand).callsFake((input: { queryId: keyof typeof rows }) => ({ status: "Complete", results: rows[input.queryId] }));
    const html = await handler(widgetEvent({ ...LOGS_PARAMS, title: `<script>alert("t")</script>` }));
    assert.match(html, /Could not prove an exact count/);
    assert.doesNotMatch(html, /<img|<script/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt;/);
  });

  it("counts hostile user names without ever writing them into the page", async () => {
    const { clock, handler } = setup();
    const { mock, population } = simulate(clock, 1_000);
    mocks.push(mock);
    const html = await handler(widgetEvent(LOGS_PARAMS));
    assert.equal(shownNumber(html), population.expectedDistinctUsers().toLocaleString("en-US"));
    assert.doesNotMatch(html, /<script|<img|onerror/);
  });

  it("follows the dashboard theme", async () => {
    const { clock, handler } = setup({ CACHE_TTL_SECONDS: "0" });
    const { mock } = simulate(clock, 10);
    mocks.push(mock);
    const dark = await handler(widgetEvent(LOGS_PARAMS, { theme: "dark" }));
    const light = await handler(widgetEvent(LOGS_PARAMS, { theme: "light" }));
    assert.match(dark, /color:#d1d5db/);
    assert.match(light, /color:#16191f/);
  });

  it("answers a repeated request from the cache until the TTL passes", async () => {
    const { clock, handler } = setup({ CACHE_TTL_SECONDS: "30" });
    const { mock, sim } = simulate(clock, 100);
    mocks.push(mock);
    await handler(widgetEvent(LOGS_PARAMS));
    const afterFirst = sim.calls.StartQuery;
    const cached = await handler(widgetEvent(LOGS_PARAMS, { theme: "dark" }));
    assert.equal(sim.calls.StartQuery, afterFirst);
    assert.match(cached, /\(cached\)/);
    assert.equal(shownNumber(cached), "106");
    clock.advance(31_000);
    await handler(widgetEvent(LOGS_PARAMS));
    assert.equal(sim.calls.StartQuery, afterFirst * 2);
  });

  it("does not serve a cached count for another range", async () => {
    const { clock, handler } = setup();
    const { mock, sim } = simulate(clock, 100, { startTime: 1_700_000_000, endTime: 1_700_000_100 });
    mocks.push(mock);
    await handler(widgetEvent(LOGS_PARAMS, { startMs: 1_700_000_000_000, endMs: 1_700_000_100_000 }));
    const html = await handler(widgetEvent(LOGS_PARAMS, { startMs: 1_700_000_000_000, endMs: 1_700_000_100_500 }));
    assert.equal(sim.calls.StartQuery, 6);
    assert.doesNotMatch(html, /\(cached\)/);
  });

  it("renders a configuration error naming the bad environment variable", async () => {
    const { handler } = setup({ CACHE_TTL_SECONDS: "soon" });
    const html = await handler(widgetEvent(LOGS_PARAMS));
    assert.match(html, /Widget function misconfigured/);
    assert.ok(html.includes("CACHE_TTL_SECONDS must be an integer from 0 to 86400, got &quot;soon&quot;"), html);
  });

  describe("with bad params", () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["a missing userField", { logGroupNames: LOG_GROUPS }, "userField"],
      ["a log group name with a space", { logGroupNames: ["/aws/api gateway"], userField: "userId" }, "logGroupNames"],
      ["both names and ARNs", { logGroupNames: LOG_GROUPS, logGroupArns: ["arn:aws:logs:us-east-1:123456789012:log-group:x"], userField: "u" }, "logGroupNames"],
      ["an ARN with a trailing :*", { logGroupArns: ["arn:aws:logs:us-east-1:123456789012:log-group:x:*"], userField: "u" }, "logGroupArns"],
      ["a userField with a pipe", { logGroupNames: LOG_GROUPS, userField: "userId | stats count(*)" }, "userField"],
      ["a filter with a pipe", { logGroupNames: LOG_GROUPS, userField: "u", filter: "a = 1 | stats count(*)" }, "filter"],
      ["a workgroup with a slash", { backend: "athena", workgroup: "a/b", database: "db", table: "t" }, "workgroup"],
      ["an uppercase database", { backend: "athena", workgroup: "wg", database: "Sales", table: "t" }, "database"],
      ["a table with a dot", { backend: "athena", workgroup: "wg", database: "db", table: "x.y" }, "table"],
      ["an unknown backend", { backend: "redshift" }, "backend"],
      ["an unknown param", { logGroupNames: LOG_GROUPS, userField: "u", logGroupName: "x" }, "logGroupName"],
    ];
    for (const [what, params, name] of cases) {
      it(`names the param for ${what}`, async () => {
        const { handler } = setup();
        const logs = mockClient(CloudWatchLogsClient);
        const athena = mockClient(AthenaClient);
        mocks.push(logs, athena);
        const html = await handler(widgetEvent(params));
        assert.match(html, /Bad widget parameter/);
        assert.match(html, new RegExp(`widget param &quot;${name}&quot;`));
        assert.equal(logs.calls().length + athena.calls().length, 0);
      });
    }

    it("names the time range when widgetContext lacks one", async () => {
      const { handler } = setup();
      const html = await handler({ ...LOGS_PARAMS, widgetContext: { theme: "dark" } });
      assert.match(html, /widget param &quot;widgetContext.timeRange&quot;/);
    });
  });

  describe("on the Athena backend", () => {
    const ATHENA_PARAMS = { backend: "athena", workgroup: "api-usage", database: "api_usage", table: "access_logs" };

    function athenaMock(states: string[], extra: { reason?: string } = {}) {
      const mock = mockClient(AthenaClient);
      mocks.push(mock);
      mock.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "exec-1" });
      let poll = 0;
      mock.on(GetQueryExecutionCommand).callsFake(() => {
        const state = states[Math.min(poll++, states.length - 1)];
        return {
          QueryExecution: {
            Status: { State: state, ...(extra.reason ? { AthenaError: { ErrorMessage: extra.reason } } : {}) },
            Statistics: { DataScannedInBytes: 5 * 1024 * 1024, EngineExecutionTimeInMillis: 900 },
          },
        };
      });
      mock.on(AthenaGetQueryResultsCommand).resolves({
        ResultSet: { Rows: [{ Data: [{ VarCharValue: "users" }, { VarCharValue: "events" }] }, { Data: [{ VarCharValue: "1234567" }, { VarCharValue: "98765432" }] }] },
      });
      mock.on(StopQueryExecutionCommand).resolves({});
      return mock;
    }

    it("counts with COUNT(DISTINCT) and passes the range as execution parameters", async () => {
      const { handler } = setup();
      const mock = athenaMock(["QUEUED", "RUNNING", "SUCCEEDED"]);
      const html = await handler(widgetEvent(ATHENA_PARAMS));
      assert.equal(shownNumber(html), "1,234,567");
      assert.match(html, /Athena COUNT\(DISTINCT user_id\)/);
      assert.match(html, /98,765,432/);
      const input = mock.commandCalls(StartQueryExecutionCommand)[0].args[0].input;
      assert.equal(input.WorkGroup, "api-usage");
      assert.deepEqual(input.ExecutionParameters, ["'2023-11-13'", "'2023-11-16'", "'2023-11-14 22:13:20.123'", "'2023-11-15 22:13:20.999'"]);
      assert.match(input.QueryString!, /COUNT\(DISTINCT "user_id"\)/);
      assert.match(input.QueryString!, /FROM "api_usage"\."access_logs"/);
      assert.match(input.QueryString!, /WHERE "dt" BETWEEN \? AND \?/);
      assert.match(input.QueryString!, /"request_time" >= CAST\(\? AS timestamp\) AND "request_time" <= CAST\(\? AS timestamp\)/);
      assert.doesNotMatch(input.QueryString!, /2023/);
    });

    it("takes workgroup, database and table from the environment when the params omit them", async () => {
      const { handler } = setup({ DEFAULT_ATHENA_WORKGROUP: "wg", DEFAULT_ATHENA_DATABASE: "lake", DEFAULT_ATHENA_TABLE: "logs" });
      const mock = athenaMock(["SUCCEEDED"]);
      const html = await handler(widgetEvent({ backend: "athena" }));
      assert.equal(shownNumber(html), "1,234,567");
      const input = mock.commandCalls(StartQueryExecutionCommand)[0].args[0].input;
      assert.equal(input.WorkGroup, "wg");
      assert.match(input.QueryString!, /FROM "lake"\."logs"/);
    });

    for (const state of ["FAILED", "CANCELLED"]) {
      it(`shows Athena's reason when the query ends ${state}`, async () => {
        const { handler } = setup();
        athenaMock(["RUNNING", state], { reason: "TABLE_NOT_FOUND: <access_logs>" });
        const html = await handler(widgetEvent(ATHENA_PARAMS));
        assert.match(html, /Query failed/);
        assert.match(html, /TABLE_NOT_FOUND: &lt;access_logs&gt;/);
      });
    }

    it("stops the Athena query at the deadline", async () => {
      const { handler } = setup({ DEADLINE_SECONDS: "3" });
      const mock = athenaMock(["RUNNING"]);
      const html = await handler(widgetEvent(ATHENA_PARAMS));
      assert.match(html, /Stopped at the deadline/);
      assert.equal(mock.commandCalls(StopQueryExecutionCommand)[0].args[0].input.QueryExecutionId, "exec-1");
    });
  });
});

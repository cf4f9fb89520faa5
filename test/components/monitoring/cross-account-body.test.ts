import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { BodyWidget, DashboardBody } from "../../../components/dashboard/body";
import { buildCrossAccountDashboardBody } from "../../../components/monitoring";
import { DEFAULT_DIMENSION_SETS } from "../../../contracts/functions/api-call-counter";
import { assertOnGridWithoutOverlaps } from "../dashboard/grid";

const GOLDEN = path.join(__dirname, "../../fixtures/monitoring/cross-account-body.golden.json");
const ACCOUNTS = ["111111111111", "222222222222"];
const INPUT = { region: "us-east-1", accountIds: ACCOUNTS, apiCallNamespace: "ApiUsage/CloudTrail", apiCallMetricName: "CallCount" };

/**
 * The dimension sets each metric is published with, from the documentation:
 * - REST: API Gateway Developer Guide, "Amazon API Gateway dimensions and metrics"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html):
 *   {ApiName}, {ApiName, Method, Resource, Stage}, {ApiName, Stage}.
 * - HTTP: "Monitor CloudWatch metrics for HTTP APIs"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html):
 *   {ApiId}, {ApiId, Stage}, {ApiId, Stage, Route}.
 * - WebSocket: "Monitor WebSocket API execution with CloudWatch metrics"
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html):
 *   {ApiId}, {ApiId, Stage}, {ApiId, Method, Resource, Stage}.
 * - Firehose: Amazon Data Firehose Developer Guide, "Data delivery CloudWatch metrics": {DeliveryStreamName}.
 * - The api-call-counter: its own default dimension sets ([] is the total).
 */
const REST = [["ApiName"], ["ApiName", "Method", "Resource", "Stage"], ["ApiName", "Stage"]];
const HTTP = [["ApiId"], ["ApiId", "Stage"], ["ApiId", "Stage", "Route"]];
const WEBSOCKET = [["ApiId"], ["ApiId", "Stage"], ["ApiId", "Method", "Resource", "Stage"]];
const PUBLISHED: Record<string, Record<string, ReadonlyArray<readonly string[]>>> = {
  "AWS/ApiGateway": {
    Count: [...REST, ...HTTP],
    "4XXError": REST,
    "5XXError": REST,
    Latency: [...REST, ...HTTP],
    "4xx": HTTP,
    "5xx": HTTP,
    MessageCount: WEBSOCKET,
    ConnectCount: WEBSOCKET,
    ClientError: WEBSOCKET,
    ExecutionError: WEBSOCKET,
    IntegrationError: WEBSOCKET,
  },
  "AWS/Firehose": { "DeliveryToS3.Success": [["DeliveryStreamName"]] },
  "ApiUsage/CloudTrail": { CallCount: DEFAULT_DIMENSION_SETS },
};

interface Search {
  namespace: string;
  dimensions: string[];
  metricName: string | undefined;
  accounts: string[];
  period: number;
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, "$1");

function searchesIn(expression: string): Search[] {
  return [...expression.matchAll(/SEARCH\('\{([^}]*)\}([^']*)', '([^']+)', (\d+)\)/g)].map((m) => {
    const [namespace, ...dimensions] = m[1].split(",").map(unquote);
    return {
      namespace,
      dimensions,
      metricName: /MetricName="([^"]+)"/.exec(m[2])?.[1],
      accounts: [...m[2].matchAll(/:aws\.AccountId\s*=\s*"([^"]*)"/g)].map((a) => a[1]),
      period: Number(m[4]),
    };
  });
}

function isPublished(s: Pick<Search, "namespace" | "dimensions" | "metricName">): boolean {
  const sets = PUBLISHED[s.namespace]?.[s.metricName ?? ""] ?? [];
  const key = (d: readonly string[]) => [...d].sort().join(",");
  return sets.some((set) => key(set) === key(s.dimensions));
}

const rows = (w: BodyWidget) => (w.type === "metric" ? (w.properties.metrics as unknown[][]) : []);
const optionsOf = (row: unknown[]) => row[row.length - 1] as { expression?: string; accountId?: string };
const expressionsOf = (w: BodyWidget) => rows(w).map((r) => optionsOf(r).expression ?? "");

/** Each metric widget with the account of the segment it sits in (undefined: the fleet segment). */
function widgetsByAccount(body: DashboardBody): Array<{ account: string | undefined; widget: BodyWidget }> {
  let account: string | undefined;
  const out: Array<{ account: string | undefined; widget: BodyWidget }> = [];
  for (const widget of body.widgets) {
    if (widget.type === "text") {
      account = /^## Account (\d+)/.exec(String(widget.properties.markdown))?.[1];
      continue;
    }
    out.push({ account, widget });
  }
  return out;
}

describe("cross-account dashboard body", () => {
  const body = buildCrossAccountDashboardBody(INPUT);

  it("matches the golden body for two linked accounts exactly (UPDATE_GOLDEN=1 rewrites it)", () => {
    const actual = `${JSON.stringify(body, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(path.dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, actual);
    }
    assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE_GOLDEN=1 to write it`);
    assert.equal(actual, readFileSync(GOLDEN, "utf8"));
  });

  it("shows the fleet totals first, then one heading and one row of four graphs per linked account", () => {
    const headings = body.widgets.filter((w) => w.type === "text").map((w) => String(w.properties.markdown).split("\n")[0]);
    assert.deepEqual(headings, ["## All linked accounts", "## Account 111111111111", "## Account 222222222222"]);
    const perAccount = widgetsByAccount(body);
    assert.equal(perAccount.filter((w) => w.account === undefined).length, 6);
    for (const id of ACCOUNTS) assert.equal(perAccount.filter((w) => w.account === id).length, 4, id);
    assert.equal(body.widgets.length, 3 + 6 + 2 * 4);
  });

  it("reads every metric through SEARCH with an exact metric name and the dashboard's period", () => {
    for (const w of body.widgets.filter((x) => x.type === "metric")) {
      for (const expression of expressionsOf(w)) {
        const searches = searchesIn(expression);
        assert.equal(searches.length, 1, `${String(w.properties.title)}: ${expression}`);
        assert.ok(searches[0].metricName !== undefined, expression);
        assert.equal(searches[0].period, 300, expression);
      }
    }
  });

  it("uses in every SEARCH a dimension set API Gateway, Firehose or the counter publishes that metric with", () => {
    const all = body.widgets.flatMap(expressionsOf).flatMap(searchesIn);
    assert.ok(all.length > 0);
    for (const s of all) assert.ok(isPublished(s), `{${[s.namespace, ...s.dimensions].join(",")}} MetricName="${s.metricName}" is not a published schema`);
  });

  it("would refuse the old requests search, whose schema {AWS/ApiGateway} has no published Count", () => {
    assert.equal(isPublished({ namespace: "AWS/ApiGateway", dimensions: [], metricName: "Count" }), false);
    assert.equal(isPublished({ namespace: "AWS/ApiGateway", dimensions: ["ApiId", "Stage"], metricName: "5XXError" }), false);
  });

  it("counts requests of REST and HTTP stages and WebSocket messages, in the fleet and in each account", () => {
    for (const { account, widget } of widgetsByAccount(body).filter((w) => /requests/.test(String(w.widget.properties.title)))) {
      const found = expressionsOf(widget).flatMap(searchesIn).map((s) => `${s.dimensions.join(",")} ${s.metricName}`);
      assert.deepEqual(found, ["ApiName,Stage Count", "ApiId,Stage Count", "ApiId,Stage MessageCount"], String(account));
    }
  });

  it("narrows every search of an account's row to exactly that account, inside the search term", () => {
    for (const { account, widget } of widgetsByAccount(body).filter((w) => w.account !== undefined)) {
      const searches = expressionsOf(widget).flatMap(searchesIn);
      assert.ok(searches.length > 0);
      for (const s of searches) assert.deepEqual(s.accounts, [account], `${String(widget.properties.title)}: ${JSON.stringify(s)}`);
      for (const e of expressionsOf(widget)) assert.ok(e.includes(`:aws.AccountId="${account}"`), e);
    }
  });

  it("puts no account filter on the fleet totals", () => {
    const fleet = widgetsByAccount(body).filter((w) => w.account === undefined);
    assert.equal(fleet.length, 6);
    for (const { widget } of fleet) {
      for (const e of expressionsOf(widget)) assert.ok(!e.includes("aws.AccountId"), e);
    }
  });

  it("never sets accountId on a row whose expression is a SEARCH", () => {
    for (const row of body.widgets.flatMap(rows)) {
      const o = optionsOf(row);
      assert.ok(!(o.accountId !== undefined && o.expression?.includes("SEARCH")), JSON.stringify(row));
    }
  });

  it("counts AWS API calls from the configured namespace and metric, summed per account", () => {
    const calls = widgetsByAccount(body).filter((w) => w.account === "111111111111" && String(w.widget.properties.title).endsWith("AWS API calls"));
    assert.deepEqual(calls.map((c) => expressionsOf(c.widget)), [[`SUM(SEARCH('{ApiUsage/CloudTrail} MetricName="CallCount" :aws.AccountId="111111111111"', 'Sum', 300))`]]);
  });

  it("keeps every widget on the 24-column grid without overlaps", () => {
    assertOnGridWithoutOverlaps(body.widgets);
  });

  it("fills every row across all 24 columns and starts each row where the one above ends", () => {
    const byRow = new Map<number, BodyWidget[]>();
    for (const w of body.widgets) byRow.set(w.y, [...(byRow.get(w.y) ?? []), w]);
    let expectedY = 0;
    for (const y of [...byRow.keys()].sort((a, b) => a - b)) {
      const row = byRow.get(y)!.sort((a, b) => a.x - b.x);
      assert.equal(y, expectedY, `row at y=${y} should start at y=${expectedY}`);
      let x = 0;
      for (const w of row) {
        assert.equal(w.x, x, `gap before x=${w.x} in row y=${y}`);
        assert.equal(w.height, row[0].height, `uneven heights in row y=${y}`);
        x += w.width;
      }
      assert.equal(x, 24, `row y=${y} ends at column ${x}`);
      expectedY = y + row[0].height;
    }
  });

  it("shows only the fleet totals when the sink is open to an organization and no account is listed", () => {
    const org = buildCrossAccountDashboardBody({ ...INPUT, accountIds: [] });
    assert.equal(org.widgets.length, 1 + 6);
    assert.match(String(org.widgets[0].properties.markdown), /every account of the organization/);
  });

  it("refuses an account id that is not 12 digits, since it is written into search terms", () => {
    assert.throws(() => buildCrossAccountDashboardBody({ ...INPUT, accountIds: ["1111\"' OR x"] }), /account id "1111\\"' OR x" is not 12 digits/);
  });

  it("refuses an account listed twice", () => {
    assert.throws(() => buildCrossAccountDashboardBody({ ...INPUT, accountIds: ["111111111111", "111111111111"] }), /account id 111111111111 is listed twice/);
  });

  it("refuses an api-call namespace the source dashboard refuses", () => {
    assert.throws(() => buildCrossAccountDashboardBody({ ...INPUT, apiCallNamespace: "AWS/Lambda" }), /apiCallMetrics.namespace "AWS\/Lambda"/);
  });
});

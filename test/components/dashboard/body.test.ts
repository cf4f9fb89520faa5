import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { planAlarms } from "../../../components/dashboard/alarms";
import { buildDashboardBody, type BodyWidget, type DashboardBody } from "../../../components/dashboard/body";
import { planSegments } from "../../../components/dashboard/plan";
import { ARNS, fixtureModel } from "./fixture";
import { assertOnGridWithoutOverlaps } from "./grid";

const GOLDEN = path.join(__dirname, "../../fixtures/dashboard/body.golden.json");

function fixtureBody(): DashboardBody {
  const model = fixtureModel();
  const alarms = planAlarms(model);
  const alarmArns = alarms.map((a) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${a.alarmName}`);
  const segments = planSegments(model, { functions: { distinctUsersArn: ARNS.distinctUsers, periodComparisonArn: ARNS.periodComparison }, alarms, alarmArns });
  return buildDashboardBody(segments, { region: "eu-west-1", start: "-PT3H", periodSeconds: 300 });
}

const rows = (w: BodyWidget) => w.properties.metrics as unknown[][];
const metricRows = (body: DashboardBody) => body.widgets.filter((w) => w.type === "metric").flatMap(rows).filter((r) => typeof r[0] === "string");
const dims = (row: unknown[]): Record<string, string> => {
  const flat = row.slice(2, -1) as string[];
  return Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]));
};

describe("buildDashboardBody", () => {
  it("matches the golden body exactly (UPDATE_GOLDEN=1 rewrites it)", () => {
    const actual = `${JSON.stringify(fixtureBody(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, actual);
    assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE_GOLDEN=1 to write it`);
    assert.equal(actual, readFileSync(GOLDEN, "utf8"));
  });

  it("keeps every widget inside the 24 columns and never overlaps two widgets", () => {
    const body = fixtureBody();
    assertOnGridWithoutOverlaps(body.widgets);
  });

  it("keys REST metrics by ApiName and Stage, HTTP and WebSocket metrics by ApiId and Stage, all of configured APIs", () => {
    const model = fixtureModel();
    const gateway = metricRows(fixtureBody()).filter((r) => r[0] === "AWS/ApiGateway");
    assert.ok(gateway.length > 0);
    for (const row of gateway) {
      const d = dims(row);
      if ("ApiName" in d) {
        assert.deepEqual(Object.keys(d), ["ApiName", "Stage"]);
        assert.ok(model.apis.some((a) => a.type === "REST" && a.apiName === d.ApiName && a.stage === d.Stage), JSON.stringify(row));
      } else {
        assert.deepEqual(Object.keys(d), ["ApiId", "Stage"]);
        assert.ok(model.apis.some((a) => a.type !== "REST" && a.apiId === d.ApiId && a.stage === d.Stage), JSON.stringify(row));
      }
    }
  });

  it("uses each API type's own metric names", () => {
    const names = (key: string, value: string) =>
      new Set(metricRows(fixtureBody()).filter((r) => r[0] === "AWS/ApiGateway" && dims(r)[key] === value).map((r) => r[1]));
    assert.deepEqual([...names("ApiName", "orders-api")].sort(), ["4XXError", "5XXError", "CacheHitCount", "CacheMissCount", "Count", "IntegrationLatency", "Latency"]);
    assert.deepEqual([...names("ApiId", "f6g7h8i9j0")].sort(), ["4xx", "5xx", "Count", "DataProcessed", "IntegrationLatency", "Latency"]);
    assert.deepEqual([...names("ApiId", "k1l2m3n4o5")].sort(), ["ClientError", "ConnectCount", "ExecutionError", "IntegrationError", "IntegrationLatency", "MessageCount"]);
  });

  it("draws latency p50, p90 and p99 for every API", () => {
    const stats = (row: unknown[]) => (row[row.length - 1] as { stat: string }).stat;
    for (const [key, value] of [["ApiName", "orders-api"], ["ApiId", "f6g7h8i9j0"], ["ApiId", "k1l2m3n4o5"]]) {
      const latency = metricRows(fixtureBody()).filter((r) => dims(r)[key] === value && String(r[1]).endsWith("Latency")).map(stats);
      for (const p of ["p50", "p90", "p99"]) assert.ok(latency.includes(p), `${value} lacks ${p}`);
    }
  });

  it("points every Logs Insights widget at log groups of the configured APIs or the enricher", () => {
    const model = fixtureModel();
    const allowed = new Set([...model.apis.flatMap((a) => (a.logGroupName ? [a.logGroupName] : [])), model.enricherLogGroupName]);
    const logs = fixtureBody().widgets.filter((w) => w.type === "log");
    assert.equal(logs.length, 2 * 4 + 1 + 1, "5 per HTTP API, 4 per WebSocket API, 1 for the enricher");
    for (const w of logs) {
      const sources = [...String(w.properties.query).matchAll(/SOURCE '([^']+)'/g)].map((m) => m[1]);
      assert.ok(sources.length > 0);
      for (const s of sources) assert.ok(allowed.has(s), `${s} is not a configured log group`);
    }
  });

  it("adds no Logs Insights widget for an API whose logs go to Firehose", () => {
    const titles = fixtureBody().widgets.filter((w) => w.type === "log").map((w) => String(w.properties.title));
    assert.ok(!titles.some((t) => t.startsWith("orders")));
  });

  it("wires one distinct-users widget on the whole data lake and one per API (its log group, or its rows of the data lake), by function ARN", () => {
    const custom = fixtureBody().widgets.filter((w) => w.type === "custom" && w.properties.endpoint === ARNS.distinctUsers);
    assert.deepEqual(
      custom.map((w) => w.properties.params),
      [
        { backend: "athena", workgroup: "api-usage", database: "api_usage", table: "access_logs" },
        { backend: "athena", workgroup: "api-usage", database: "api_usage", table: "access_logs", apiId: "a1b2c3d4e5", stage: "prod" },
        { backend: "logs", logGroupNames: ["/aws/apigateway/billing"], userField: "claimsSub" },
        { backend: "logs", logGroupNames: ["/aws/apigateway/chat"], userField: "principalId" },
      ],
    );
  });

  it("compares requests and errors of every API with 1 and 7 days earlier", () => {
    const widgets = fixtureBody().widgets.filter((w) => w.type === "custom" && w.properties.endpoint === ARNS.periodComparison);
    assert.equal(widgets.length, 3);
    const orders = widgets[0].properties.params as { metrics: Array<{ metricName: string; dimensions: Record<string, string> }> };
    assert.deepEqual(orders.metrics.map((m) => m.metricName), ["Count", "4XXError", "5XXError"]);
    assert.deepEqual(orders.metrics[0].dimensions, { ApiName: "orders-api", Stage: "prod" });
  });

  it("draws each alarm's threshold on the graph it watches", () => {
    const annotated = fixtureBody().widgets.flatMap((w) => ((w.properties.annotations as { horizontal: Array<{ label: string; value: number }> } | undefined)?.horizontal ?? []));
    const labels = annotated.map((a) => a.label);
    for (const name of ["usage-orders-5xx-rate", "usage-orders-p90-latency", "usage-chat-quota-exceeded", "usage-firehose-delivery-failures", "usage-firehose-freshness"]) {
      assert.ok(labels.some((l) => l === `Alarm ${name}` || l.startsWith(`Alarm ${name} (`)), `no line for ${name}`);
    }
    assert.equal(annotated.find((a) => a.label === "Alarm usage-orders-p90-latency")?.value, 1500);
  });

  it("shows every alarm in the alarm status widget", () => {
    const status = fixtureBody().widgets.filter((w) => w.type === "alarm");
    assert.equal(status.length, 1);
    assert.equal((status[0].properties.alarms as string[]).length, planAlarms(fixtureModel()).length);
  });

  it("reads the api-call-counter's metric with SEARCH for top calls, errors by code and throttling", () => {
    const expressions = fixtureBody().widgets.flatMap(rows_).map((r) => (r[0] as { expression?: string }).expression).filter((e): e is string => typeof e === "string" && e.includes("SEARCH"));
    assert.deepEqual(expressions, [
      `SORT(SEARCH('{ApiUsage/CloudTrail,EventSource,EventName} MetricName="CallCount"', 'Sum', 300), SUM, DESC, 10)`,
      `SORT(SEARCH('{ApiUsage/CloudTrail,EventSource,ErrorCode} MetricName="CallCount" NOT ErrorCode="None"', 'Sum', 300), SUM, DESC, 10)`,
      `SEARCH('{ApiUsage/CloudTrail,EventSource,ErrorCode} MetricName="CallCount" (ErrorCode="ThrottlingException" OR ErrorCode="Throttling" OR ErrorCode="RequestLimitExceeded" OR ErrorCode="TooManyRequestsException")', 'Sum', 300)`,
    ]);
  });

  it("graphs errors, throttles and duration for every function of the stack", () => {
    const lambda = metricRows(fixtureBody()).filter((r) => r[0] === "AWS/Lambda");
    for (const fn of ["usage-enricher", "usage-api-call-counter"]) {
      assert.deepEqual(lambda.filter((r) => r[3] === fn).map((r) => r[1]).sort(), ["Duration", "Errors", "Throttles"]);
    }
  });

  it("fails naming the widget when two series share an id", () => {
    assert.throws(
      () =>
        buildDashboardBody(
          [{ title: "s", widgets: [{ type: "graph", title: "dup", width: 8, height: 6, series: [{ kind: "expression", id: "a", expression: "1", label: "" }, { kind: "expression", id: "a", expression: "2", label: "" }] }] }],
          { region: "eu-west-1", start: "-PT3H", periodSeconds: 300 },
        ),
      /widget "dup": metric id a is used twice/,
    );
  });
});

function rows_(w: BodyWidget): unknown[][] {
  return w.type === "metric" ? rows(w) : [];
}

describe("dashboard metrics outside API Gateway", () => {
  it("reads only the configured Firehose stream and the configured functions", () => {
    const model = fixtureModel();
    for (const row of metricRows(fixtureBody())) {
      if (row[0] === "AWS/Firehose") assert.deepEqual(dims(row), { DeliveryStreamName: model.firehoseStreamName });
      if (row[0] === "AWS/Lambda") assert.ok(model.functionNames.includes(dims(row).FunctionName), JSON.stringify(row));
    }
  });

  it("graphs the CloudWatch Logs stream beside the REST one, in the same four graphs, labelled with its path", () => {
    const model = fixtureModel({ cloudWatchLogsStreamName: "apigateway-usage-cwlogs" });
    const alarms = planAlarms(model);
    const segments = planSegments(model, { functions: { distinctUsersArn: ARNS.distinctUsers, periodComparisonArn: ARNS.periodComparison }, alarms, alarmArns: alarms.map((a) => a.alarmName) });
    const body = buildDashboardBody(segments, { region: "eu-west-1", start: "-PT3H", periodSeconds: 300 });
    const firehoseWidgets = body.widgets.filter((w) => w.type === "metric" && rows(w).some((r) => r[0] === "AWS/Firehose"));
    assert.equal(firehoseWidgets.length, 4);
    for (const w of firehoseWidgets) {
      const streams = rows(w).filter((r) => r[0] === "AWS/Firehose").map((r) => dims(r).DeliveryStreamName);
      assert.deepEqual([...new Set(streams)], ["amazon-apigateway-usage", "apigateway-usage-cwlogs"], String(w.properties.title));
      const labels = rows(w).filter((r) => dims(r).DeliveryStreamName === "apigateway-usage-cwlogs").map((r) => (r[r.length - 1] as { label: string }).label);
      assert.ok(labels.every((l) => l.endsWith(" (CloudWatch Logs path)")), labels.join(", "));
    }
  });

  it("graphs the Firehose delivery, freshness and processing metrics by their documented names", () => {
    const names = new Set(metricRows(fixtureBody()).filter((r) => r[0] === "AWS/Firehose").map((r) => r[1]));
    assert.deepEqual([...names].sort(), ["DeliveryToS3.DataFreshness", "DeliveryToS3.Records", "DeliveryToS3.Success", "ExecuteProcessing.Success", "IncomingRecords", "SucceedProcessing.Records"]);
  });
});

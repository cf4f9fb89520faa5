/** The overview row a person reads first: all APIs, then each API, over the selected range, without gaps. */
import assert from "node:assert/strict";
import { planAlarms } from "../../../components/dashboard/alarms";
import { buildDashboardBody, GRID_COLUMNS, type BodyWidget } from "../../../components/dashboard/body";
import { planSegments } from "../../../components/dashboard/plan";
import { comparisonHeight } from "../../../components/dashboard/segments/api";
import { ARNS, fixtureModel } from "./fixture";

function body() {
  const model = fixtureModel();
  const alarms = planAlarms(model);
  const segments = planSegments(model, { functions: { distinctUsersArn: ARNS.distinctUsers, periodComparisonArn: ARNS.periodComparison }, alarms, alarmArns: alarms.map((a) => `arn:${a.key}`) });
  return buildDashboardBody(segments, { region: model.region, start: "-PT3H", periodSeconds: 300 }).widgets;
}

/** Widgets above the first alarm status widget, grouped by row. */
function overviewRows(widgets: BodyWidget[]): BodyWidget[][] {
  const end = widgets.findIndex((w) => w.type === "alarm");
  const rows = new Map<number, BodyWidget[]>();
  for (const w of widgets.slice(0, end)) rows.set(w.y, [...(rows.get(w.y) ?? []), w]);
  return [...rows.values()];
}

describe("the dashboard's overview", () => {
  it("comes first: all APIs, then one row per API, then the alarms", () => {
    const titles = overviewRows(body()).map((row) => row.map((w) => String(w.properties.title ?? w.properties.markdown).split("\n")[0]));
    assert.deepEqual(titles, [
      ["## Overview"],
      ["All APIs: selected range", "All APIs: distinct users (exact, data lake)"],
      ["orders (REST): selected range", "orders: distinct users (exact, data lake)"],
      ["billing (HTTP): selected range", "billing: distinct users (exact)"],
      ["chat (WEBSOCKET): selected range", "chat: distinct users (exact)"],
    ]);
  });

  it("fills every one of its rows to 24 columns", () => {
    for (const row of overviewRows(body())) {
      assert.equal(row.reduce((sum, w) => sum + w.width, 0), GRID_COLUMNS, JSON.stringify(row.map((w) => w.properties.title)));
    }
  });

  it("shows requests, 4xx and 5xx rates and p90 latency as single values over the whole selected range", () => {
    const summaries = overviewRows(body()).flat().filter((w) => w.type === "metric");
    assert.equal(summaries.length, 4);
    for (const w of summaries) {
      assert.equal(w.properties.view, "singleValue");
      assert.equal(w.properties.setPeriodToTimeRange, true);
      const visible = (w.properties.metrics as unknown[][]).map((row) => row[row.length - 1] as { label: string; visible?: boolean }).filter((o) => o.visible !== false);
      assert.deepEqual(visible.map((o) => o.label.replace("Worst ", "")), ["Requests", "4xx rate (%)", "5xx rate (%)", "p90 latency (ms)"]);
    }
  });

  it("adds the requests of every API for the all-APIs total, treating a missing point as zero", () => {
    const all = body().find((w) => w.properties.title === "All APIs: selected range")!;
    const total = (all.properties.metrics as Array<[{ id: string; expression?: string }]>).find((row) => row[0].id === "total_requests")![0];
    assert.equal(total.expression, "FILL(requests_0, 0) + FILL(requests_1, 0) + FILL(messages_2, 0)");
  });

  it("titles the period comparison by what it compares: the selected range", () => {
    const titles = body().filter((w) => w.properties.endpoint === ARNS.periodComparison).map((w) => w.properties.title);
    assert.deepEqual(titles, ["orders", "billing", "chat"].map((api) => `${api}: requests and errors, selected range vs 1 day and 7 days earlier`));
  });

  it("fills the last row of an API without usage plans with its comparison", () => {
    const billing = body().find((w) => w.properties.title === "billing: requests and errors, selected range vs 1 day and 7 days earlier")!;
    assert.equal(billing.width, GRID_COLUMNS);
  });
});

describe("segment rows", () => {
  it("leave no gap in any row of the dashboard, the last row of each segment included", () => {
    const rows = new Map<number, number>();
    for (const w of body()) rows.set(w.y, (rows.get(w.y) ?? 0) + w.width);
    assert.deepEqual([...rows].filter(([, width]) => width !== GRID_COLUMNS), []);
  });
});

describe("the period comparison's height", () => {
  it("grows with its metrics so the table and every chart fit", () => {
    assert.deepEqual([1, 3, 4].map(comparisonHeight), [5, 10, 13]);
    const chat = body().find((w) => w.properties.title === "chat: requests and errors, selected range vs 1 day and 7 days earlier")!;
    assert.equal(chat.height, comparisonHeight(4));
  });
});

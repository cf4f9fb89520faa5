/**
 * Days selected across midnight, on a real SQL engine (DuckDB) over rows the enricher wrote: the
 * named queries, the Athena distinct-users widget and the QuickSight dataset's lookback each count
 * exactly the requests and users of the days asked for, although one record crossed midnight.
 */
import assert from "node:assert/strict";
import { namedQueries } from "../../components/access-log-pipeline/named-queries";
import { buildDatasetSql } from "../../components/quicksight/dataset-sql";
import { buildAthenaQuery } from "../../functions/distinct-users-widget/count-athena";
import type { AthenaParams } from "../../functions/distinct-users-widget/params";
import { AthenaOnDuckDb, type FiledRow } from "./athena-on-duckdb";
import { DAY_1, DAY_2, dayBoundsMs, enrichedRows, truthPerDay } from "./lake-fixture";

const DATABASE = "api_usage";
const TABLE = "access_logs";
const quoted = (day: string) => `'${day}'`;
const perDay = namedQueries(DATABASE, TABLE).find((q) => q.key === "distinct-users-per-day")!.query;
const widgetParams: AthenaParams = {
  backend: "athena",
  workgroup: "api-usage",
  database: DATABASE,
  table: TABLE,
  userColumn: "user_id",
  timeColumn: "request_time",
  partitionColumn: "dt",
};

describe("day selection across midnight, run on DuckDB over the enricher's rows", () => {
  let rows: FiledRow[];
  let lake: AthenaOnDuckDb;
  const truth = truthPerDay();
  const users = (day: string) => truth.get(day)!.users.size;
  const requests = (day: string) => truth.get(day)!.requests;

  before(async () => {
    rows = await enrichedRows();
    lake = await AthenaOnDuckDb.withRows(DATABASE, TABLE, rows);
  });

  it("files the crossing envelope's day-2 requests under dt=day 1 (the case the queries must survive)", () => {
    const misfiled = rows.filter((r) => r.dt === DAY_1 && String(r.row.request_time).startsWith(DAY_2));
    assert.equal(misfiled.length, 25);
  });

  it("counts users and requests per request day exactly with the distinct-users-per-day query", async () => {
    const result = await lake.query(perDay, [DAY_1, DAY_2, DAY_1, DAY_2].map(quoted));
    assert.deepEqual(result, [
      { day: DAY_1, distinct_users: String(users(DAY_1)), requests: String(requests(DAY_1)) },
      { day: DAY_2, distinct_users: String(users(DAY_2)), requests: String(requests(DAY_2)) },
    ]);
    assert.deepEqual([users(DAY_1), users(DAY_2)], [57, 47]);
  });

  it("counts the day after midnight exactly when it is asked for alone", async () => {
    const result = await lake.query(perDay, [DAY_2, DAY_2, DAY_2, DAY_2].map(quoted));
    assert.deepEqual(result, [{ day: DAY_2, distinct_users: String(users(DAY_2)), requests: String(requests(DAY_2)) }]);
  });

  it("runs every named query on the engine with four quoted dates, and counts one day's requests by route exactly", async () => {
    for (const q of namedQueries(DATABASE, TABLE)) await lake.query(q.query, [DAY_1, DAY_1, DAY_1, DAY_1].map(quoted));
    const routes = namedQueries(DATABASE, TABLE).find((q) => q.key === "requests-by-route")!.query;
    const [byRoute] = await lake.query(routes, [DAY_1, DAY_1, DAY_1, DAY_1].map(quoted));
    assert.equal(byRoute.requests, String(requests(DAY_1)));
  });

  it("gives the Athena widget the exact users of one day and of a range over midnight", async () => {
    for (const [range, expected] of [
      [dayBoundsMs(DAY_2), users(DAY_2)],
      [dayBoundsMs(DAY_1), users(DAY_1)],
      [{ startMs: dayBoundsMs(DAY_1).startMs, endMs: dayBoundsMs(DAY_2).endMs }, new Set([...truth.get(DAY_1)!.users, ...truth.get(DAY_2)!.users]).size],
    ] as const) {
      const { sql, parameters } = buildAthenaQuery(widgetParams, { ...range, zoomed: false });
      const [result] = await lake.query(sql, parameters);
      assert.equal(result.users, String(expected));
    }
  });

  it("keeps exactly the last day's requests in the QuickSight dataset with a one-day lookback", async () => {
    const { sql } = buildDatasetSql({ database: DATABASE, table: TABLE, lookbackDays: 1 });
    // The dataset reads relative to today; the engine's today is fixed to the fixture's second day.
    const asOfDay2 = sql.replace(/current_date/g, `DATE '${DAY_2}'`);
    const [result] = await lake.query(
      `SELECT count(*) AS requests, count(DISTINCT CASE WHEN trim(user_id) <> '' THEN user_id END) AS users, min(CAST(request_date AS varchar)) AS first_day FROM (${asOfDay2}) AS d`,
    );
    assert.deepEqual(result, { requests: String(requests(DAY_2)), users: String(users(DAY_2)), first_day: DAY_2 });
  });
});

describe("the Athena widget narrowed to one API stage", () => {
  it("counts only that stage's users, exactly, across midnight", async () => {
    const rows = await enrichedRows();
    // A second API's copy of every row: the data lake holds every API's access logs.
    const other = rows.map(({ row, dt }) => ({ row: { ...row, api_id: "o7t7h8e9r0", request_id: `other-${String(row.request_id)}` }, dt }));
    const lake = await AthenaOnDuckDb.withRows(DATABASE, TABLE, [...rows, ...other]);
    const params: AthenaParams = { ...widgetParams, apiId: "h7t7p9api1", stage: "$default" };
    const { sql, parameters } = buildAthenaQuery(params, { ...dayBoundsMs(DAY_2), zoomed: false });
    const [result] = await lake.query(sql, parameters);
    assert.deepEqual([result.users, result.events], [String(truthPerDay().get(DAY_2)!.users.size), String(truthPerDay().get(DAY_2)!.requestsWithUser)]);
  });
});


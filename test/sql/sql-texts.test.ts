/**
 * Every SQL text the project sends to Athena (the named queries, the QuickSight dataset's custom
 * SQL, the distinct-users widget's query) parses with Trino's grammar and names only columns of
 * the Glue table (contracts/data-lake.ts) or aliases it defines itself.
 */
import assert from "node:assert/strict";
import { namedQueries } from "../../components/access-log-pipeline/named-queries";
import { buildDatasetSql } from "../../components/quicksight/dataset-sql";
import { ACCESS_LOG_COLUMNS, PARTITION_KEYS } from "../../contracts/data-lake";
import { buildAthenaQuery } from "../../functions/distinct-users-widget/count-athena";
import { parseWidgetParams } from "../../functions/distinct-users-widget/params";
import { columnNamesOf, trinoSyntaxErrors } from "./trino-parser";

const GLUE_COLUMNS = new Set<string>([...ACCESS_LOG_COLUMNS, ...PARTITION_KEYS].map((c) => c.name));

const widgetParams = parseWidgetParams({ backend: "athena" }, { workgroup: "api-usage", database: "api_usage", table: "access_logs" });
if (widgetParams.backend !== "athena") throw new Error("expected the Athena backend");

const SQL_TEXTS: Array<{ name: string; sql: string }> = [
  ...namedQueries("api_usage", "access_logs").map((q) => ({ name: `named query ${q.key}`, sql: q.query })),
  ...([90, 1, "all"] as const).map((lookbackDays) => ({ name: `QuickSight dataset, lookback ${lookbackDays}`, sql: buildDatasetSql({ database: "api_usage", table: "access_logs", lookbackDays }).sql })),
  { name: "distinct-users widget, Athena", sql: buildAthenaQuery(widgetParams, { startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 10, 2) - 1, zoomed: false }).sql },
  {
    name: "distinct-users widget, Athena, one API stage",
    sql: buildAthenaQuery({ ...widgetParams, apiId: "a1b2c3d4e5", stage: "$default" }, { startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 10, 2) - 1, zoomed: false }).sql,
  },
];

describe("every SQL text sent to Athena", () => {
  it("covers the seven named queries, three dataset lookbacks and the widget's two query shapes", () => {
    assert.equal(SQL_TEXTS.length, 12);
  });

  for (const { name, sql } of SQL_TEXTS) {
    it(`${name} parses as Trino SQL`, () => {
      assert.deepEqual(trinoSyntaxErrors(sql), []);
    });

    it(`${name} names only columns of the Glue table or its own aliases`, () => {
      const { columns, aliases } = columnNamesOf(sql);
      assert.ok(columns.length > 0, "found no column at all");
      assert.deepEqual(columns.filter((c) => !GLUE_COLUMNS.has(c) && !aliases.has(c)), []);
    });
  }

  it("the checker catches a misspelt column and a syntax error", () => {
    assert.deepEqual(columnNamesOf(`SELECT user_ide FROM "a"."b" WHERE dt = ?`).columns, ["user_ide", "dt"]);
    assert.notDeepEqual(trinoSyntaxErrors(`SELECT count(DISTINCT user_id FROM "a"."b"`), []);
  });
});

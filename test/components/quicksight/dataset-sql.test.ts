import assert from "node:assert/strict";
import { buildDatasetSql, DATASET_COLUMNS, DERIVED_COLUMNS } from "../../../components/quicksight/dataset-sql";
import { ACCESS_LOG_COLUMNS } from "../../../contracts/data-lake";

/** The output column names of the SELECT list, in order. */
function selectedNames(sql: string): string[] {
  const select = sql.slice(sql.indexOf("SELECT") + "SELECT".length, sql.indexOf("\nFROM "));
  return select.split(",\n").map((item) => {
    const alias = /AS "([a-z0-9_]+)"\s*$/.exec(item) ?? /^\s*"([a-z0-9_]+)"\s*$/.exec(item);
    assert.ok(alias, `select item without a plain column or alias: ${item}`);
    return alias[1]!;
  });
}

describe("the QuickSight dataset SQL", () => {
  it("outputs every Glue column of the access-log schema, then the derived columns", () => {
    assert.deepEqual(
      DATASET_COLUMNS.map((c) => c.name),
      [...ACCESS_LOG_COLUMNS.map((c) => c.name), ...DERIVED_COLUMNS.map((c) => c.name)],
    );
  });

  it("maps Hive types to QuickSight types once: ints and bigints to INTEGER, timestamps to DATETIME", () => {
    const typeOf = new Map(DATASET_COLUMNS.map((c) => [c.name, c.type]));
    assert.equal(typeOf.get("status"), "INTEGER");
    assert.equal(typeOf.get("response_length"), "INTEGER");
    assert.equal(typeOf.get("request_time"), "DATETIME");
    assert.equal(typeOf.get("request_date"), "DATETIME");
    assert.equal(typeOf.get("domain_name"), "STRING");
    assert.equal(typeOf.get("status_code"), "STRING");
  });

  it("selects exactly the declared output columns, in order, each once", () => {
    const { sql, columns } = buildDatasetSql({ database: "usage_db", table: "access_logs" });
    assert.deepEqual(selectedNames(sql), columns.map((c) => c.name));
  });

  it("reads the named Glue table", () => {
    const { sql } = buildDatasetSql({ database: "usage_db", table: "access_logs" });
    assert.match(sql, /\nFROM "usage_db"\."access_logs"\n/);
  });

  it("derives the request date from the request's own time, not from the dt partition a batch was filed under", () => {
    const requestDate = DERIVED_COLUMNS.find((c) => c.name === "request_date");
    assert.equal(requestDate?.sql, `CAST("request_time" AS date)`);
  });

  it("by default reads the last 90 days: partitions one day wider, compared as dt strings, rows by request day", () => {
    const { sql } = buildDatasetSql({ database: "usage_db", table: "access_logs" });
    assert.match(sql, /\nWHERE "dt" >= date_format\(date_add\('day', -90, current_date\), '%Y-%m-%d'\)\n {2}AND CAST\("request_time" AS date\) >= date_add\('day', -89, current_date\)$/);
  });

  it("reads the configured number of days, today included", () => {
    const { sql } = buildDatasetSql({ database: "usage_db", table: "access_logs", lookbackDays: 1 });
    assert.match(sql, /CAST\("request_time" AS date\) >= date_add\('day', -0, current_date\)/);
  });

  it("reads every partition when the lookback is all", () => {
    const { sql } = buildDatasetSql({ database: "usage_db", table: "access_logs", lookbackDays: "all" });
    assert.doesNotMatch(sql, /WHERE/);
  });

  it("rejects a lookback that is not a whole number of days, naming the key and the value", () => {
    for (const lookbackDays of [0, -3, 1.5, 3651]) {
      assert.throws(
        () => buildDatasetSql({ database: "usage_db", table: "access_logs", lookbackDays }),
        new RegExp(`lookbackDays is ${lookbackDays}; expected an integer from 1 to 3650, or "all"`),
      );
    }
  });

  it("rejects a table name that could break out of the quoted identifier", () => {
    assert.throws(
      () => buildDatasetSql({ database: "usage_db", table: 'logs" --' }),
      /table is "logs\\" --"; expected a Glue name of lowercase letters, digits and underscores/,
    );
  });

  it("rejects an empty database name", () => {
    assert.throws(() => buildDatasetSql({ database: "", table: "access_logs" }), /database is ""; expected a Glue name/);
  });
});

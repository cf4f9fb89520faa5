/**
 * A real SQL engine for the project's Athena SQL: DuckDB in-process, with the access-log table
 * built from contracts/data-lake.ts and filled with rows the enricher wrote, plus the `dt`
 * partition each row's record was filed under. Trino functions DuckDB lacks are defined as macros
 * with Trino's meaning (date_format with %Y-%m-%d, date_add('day', n, date), approx_percentile as
 * an exact percentile); everything
 * else runs as written. Parameters are substituted as Athena does: each `?` becomes the literal
 * text given, so an unquoted date is read as arithmetic, as Athena reads it.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { ACCESS_LOG_COLUMNS, type GlueType } from "../../contracts/data-lake";

const DUCK_TYPE: Record<GlueType, string> = { string: "VARCHAR", int: "INTEGER", bigint: "BIGINT", double: "DOUBLE", timestamp: "TIMESTAMP" };

export interface FiledRow {
  row: Record<string, unknown>;
  dt: string;
}

export class AthenaOnDuckDb {
  private constructor(private readonly connection: DuckDBConnection) {}

  static async withRows(database: string, table: string, rows: readonly FiledRow[]): Promise<AthenaOnDuckDb> {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const columns = [...ACCESS_LOG_COLUMNS.map((c) => `"${c.name}" ${DUCK_TYPE[c.type]}`), `"dt" VARCHAR`];
    for (const sql of [
      `CREATE SCHEMA "${database}"`,
      `CREATE TABLE "${database}"."${table}" (${columns.join(", ")})`,
      `CREATE MACRO date_format(d, f) AS CASE WHEN f = '%Y-%m-%d' THEN strftime(CAST(d AS date), f) ELSE error('date_format: only %Y-%m-%d is modelled') END`,
      `CREATE MACRO approx_percentile(x, p) AS quantile_disc(x, p)`,
      `CREATE MACRO date_add(unit, n, d) AS CASE WHEN unit = 'day' THEN CAST(d AS date) + CAST(n AS INTEGER) ELSE error('date_add: only day is modelled') END`,
    ]) {
      await connection.run(sql);
    }
    const placeholders = [...ACCESS_LOG_COLUMNS.map((c) => (c.type === "timestamp" ? "CAST(? AS TIMESTAMP)" : "?")), "?"];
    const insert = await connection.prepare(`INSERT INTO "${database}"."${table}" VALUES (${placeholders.join(", ")})`);
    for (const { row, dt } of rows) {
      const values = [...ACCESS_LOG_COLUMNS.map((c) => row[c.name] ?? null), dt] as Array<string | number | null>;
      insert.bind(values.map((v) => (typeof v === "number" ? String(v) : v)));
      await insert.run();
    }
    return new AthenaOnDuckDb(connection);
  }

  /** Runs one query with Athena execution parameters (SQL literals, in `?` order). */
  async query(sql: string, parameters: readonly string[] = []): Promise<Array<Record<string, unknown>>> {
    const marks = sql.split("?").length - 1;
    if (marks !== parameters.length) throw new Error(`the query has ${marks} parameters, ${parameters.length} given`);
    let i = 0;
    const text = sql.replace(/\?/g, () => parameters[i++]);
    const reader = await this.connection.runAndReadAll(text);
    return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
  }
}

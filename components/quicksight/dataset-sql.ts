import type { InputColumnDataType } from "@aws-sdk/client-quicksight";
import { ACCESS_LOG_COLUMNS, type ColumnName, type GlueType } from "../../contracts/data-lake";
import { PARTITION_SLACK_DAYS } from "../../contracts/day-window";

/**
 * The QuickSight dataset's custom SQL over the access-log Glue table, and the columns it outputs.
 * Types are cast once here (the partition `dt` becomes a DATE, the status code a label), so no
 * visual or calculated field has to parse strings on every load.
 */

/** Columns the SQL derives from the table's columns and partitions. */
export const DERIVED_COLUMNS = [
  {
    name: "request_date",
    type: "DATETIME",
    sql: `CAST("request_time" AS date)`,
    comment: "the request's own UTC day (not dt: a batch crossing midnight is filed under one day's partition)",
  },
  { name: "status_code", type: "STRING", sql: `CAST("status" AS varchar)`, comment: "the status as text, for list filters" },
  {
    name: "status_class",
    type: "STRING",
    sql: `CASE WHEN "status" BETWEEN 100 AND 599 THEN CAST("status" / 100 AS varchar) || 'xx' ELSE 'unknown' END`,
    comment: "1xx..5xx, or unknown when the status is missing",
  },
] as const satisfies readonly { name: string; type: InputColumnDataType; sql: string; comment: string }[];

export type DerivedColumnName = (typeof DERIVED_COLUMNS)[number]["name"];
export type DatasetColumnName = ColumnName | DerivedColumnName;

export interface DatasetColumn {
  readonly name: DatasetColumnName;
  readonly type: InputColumnDataType;
}

const QUICKSIGHT_TYPE_OF: Record<GlueType, InputColumnDataType> = {
  string: "STRING",
  int: "INTEGER",
  bigint: "INTEGER",
  double: "DECIMAL",
  timestamp: "DATETIME",
};

/** The dataset's output columns, in SQL order: every Glue column, then the derived ones. */
export const DATASET_COLUMNS: readonly DatasetColumn[] = [
  ...ACCESS_LOG_COLUMNS.map((c) => ({ name: c.name, type: QUICKSIGHT_TYPE_OF[c.type] })),
  ...DERIVED_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
];

export const DEFAULT_LOOKBACK_DAYS = 90;
const MAX_LOOKBACK_DAYS = 3650;

export interface DatasetSqlOptions {
  /** Glue database holding the access-log table. */
  readonly database: string;
  /** Glue table written by the access-log pipeline. */
  readonly table: string;
  /**
   * Only requests of the last N days (UTC, today included): the `dt` partition string is compared
   * one day wider (so Athena prunes, and a batch filed under the day before still counts) and the
   * request's own day selects the rows. SPICE imports hold exactly this window; for DIRECT_QUERY
   * it caps what any dashboard query can scan. `"all"` reads every partition.
   */
  readonly lookbackDays?: number | "all";
}

export interface DatasetSql {
  readonly sql: string;
  readonly columns: readonly DatasetColumn[];
}

const GLUE_NAME = /^[a-z0-9_]{1,255}$/;

function requireGlueName(key: string, value: string): string {
  if (!GLUE_NAME.test(value)) {
    throw new Error(`${key} is ${JSON.stringify(value)}; expected a Glue name of lowercase letters, digits and underscores (1-255 characters)`);
  }
  return value;
}

function lookbackPredicate(lookbackDays: number | "all"): string | undefined {
  if (lookbackDays === "all") return undefined;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
    throw new Error(`lookbackDays is ${JSON.stringify(lookbackDays)}; expected an integer from 1 to ${MAX_LOOKBACK_DAYS}, or "all"`);
  }
  // N days including today: the oldest day kept is today - (N - 1); its rows may sit one partition earlier.
  const oldestDay = `date_add('day', -${lookbackDays - 1}, current_date)`;
  return [
    `"dt" >= date_format(date_add('day', -${lookbackDays - 1 + PARTITION_SLACK_DAYS}, current_date), '%Y-%m-%d')`,
    `  AND CAST("request_time" AS date) >= ${oldestDay}`,
  ].join("\n");
}

export function buildDatasetSql(options: DatasetSqlOptions): DatasetSql {
  const database = requireGlueName("database", options.database);
  const table = requireGlueName("table", options.table);
  const predicate = lookbackPredicate(options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS);
  const select = [
    ...ACCESS_LOG_COLUMNS.map((c) => `"${c.name}"`),
    ...DERIVED_COLUMNS.map((c) => `${c.sql} AS "${c.name}"`),
  ];
  const lines = [`SELECT`, select.map((s) => `  ${s}`).join(",\n"), `FROM "${database}"."${table}"`];
  if (predicate !== undefined) lines.push(`WHERE ${predicate}`);
  return { sql: lines.join("\n"), columns: DATASET_COLUMNS };
}

/**
 * Exact distinct users over the data lake: `COUNT(DISTINCT user)` in Athena, pruned to the `dt`
 * partitions of the range widened by a day each side (contracts/day-window.ts) and bounded
 * exactly on the timestamp column, optionally to one API stage. Only identifiers that passed
 * validation are written into the SQL; every value goes in as an execution parameter.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { DeadlineError, QueryFailedError, WidgetError } from "./errors";
import type { TimeRangeMs } from "../shared/widget/event";
import { partitionDaysOf } from "../../contracts/day-window";
import { sqlIdentityPresent } from "../../contracts/identity";
import type { ColumnName } from "../../contracts/data-lake";
import type { AthenaParams } from "./params";
import type { RunContext } from "./run-context";

const API_ID_COLUMN: ColumnName = "api_id";
const STAGE_COLUMN: ColumnName = "stage";

export interface AthenaCount {
  users: number;
  events: number;
  bytesScanned: number;
  engineMs: number;
  queryExecutionId: string;
}

export interface AthenaQuery {
  sql: string;
  parameters: string[];
}

/** Athena execution parameters are SQL literals: strings go in single quotes. */
function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function quoteIdentifier(name: string): string {
  return `"${name}"`;
}

/** yyyy-MM-dd HH:mm:ss.SSS (UTC), the timestamp column's format. */
function utcTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

export function buildAthenaQuery(params: AthenaParams, range: TimeRangeMs): AthenaQuery {
  const user = quoteIdentifier(params.userColumn);
  const time = quoteIdentifier(params.timeColumn);
  const dt = quoteIdentifier(params.partitionColumn);
  const sql = [
    `SELECT COUNT(DISTINCT ${user}) AS users, COUNT(*) AS events`,
    `FROM ${quoteIdentifier(params.database)}.${quoteIdentifier(params.table)}`,
    `WHERE ${dt} BETWEEN ? AND ?`,
    `AND ${time} >= CAST(? AS timestamp) AND ${time} <= CAST(? AS timestamp)`,
    `AND ${sqlIdentityPresent(user)}`,
    ...(params.apiId !== undefined ? [`AND ${quoteIdentifier(API_ID_COLUMN)} = ?`] : []),
    ...(params.stage !== undefined ? [`AND ${quoteIdentifier(STAGE_COLUMN)} = ?`] : []),
  ].join("\n");
  // Rows sit in the first row's partition of their Firehose record: prune a day wider, select on time.
  const days = partitionDaysOf(range.startMs, range.endMs);
  const parameters = [
    days.first,
    days.last,
    utcTimestamp(range.startMs),
    utcTimestamp(range.endMs),
    ...(params.apiId !== undefined ? [params.apiId] : []),
    ...(params.stage !== undefined ? [params.stage] : []),
  ].map(sqlString);
  return { sql, parameters };
}

function cell(row: { Data?: Array<{ VarCharValue?: string }> } | undefined, index: number, name: string): number {
  const raw = row?.Data?.[index]?.VarCharValue;
  const value = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(value) || value < 0) {
    throw new WidgetError("aws-error", `Athena returned ${JSON.stringify(raw)} for ${name}; expected a count`);
  }
  return value;
}

export async function countDistinctUsersInAthena(
  client: AthenaClient,
  params: AthenaParams,
  range: TimeRangeMs,
  run: RunContext,
): Promise<AthenaCount> {
  const { sql, parameters } = buildAthenaQuery(params, range);
  run.checkpoint("starting the Athena query");
  run.countCall("athena:StartQueryExecution");
  const started = await run.call("StartQueryExecution", (abortSignal) =>
    client.send(new StartQueryExecutionCommand({ QueryString: sql, ExecutionParameters: parameters, WorkGroup: params.workgroup }), { abortSignal }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new WidgetError("aws-error", "StartQueryExecution returned no QueryExecutionId");
  const stopOn = async (error: unknown): Promise<never> => {
    run.countCall("athena:StopQueryExecution");
    await run.stopCall("StopQueryExecution", (abortSignal) => client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal }));
    if (error instanceof DeadlineError) throw new DeadlineError(`${error.message}; stopped the query`);
    throw error;
  };
  let delay: number | undefined;
  for (;;) {
    delay = run.nextDelay(delay);
    await run.sleep(delay);
    try {
      run.checkpoint(`waiting for Athena query ${id}`);
    } catch (error) {
      return stopOn(error);
    }
    run.countCall("athena:GetQueryExecution");
    const { QueryExecution: execution } = await run
      .call(`GetQueryExecution of query ${id}`, (abortSignal) => client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal }))
      .catch((error: unknown) => (error instanceof DeadlineError ? stopOn(error) : Promise.reject(error)));
    const state = execution?.Status?.State ?? "UNKNOWN";
    if (state === "QUEUED" || state === "RUNNING") continue;
    if (state !== "SUCCEEDED") {
      const reason = execution?.Status?.AthenaError?.ErrorMessage ?? execution?.Status?.StateChangeReason ?? "no reason given";
      const what = state === "CANCELLED" ? "was cancelled" : state === "FAILED" ? "failed" : `ended in state ${state}`;
      throw new QueryFailedError(state, `Athena query ${id} ${what}: ${reason}`);
    }
    run.countCall("athena:GetQueryResults");
    const results = await run.call(`GetQueryResults of query ${id}`, (abortSignal) =>
      client.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 2 }), { abortSignal }),
    );
    const row = results.ResultSet?.Rows?.[1];
    return {
      users: cell(row, 0, "users"),
      events: cell(row, 1, "events"),
      bytesScanned: execution?.Statistics?.DataScannedInBytes ?? 0,
      engineMs: execution?.Statistics?.EngineExecutionTimeInMillis ?? 0,
      queryExecutionId: id,
    };
  }
}

/**
 * Runs one Logs Insights query to a terminal status: StartQuery (retried while the account's
 * concurrent-query quota is full), GetQueryResults polled with backoff, StopQuery on deadline or
 * abort. Every terminal status other than Complete becomes a QueryFailedError with a readable text.
 */
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type ResultField,
} from "@aws-sdk/client-cloudwatch-logs";
import { DeadlineError, isWidgetError, QueryFailedError, WidgetError } from "./errors";
import type { RunContext } from "./run-context";

export interface LogsTarget {
  logGroupNames?: string[];
  logGroupIdentifiers?: string[];
  startTime: number;
  endTime: number;
}

export interface LogsQueryOutcome {
  rows: Array<Record<string, string>>;
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/** Rows per GetQueryResults page and the StartQuery limit we ask for. */
export const RESULT_ROW_LIMIT = 10_000;

const RETRYABLE_START_ERRORS = new Set(["LimitExceededException", "ThrottlingException", "ServiceUnavailableException"]);

const STATUS_TEXT: Record<string, string> = {
  Failed: "failed in Logs Insights (status Failed): check the query fields and that the function may read the log groups",
  Cancelled: "was cancelled (status Cancelled) before it completed",
  Timeout: "timed out inside Logs Insights (status Timeout): narrow the time range",
  Unknown: "ended in status Unknown, which Logs Insights reports when it lost track of the query",
};

export function describeLogsStatus(status: string): string {
  return STATUS_TEXT[status] ?? `ended in unexpected status ${JSON.stringify(status)}`;
}

function toRow(fields: ResultField[]): Record<string, string> {
  const row: Record<string, string> = {};
  for (const { field, value } of fields) if (field !== undefined && value !== undefined) row[field] = value;
  return row;
}

function errorName(error: unknown): string {
  return typeof error === "object" && error !== null && "name" in error ? String((error as { name: unknown }).name) : "";
}

async function startQuery(client: CloudWatchLogsClient, target: LogsTarget, queryString: string, run: RunContext): Promise<string> {
  let delay: number | undefined;
  for (;;) {
    run.checkpoint("waiting to start a Logs Insights query");
    try {
      run.countCall("logs:StartQuery");
      const out = await run.call("StartQuery", (abortSignal) => client.send(new StartQueryCommand({ ...target, queryString, limit: RESULT_ROW_LIMIT }), { abortSignal }));
      if (!out.queryId) throw new WidgetError("aws-error", "StartQuery returned no queryId");
      return out.queryId;
    } catch (error) {
      if (!RETRYABLE_START_ERRORS.has(errorName(error))) throw awsError("StartQuery", error);
      delay = run.nextDelay(delay);
      await run.sleep(delay);
    }
  }
}

async function stopQuery(client: CloudWatchLogsClient, queryId: string, run: RunContext): Promise<void> {
  // The query may have finished meanwhile; stopping is best effort.
  run.countCall("logs:StopQuery");
  await run.stopCall("StopQuery", (abortSignal) => client.send(new StopQueryCommand({ queryId }), { abortSignal }));
}

function awsError(what: string, error: unknown): WidgetError {
  if (isWidgetError(error)) return error;
  return new WidgetError("aws-error", `${what} failed: ${errorName(error) || "error"}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Runs one query within the refresh's concurrency bound, from StartQuery to a terminal status. */
export function runLogsQuery(
  client: CloudWatchLogsClient,
  target: LogsTarget,
  queryString: string,
  run: RunContext,
): Promise<LogsQueryOutcome> {
  return run.limit(async () => {
    const queryId = await startQuery(client, target, queryString, run);
    return pollUntilDone(client, queryId, run);
  });
}

async function pollUntilDone(client: CloudWatchLogsClient, queryId: string, run: RunContext): Promise<LogsQueryOutcome> {
  let delay: number | undefined;
  for (;;) {
    delay = run.nextDelay(delay);
    await run.sleep(delay);
    try {
      run.checkpoint(`waiting for Logs Insights query ${queryId}`);
    } catch (error) {
      await stopQuery(client, queryId, run);
      if (error instanceof DeadlineError) throw new DeadlineError(`${error.message}; stopped the running queries`);
      throw error;
    }
    run.countCall("logs:GetQueryResults");
    let out;
    try {
      out = await run.call(`GetQueryResults of query ${queryId}`, (abortSignal) => client.send(new GetQueryResultsCommand({ queryId }), { abortSignal }));
    } catch (error) {
      if (RETRYABLE_START_ERRORS.has(errorName(error))) continue;
      await stopQuery(client, queryId, run);
      throw awsError("GetQueryResults", error);
    }
    const status = out.status ?? "Unknown";
    if (status === "Scheduled" || status === "Running") continue;
    if (status !== "Complete") {
      throw new QueryFailedError(status, `Logs Insights query ${queryId} ${describeLogsStatus(status)}`);
    }
    return {
      rows: (out.results ?? []).map(toRow),
      recordsMatched: out.statistics?.recordsMatched ?? 0,
      recordsScanned: out.statistics?.recordsScanned ?? 0,
      bytesScanned: out.statistics?.bytesScanned ?? 0,
    };
  }
}

/**
 * An Athena count over today's partition succeeds in the stack's workgroup (so within its scan
 * cutoff). This is the one check that runs something: a query scanning one day, billed as Athena bills (10 MB minimum).
 */
import { GetQueryExecutionCommand, GetQueryResultsCommand, GetWorkGroupCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from "@aws-sdk/client-athena";
import { PARTITION_KEYS } from "../../../contracts/data-lake";
import { fail, pass, skip, type Check, type CheckContext } from "../check";
import { utcDay } from "../firehose-prefix";

const DAY_PARTITION = PARTITION_KEYS[0].name;

/** The statement the doctor runs; identifiers quoted, the day a literal of the partition's own format. */
export function countStatement(table: string, day: Date): string {
  return `SELECT count(*) AS requests FROM "${table.replace(/"/g, '""')}" WHERE ${DAY_PARTITION} = '${utcDay(day)}'`;
}

export const athenaCount: Check = {
  id: "athena-count",
  area: "Access logs",
  title: "an Athena count over today's partition succeeds",
  async run(ctx) {
    const { athenaWorkgroup: workgroup, glueDatabase: database, glueTable: table } = ctx.outputs;
    if (!workgroup || !database || !table) return skip("the stack has no Athena workgroup or Glue table");
    const started = await ctx.aws.athena.send(
      new StartQueryExecutionCommand({ WorkGroup: workgroup, QueryString: countStatement(table, ctx.now), QueryExecutionContext: { Database: database } }),
      { abortSignal: ctx.signal },
    );
    const id = started.QueryExecutionId ?? "";
    const execution = await waitForQuery(ctx, id);
    const state = execution?.Status?.State;
    if (state !== "SUCCEEDED") {
      const reason = execution?.Status?.StateChangeReason ?? "no reason given";
      const cutoff = /bytes scanned|BytesScannedCutoff/i.test(reason);
      return fail(
        `query ${id} in workgroup ${workgroup} ${state}: ${reason}`,
        cutoff
          ? "one day scanned more than the workgroup's cutoff: raise api-usage-insights:bytesScannedCutoffMiB, or turn on hourly partitions"
          : `the query's role needs glue:GetTable/GetPartitions on ${database}.${table} and s3:GetObject on the data lake; a HIVE_* error means the table's schema and the written files differ (check format and columns)`,
      );
    }
    const results = await ctx.aws.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 2 }), { abortSignal: ctx.signal });
    const count = results.ResultSet?.Rows?.[1]?.Data?.[0]?.VarCharValue ?? "?";
    const scanned = execution?.Statistics?.DataScannedInBytes ?? 0;
    const { WorkGroup } = await ctx.aws.athena.send(new GetWorkGroupCommand({ WorkGroup: workgroup }), { abortSignal: ctx.signal });
    const cutoff = WorkGroup?.Configuration?.BytesScannedCutoffPerQuery;
    const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
    return pass(`${count} requests today; scanned ${mib(scanned)}${cutoff ? ` of the workgroup's ${mib(cutoff)} cutoff` : " (the workgroup has no cutoff)"}`);
  },
};

async function waitForQuery(ctx: CheckContext, id: string) {
  try {
    for (;;) {
      const { QueryExecution } = await ctx.aws.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: ctx.signal });
      const state = QueryExecution?.Status?.State;
      if (state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED") return QueryExecution;
      await new Promise((resolve) => setTimeout(resolve, ctx.pollIntervalMs));
      ctx.signal.throwIfAborted();
    }
  } catch (e) {
    // Out of time: cancel the query so it does not keep scanning (and billing) after the doctor ends.
    if (ctx.signal.aborted) await ctx.aws.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal: AbortSignal.timeout(2000) }).catch(() => undefined);
    throw e;
  }
}

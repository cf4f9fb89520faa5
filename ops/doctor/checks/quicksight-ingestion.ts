/** The last SPICE ingestion of each dataset behind the QuickSight dashboard succeeded. */
import { ListIngestionsCommand } from "@aws-sdk/client-quicksight";
import { ago, fail, pass, skip, type Check } from "../check";
import { quicksightDashboard } from "../discover";

export const quicksightIngestion: Check = {
  id: "quicksight-ingestion",
  area: "QuickSight",
  title: "the dataset's last ingestion succeeded",
  async run(ctx) {
    if (!ctx.quicksightEnabled || !ctx.outputs.quicksightDashboardId) return skip("QuickSight is off for this stack");
    const dashboard = await quicksightDashboard(ctx);
    const dataSetIds = (dashboard.Version?.DataSetArns ?? []).map((arn) => arn.split("/").pop() ?? arn);
    if (dataSetIds.length === 0) return fail(`dashboard ${dashboard.DashboardId} uses no dataset`, "run `pulumi up` again to republish the dashboard from its definition");
    const notes: string[] = [];
    for (const dataSetId of dataSetIds) {
      const out = await ctx.aws.quickSight.send(new ListIngestionsCommand({ AwsAccountId: ctx.accountId, DataSetId: dataSetId, MaxResults: 5 }), { abortSignal: ctx.signal });
      const latest = [...(out.Ingestions ?? [])].sort((a, b) => (b.CreatedTime?.getTime() ?? 0) - (a.CreatedTime?.getTime() ?? 0))[0];
      if (!latest) return fail(`dataset ${dataSetId} was never ingested`, `start one: aws quicksight create-ingestion --aws-account-id ${ctx.accountId} --data-set-id ${dataSetId} --ingestion-id first`);
      if (latest.IngestionStatus === "FAILED" || latest.IngestionStatus === "CANCELLED") {
        const why = latest.ErrorInfo ? `${latest.ErrorInfo.Type}: ${latest.ErrorInfo.Message}` : "no error info";
        return fail(
          `the last ingestion of dataset ${dataSetId} ${latest.IngestionStatus} (${why})`,
          "QuickSight's service role needs Athena, Glue, the data lake and the results bucket (docs/deploy.md, \"The QuickSight manual step\"); a PERMISSION_DENIED or ACCESS_DENIED error is that step missing",
        );
      }
      notes.push(`${dataSetId}: ${latest.IngestionStatus}${latest.CreatedTime ? ` ${ago(latest.CreatedTime, ctx.now)}` : ""}`);
    }
    return pass(notes.join("; "));
  },
};

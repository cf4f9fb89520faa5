/** The api-call-counter ran in the last hour without a Lambda error. */
import { GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { fail, pass, skip, type Check } from "../check";
import { counterFunction } from "../discover";

export const counterErrors: Check = {
  id: "counter-errors",
  area: "API-call metrics",
  title: "the counter ran without errors in the last hour",
  async run(ctx) {
    if (!ctx.outputs.metricNamespace) return skip("API-call metrics are off (metricNamespace is null)");
    if (!ctx.outputs.apiCallTrailArn) return skip("the counter runs in the source accounts, or counts an existing trail's log group (apiCallTrailArn is null)");
    const fn = await counterFunction(ctx);
    const name = fn.FunctionName ?? "";
    const sum = async (metric: "Errors" | "Invocations") => {
      const out = await ctx.aws.cloudWatch.send(
        new GetMetricStatisticsCommand({
          Namespace: "AWS/Lambda",
          MetricName: metric,
          Dimensions: [{ Name: "FunctionName", Value: name }],
          StartTime: new Date(ctx.now.getTime() - 3_600_000),
          EndTime: ctx.now,
          Period: 3600,
          Statistics: ["Sum"],
        }),
        { abortSignal: ctx.signal },
      );
      return (out.Datapoints ?? []).reduce((total, p) => total + (p.Sum ?? 0), 0);
    };
    const [errors, invocations] = [await sum("Errors"), await sum("Invocations")];
    if (errors > 0) {
      return fail(
        `${name} failed ${errors} of ${invocations} invocations in the last hour`,
        `read the errors: aws logs tail /aws/lambda/${name} --since 1h --filter-pattern ERROR`,
      );
    }
    if (invocations === 0) {
      return fail(`${name} was not invoked in the last hour`, "the trail's log group feeds the counter through a subscription filter: check that it exists (aws logs describe-subscription-filters) and that the trail delivers");
    }
    return pass(`${name}: ${invocations} invocations, 0 errors in the last hour`);
  },
};

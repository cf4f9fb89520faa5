/** The counter's namespace has metrics with datapoints in the last 3 hours. */
import { ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { fail, pass, skip, type Check } from "../check";

export const metricDatapoints: Check = {
  id: "metric-datapoints",
  area: "API-call metrics",
  title: "datapoints exist in the metric namespace",
  async run(ctx) {
    const namespace = ctx.outputs.metricNamespace;
    if (!namespace) return skip("API-call metrics are off (metricNamespace is null)");
    // RecentlyActive PT3H: only metrics that received a datapoint in the past three hours.
    const monitoring = ctx.role === "monitoring";
    const out = await ctx.aws.cloudWatch.send(new ListMetricsCommand({ Namespace: namespace, RecentlyActive: "PT3H", ...(monitoring ? { IncludeLinkedAccounts: true } : {}) }), {
      abortSignal: ctx.signal,
    });
    const count = out.Metrics?.length ?? 0;
    if (count === 0) {
      return fail(
        `no metric in ${namespace} received a datapoint in the last 3 hours${monitoring ? " in this account or any linked source account" : ""}`,
        monitoring
          ? "run the doctor in a source account; if its counter publishes, its OAM link to this sink is missing or does not share metrics (monitoringStack / monitoringSinkArn)"
          : "see the counter checks above; if the counter runs without errors, its PutMetricData calls are denied or the namespace differs from the stack's (METRIC_NAMESPACE)",
      );
    }
    return pass(`${count}${out.NextToken ? "+" : ""} metrics active in ${namespace}`);
  },
};

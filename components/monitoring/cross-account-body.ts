/**
 * The unified dashboard of the monitoring account: one row per linked source account with API
 * Gateway traffic, errors and latency, the account's AWS API calls and pipeline health. Metrics
 * carry `accountId`, which CloudWatch cross-account observability resolves. Pure: plain JSON.
 */
export interface CrossAccountDashboardInput {
  readonly region: string;
  readonly accountIds: readonly string[];
  readonly apiCallNamespace: string;
  readonly apiCallMetricName: string;
}

type Widget = { type: string; x: number; y: number; width: number; height: number; properties: Record<string, unknown> };

const search = (id: string, query: string, stat: string, accountId: string, label: string) => ({
  expression: `SEARCH('${query}', '${stat}', 300)`,
  id,
  accountId,
  label,
});

export function buildCrossAccountDashboardBody(input: CrossAccountDashboardInput): { start: string; periodOverride: string; widgets: Widget[] } {
  const widgets: Widget[] = [
    {
      type: "text",
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown: `## API usage across ${input.accountIds.length} linked account(s)\nMetrics come from each source account through CloudWatch cross-account observability. Open a source account's own dashboard for routes, users and alarms.`,
      },
    },
  ];
  let y = 2;
  for (const accountId of input.accountIds) {
    const graph = (x: number, title: string, metrics: unknown[], extra: Record<string, unknown> = {}): Widget => ({
      type: "metric",
      x,
      y,
      width: 6,
      height: 6,
      properties: { title: `${accountId} · ${title}`, region: input.region, view: "timeSeries", stacked: false, period: 300, metrics, ...extra },
    });
    widgets.push(
      graph(0, "API Gateway requests", [[search("requests", "{AWS/ApiGateway} MetricName=\"Count\"", "Sum", accountId, "requests")]]),
      graph(6, "API Gateway 5xx", [
        [search("rest5xx", "{AWS/ApiGateway,ApiName,Stage} MetricName=\"5XXError\"", "Sum", accountId, "REST 5xx")],
        [search("http5xx", "{AWS/ApiGateway,ApiId,Stage} MetricName=\"5xx\"", "Sum", accountId, "HTTP 5xx")],
      ]),
      graph(12, "AWS API calls", [[search("calls", `{${input.apiCallNamespace}} MetricName="${input.apiCallMetricName}"`, "Sum", accountId, "calls")]]),
      graph(18, "Access-log delivery", [[search("delivery", "{AWS/Firehose,DeliveryStreamName} MetricName=\"DeliveryToS3.Success\"", "Average", accountId, "delivery success")]], {
        yAxis: { left: { min: 0, max: 1 } },
      }),
    );
    y += 6;
  }
  return { start: "-PT24H", periodOverride: "inherit", widgets };
}

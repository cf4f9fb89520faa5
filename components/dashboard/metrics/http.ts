/**
 * HTTP API metrics: namespace AWS/ApiGateway, keyed by ApiId and Stage, with lowercase `4xx`/`5xx`
 * (API Gateway Developer Guide, "Monitor CloudWatch metrics for HTTP APIs").
 */
import { DEFAULT_PERIOD_SECONDS, metric, type LatencyStat } from "./metric";
import { API_GATEWAY_NAMESPACE } from "./rest";

export interface HttpStage {
  apiId: string;
  stage: string;
}

export function httpMetrics(api: HttpStage, periodSeconds = DEFAULT_PERIOD_SECONDS) {
  const dims = { ApiId: api.apiId, Stage: api.stage };
  const m = (metricName: string, stat: "Sum" | LatencyStat, id: string, label: string) =>
    metric(API_GATEWAY_NAMESPACE, metricName, dims, stat, id, label, periodSeconds);
  return {
    requests: m("Count", "Sum", "requests", "Requests"),
    clientErrors: m("4xx", "Sum", "errors_4xx", "4xx errors"),
    serverErrors: m("5xx", "Sum", "errors_5xx", "5xx errors"),
    latency: (stat: LatencyStat) => m("Latency", stat, `latency_${stat}`, `Latency ${stat}`),
    integrationLatency: (stat: LatencyStat) => m("IntegrationLatency", stat, `integration_${stat}`, `Integration latency ${stat}`),
    dataProcessed: m("DataProcessed", "Sum", "data_processed", "Data processed (bytes)"),
  };
}

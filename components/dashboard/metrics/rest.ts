/**
 * REST API metrics: namespace AWS/ApiGateway, keyed by the API's *name* and stage (REST metrics
 * carry ApiName, not ApiId). Names from the API Gateway Developer Guide, "Amazon API Gateway
 * dimensions and metrics".
 */
import { DEFAULT_PERIOD_SECONDS, metric, type LatencyStat } from "./metric";

export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

export interface RestStage {
  apiName: string;
  stage: string;
}

export function restMetrics(api: RestStage, periodSeconds = DEFAULT_PERIOD_SECONDS) {
  const dims = { ApiName: api.apiName, Stage: api.stage };
  const m = (metricName: string, stat: "Sum" | LatencyStat, id: string, label: string) =>
    metric(API_GATEWAY_NAMESPACE, metricName, dims, stat, id, label, periodSeconds);
  return {
    requests: m("Count", "Sum", "requests", "Requests"),
    clientErrors: m("4XXError", "Sum", "errors_4xx", "4XX errors"),
    serverErrors: m("5XXError", "Sum", "errors_5xx", "5XX errors"),
    latency: (stat: LatencyStat) => m("Latency", stat, `latency_${stat}`, `Latency ${stat}`),
    integrationLatency: (stat: LatencyStat) => m("IntegrationLatency", stat, `integration_${stat}`, `Integration latency ${stat}`),
    cacheHits: m("CacheHitCount", "Sum", "cache_hits", "Cache hits"),
    cacheMisses: m("CacheMissCount", "Sum", "cache_misses", "Cache misses"),
  };
}

/**
 * WebSocket API metrics: namespace AWS/ApiGateway, keyed by ApiId and Stage (API Gateway Developer
 * Guide, "Monitor WebSocket API execution with CloudWatch metrics"). There is no Latency or 4xx/5xx
 * metric: ClientError, ExecutionError and IntegrationError stand for them.
 */
import { DEFAULT_PERIOD_SECONDS, metric, type LatencyStat } from "./metric";
import { API_GATEWAY_NAMESPACE } from "./rest";

export interface WebSocketStage {
  apiId: string;
  stage: string;
}

export function webSocketMetrics(api: WebSocketStage, periodSeconds = DEFAULT_PERIOD_SECONDS) {
  const dims = { ApiId: api.apiId, Stage: api.stage };
  const m = (metricName: string, stat: "Sum" | LatencyStat, id: string, label: string) =>
    metric(API_GATEWAY_NAMESPACE, metricName, dims, stat, id, label, periodSeconds);
  return {
    connects: m("ConnectCount", "Sum", "connects", "Connects"),
    messages: m("MessageCount", "Sum", "messages", "Messages"),
    clientErrors: m("ClientError", "Sum", "client_errors", "Client errors"),
    executionErrors: m("ExecutionError", "Sum", "execution_errors", "Execution errors"),
    integrationErrors: m("IntegrationError", "Sum", "integration_errors", "Integration errors"),
    integrationLatency: (stat: LatencyStat) => m("IntegrationLatency", stat, `integration_${stat}`, `Integration latency ${stat}`),
  };
}

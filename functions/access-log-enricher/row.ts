/** One output row in the exact column order of ACCESS_LOG_COLUMNS, and its partition keys. */
import type { EnricherConfig } from "./config";
import { resolveUserIdentity } from "./identity";
import { applyIpAddressMode } from "./ip";
import type { ApiType } from "../../contracts/log-fields";
import type { LogLine } from "./normalize";
import { formatRequestTime } from "./request-time";
import { resolveRoute } from "./route";
import type { AccessLogRow } from "../../contracts/data-lake";
import type { ApiKeyUsage } from "./usage-plans";

const NO_USAGE: ApiKeyUsage = { apiKeyName: null, customerId: null, usagePlanId: null, usagePlanName: null };

export function buildRow(line: LogLine, usage: ApiKeyUsage | undefined, config: EnricherConfig): AccessLogRow {
  const apiType = line.apiType ?? inferApiType(line);
  const identity = resolveUserIdentity(apiType, line, config.userIdOrder);
  const route = resolveRoute(apiType, line);
  const plan = usage ?? NO_USAGE;
  // Literal in column order: JSON.stringify writes keys in insertion order.
  return {
    request_id: line.requestId,
    extended_request_id: line.extendedRequestId,
    request_time: formatRequestTime(line.requestTimeMs),
    request_time_epoch_ms: line.requestTimeMs,
    api_id: line.apiId,
    api_type: apiType,
    stage: line.stage,
    domain_name: line.domainName,
    http_method: line.httpMethod,
    route: route.route,
    route_source: route.routeSource,
    path: line.path,
    protocol: line.protocol,
    status: line.status,
    response_length: line.responseLength,
    response_latency_ms: line.responseLatency,
    integration_latency_ms: line.integrationLatency,
    integration_status: line.integrationStatus,
    authorizer_latency_ms: line.authorizerLatency,
    error_message: line.errorMessage,
    error_response_type: line.errorResponseType,
    source_ip: applyIpAddressMode(line.sourceIp, config.ipAddressMode),
    user_agent: line.userAgent,
    user_id: identity.userId,
    user_source: identity.userSource,
    auth_method: identity.authMethod,
    claims_sub: line.claimsSub,
    principal_id: line.principalId,
    cognito_identity_id: line.cognitoIdentityId,
    iam_user_arn: line.userArn,
    api_key_id: line.apiKeyId,
    api_key_name: plan.apiKeyName,
    usage_plan_id: plan.usagePlanId,
    usage_plan_name: plan.usagePlanName,
    customer_id: plan.customerId,
    event_type: line.eventType,
    connection_id: line.connectionId,
  };
}

/** Lines written by a format without the `apiType` literal: guess from the variables only one type has. */
function inferApiType(line: LogLine): ApiType | null {
  if (line.connectionId !== null || line.eventType !== null) return "WEBSOCKET";
  if (line.resourcePath !== null) return "REST";
  if (line.routeKey !== null) return "HTTP";
  return null;
}

/** `dt` (yyyy-MM-dd) and, when hourly, `hour` (HH) of the row's UTC request time. */
export function partitionKeysOf(requestTime: string, hourly: boolean): Record<string, string> {
  const dt = requestTime.slice(0, 10);
  return hourly ? { dt, hour: requestTime.slice(11, 13) } : { dt };
}

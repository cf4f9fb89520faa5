/** One output row in the exact column order of ACCESS_LOG_COLUMNS, and its partition keys. */
import type { EnricherConfig } from "./config";
import { resolveUserIdentity } from "./identity";
import { applyIpAddressMode } from "./ip";
import type { ApiType } from "../../contracts/log-fields";
import type { LogLine } from "./normalize";
import { formatRequestTime } from "./request-time";
import { resolveRoute } from "./route";
import type { WrittenRow } from "../../contracts/data-lake";
import type { ApiKeyUsage } from "./usage-plans";

const NO_USAGE: ApiKeyUsage = { apiKeyName: null, customerId: null, usagePlanId: null, usagePlanName: null };

export function buildRow(line: LogLine, usage: ApiKeyUsage | undefined, config: EnricherConfig): WrittenRow {
  const apiType = line.apiType ?? inferApiType(line);
  const identity = resolveUserIdentity(apiType, line, config.userIdOrder);
  const route = resolveRoute(apiType, line);
  const plan = usage ?? NO_USAGE;
  // Literal in column order: JSON.stringify writes keys in insertion order and leaves out the
  // undefined ones (a missing column reads as NULL; see WrittenRow).
  return {
    request_id: line.requestId ?? undefined,
    extended_request_id: line.extendedRequestId ?? undefined,
    request_time: formatRequestTime(line.requestTimeMs),
    request_time_epoch_ms: line.requestTimeMs,
    api_id: line.apiId ?? undefined,
    api_type: apiType ?? undefined,
    stage: line.stage ?? undefined,
    domain_name: line.domainName ?? undefined,
    http_method: line.httpMethod ?? undefined,
    route: route.route ?? undefined,
    route_source: route.routeSource ?? undefined,
    path: line.path ?? undefined,
    protocol: line.protocol ?? undefined,
    status: line.status ?? undefined,
    response_length: line.responseLength ?? undefined,
    response_latency_ms: line.responseLatency ?? undefined,
    integration_latency_ms: line.integrationLatency ?? undefined,
    integration_status: line.integrationStatus ?? undefined,
    authorizer_latency_ms: line.authorizerLatency ?? undefined,
    error_message: line.errorMessage ?? undefined,
    error_response_type: line.errorResponseType ?? undefined,
    source_ip: applyIpAddressMode(line.sourceIp, config.ipAddressMode) ?? undefined,
    user_agent: line.userAgent ?? undefined,
    user_id: identity.userId ?? undefined,
    user_source: identity.userSource ?? undefined,
    auth_method: identity.authMethod ?? undefined,
    claims_sub: line.claimsSub ?? undefined,
    principal_id: line.principalId ?? undefined,
    cognito_identity_id: line.cognitoIdentityId ?? undefined,
    iam_user_arn: line.userArn ?? undefined,
    api_key_id: line.apiKeyId ?? undefined,
    api_key_name: plan.apiKeyName ?? undefined,
    usage_plan_id: plan.usagePlanId ?? undefined,
    usage_plan_name: plan.usagePlanName ?? undefined,
    customer_id: plan.customerId ?? undefined,
    event_type: line.eventType ?? undefined,
    connection_id: line.connectionId ?? undefined,
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

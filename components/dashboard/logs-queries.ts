/**
 * Logs Insights queries over raw access logs (the JSON keys of the access-log format, one line
 * per request). API Gateway writes "-" for a missing value, so filters drop it explicitly.
 * Queries here carry no SOURCE lines; the body builder adds the API's log groups.
 */
import { logsIdentityPresent } from "../../contracts/identity";
import type { ApiType, DashboardApi } from "./inputs";

/** How a route reads per type: REST has method + resource path, HTTP/WebSocket a route key. */
export function routeExpression(type: ApiType): string {
  return type === "REST" ? `concat(httpMethod, " ", resourcePath)` : "routeKey";
}

/** WebSocket logs have no responseLatency; integration latency is the closest measure. */
export function latencyField(type: ApiType): string {
  return type === "WEBSOCKET" ? "integrationLatency" : "responseLatency";
}

const join = (commands: string[]) => commands.join("\n| ");

export function topRoutesQuery(api: DashboardApi): string {
  return join([`fields ${routeExpression(api.type)} as route`, "stats count(*) as requests by route", "sort requests desc", "limit 20"]);
}

export function p90LatencyByRouteQuery(api: DashboardApi): string {
  const latency = latencyField(api.type);
  return join([
    `fields ${routeExpression(api.type)} as route, ${latency} as latency_ms`,
    `filter latency_ms != "-"`,
    "stats pct(latency_ms, 90) as p90_ms, count(*) as requests by route",
    "sort p90_ms desc",
    "limit 20",
  ]);
}

export function errorsByResponseTypeQuery(): string {
  return join([
    `filter errorResponseType != "-" or status like /^[45]/`,
    "stats count(*) as requests by errorResponseType, status",
    "sort requests desc",
    "limit 25",
  ]);
}

/** REST and HTTP only: WebSocket access logs have no responseLength. */
export function bytesPerCustomerQuery(api: DashboardApi): string {
  return join([
    `fields ${api.customerField} as customer`,
    `filter ${logsIdentityPresent("customer")}`,
    "stats sum(responseLength) as bytes_downloaded, count(*) as requests by customer",
    "sort bytes_downloaded desc",
    "limit 20",
  ]);
}

export function topUsersQuery(api: DashboardApi): string {
  return join([
    `fields ${api.userField} as user`,
    `filter ${logsIdentityPresent("user")}`,
    "stats count(*) as requests by user",
    "sort requests desc",
    "limit 20",
  ]);
}

/** The enricher logs one "Batch transformed" line with failed and dropped counts per batch. */
export function enricherFailuresQuery(): string {
  return join([`filter message = "Batch transformed"`, "stats sum(failed) as failed_records, sum(dropped) as dropped_records by bin(5m)"]);
}

/** Metric-filter pattern counting requests refused for an exhausted usage-plan quota. */
export const QUOTA_EXCEEDED_PATTERN = '{ $.errorResponseType = "QUOTA_EXCEEDED" }';

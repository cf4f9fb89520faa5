/**
 * The one source of truth for what the enricher writes: the Glue table columns (in order, with
 * Hive types) and the partition keys it returns in `metadata.partitionKeys`. The Glue table, the
 * QuickSight dataset and the Athena named queries are all built from this list.
 */
export type GlueType = "string" | "int" | "bigint" | "double" | "timestamp";

export interface Column {
  readonly name: string;
  readonly type: GlueType;
  readonly comment: string;
}

export const ACCESS_LOG_COLUMNS = [
  { name: "request_id", type: "string", comment: "$context.requestId" },
  { name: "extended_request_id", type: "string", comment: "$context.extendedRequestId (REST, HTTP)" },
  { name: "request_time", type: "timestamp", comment: "UTC, from requestTimeEpoch; written as yyyy-MM-dd HH:mm:ss.SSS" },
  { name: "request_time_epoch_ms", type: "bigint", comment: "$context.requestTimeEpoch" },
  { name: "api_id", type: "string", comment: "$context.apiId" },
  { name: "api_type", type: "string", comment: "REST, HTTP or WEBSOCKET" },
  { name: "stage", type: "string", comment: "$context.stage" },
  { name: "domain_name", type: "string", comment: "$context.domainName" },
  { name: "http_method", type: "string", comment: "$context.httpMethod" },
  { name: "route", type: "string", comment: "resourcePath / routeKey, else the path templated with :id" },
  { name: "route_source", type: "string", comment: "template (logged by API Gateway) or inferred" },
  { name: "path", type: "string", comment: "$context.path" },
  { name: "protocol", type: "string", comment: "$context.protocol" },
  { name: "status", type: "int", comment: "$context.status" },
  { name: "response_length", type: "bigint", comment: "$context.responseLength, bytes" },
  { name: "response_latency_ms", type: "int", comment: "$context.responseLatency" },
  { name: "integration_latency_ms", type: "int", comment: "$context.integrationLatency (REST) / integration.latency" },
  { name: "integration_status", type: "int", comment: "$context.integration.status" },
  { name: "authorizer_latency_ms", type: "int", comment: "$context.authorizer.latency (REST)" },
  { name: "error_message", type: "string", comment: "$context.error.message" },
  { name: "error_response_type", type: "string", comment: "$context.error.responseType (QUOTA_EXCEEDED, THROTTLED, ...)" },
  { name: "source_ip", type: "string", comment: "$context.identity.sourceIp, kept, truncated or dropped per config" },
  { name: "user_agent", type: "string", comment: "$context.identity.userAgent" },
  { name: "user_id", type: "string", comment: "first identity found in the configured order" },
  { name: "user_source", type: "string", comment: "which identity user_id came from (claims_sub, principal_id, ...)" },
  { name: "auth_method", type: "string", comment: "cognito, iam, lambda_authorizer, jwt, api_key or none" },
  { name: "claims_sub", type: "string", comment: "$context.authorizer.claims.sub (Cognito/JWT)" },
  { name: "principal_id", type: "string", comment: "$context.authorizer.principalId (Lambda authorizer)" },
  { name: "cognito_identity_id", type: "string", comment: "$context.identity.cognitoIdentityId" },
  { name: "iam_user_arn", type: "string", comment: "$context.identity.userArn" },
  { name: "api_key_id", type: "string", comment: "$context.identity.apiKeyId (REST); never the key itself" },
  { name: "api_key_name", type: "string", comment: "from GetApiKeys" },
  { name: "usage_plan_id", type: "string", comment: "from GetUsagePlanKeys" },
  { name: "usage_plan_name", type: "string", comment: "from GetUsagePlans" },
  { name: "customer_id", type: "string", comment: "the API key's customerId" },
  { name: "event_type", type: "string", comment: "$context.eventType (WebSocket: CONNECT, MESSAGE, DISCONNECT)" },
  { name: "connection_id", type: "string", comment: "$context.connectionId (WebSocket)" },
] as const satisfies readonly Column[];

export type ColumnName = (typeof ACCESS_LOG_COLUMNS)[number]["name"];

/** Partition keys the enricher returns per record; `dt` is the request's UTC date, `hour` its UTC hour. */
export const PARTITION_KEYS = [
  { name: "dt", type: "string", comment: "request date, UTC, yyyy-MM-dd" },
  { name: "hour", type: "string", comment: "request hour, UTC, HH (only when hourly partitioning is on)" },
] as const satisfies readonly Column[];

export type PartitionKeyName = (typeof PARTITION_KEYS)[number]["name"];

type ColumnValue<C extends Column> = C["type"] extends "int" | "bigint" | "double" ? number : string;

/** One row as the table's readers see it: every column present, null where the log had no value. */
export type AccessLogRow = {
  [C in (typeof ACCESS_LOG_COLUMNS)[number] as C["name"]]: ColumnValue<C> | null;
};

/**
 * One row as the enricher writes it, a JSON line with its columns in order: a column without a
 * value is undefined, so the line leaves it out. Both readers of the line take a missing key as
 * NULL (Firehose's Hive JSON deserializer before Parquet, Athena's Hive JSON SerDe for the json
 * format: HCatalog's JsonSerDe starts every row as all nulls and sets the keys it finds), and the
 * line is about a quarter smaller, so more records fit in one 6 MB Lambda response.
 */
export type WrittenRow = {
  [C in (typeof ACCESS_LOG_COLUMNS)[number] as C["name"]]: ColumnValue<C> | undefined;
};

/** A written JSON line's object as the readers see it: each missing column is null. */
export function readWrittenRow(line: Readonly<Record<string, unknown>>): Record<ColumnName, unknown> {
  const row = {} as Record<ColumnName, unknown>;
  for (const { name } of ACCESS_LOG_COLUMNS) row[name] = line[name] ?? null;
  return row;
}

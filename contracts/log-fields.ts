/**
 * The JSON keys of one access-log line as the access-log format writes them and the enricher reads
 * them. `components/access-log-pipeline/access-log-format.ts` maps each key to a `$context`
 * variable per API type; `apiType` is a literal the format writes, not a `$context` variable.
 */
export const LOG_FIELD_NAMES = [
  "apiType",
  "requestId",
  "extendedRequestId",
  "requestTime",
  "requestTimeEpoch",
  "apiId",
  "stage",
  "domainName",
  "httpMethod",
  "resourcePath",
  "routeKey",
  "path",
  "protocol",
  "status",
  "responseLength",
  "responseLatency",
  "integrationLatency",
  "integrationStatus",
  "authorizerLatency",
  "errorMessage",
  "errorResponseType",
  "sourceIp",
  "userAgent",
  "claimsSub",
  "principalId",
  "cognitoIdentityId",
  "userArn",
  "apiKeyId",
  "eventType",
  "connectionId",
] as const;

export type LogFieldName = (typeof LOG_FIELD_NAMES)[number];

export const API_TYPES = ["REST", "HTTP", "WEBSOCKET"] as const;
export type ApiType = (typeof API_TYPES)[number];

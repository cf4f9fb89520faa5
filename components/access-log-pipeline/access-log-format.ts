/**
 * The access-log format each API type needs: a one-line JSON object whose keys are the fields the
 * access-log enricher reads (functions/access-log-enricher/log-fields.ts) and whose values are
 * `$context` variables valid for that API type. Every value is quoted so that API Gateway's "-" for
 * a missing value still yields valid JSON; the enricher turns numeric strings back into numbers.
 *
 * Valid variables per type are from the API Gateway Developer Guide:
 * - REST: "Variables for access logging for API Gateway" / "$context variables for data models,
 *   authorizers, mapping templates, and access logging" (both tables, incl. "access logging only");
 * - HTTP: "Customize HTTP API access logs";
 * - WebSocket: "Configure logging for WebSocket APIs in API Gateway".
 * Only variables seen in those tables are listed (a few newer REST ones, e.g. mutual-TLS
 * `identity.clientCert.*`, are left out until needed). The open-ended Lambda-authorizer form `$context.authorizer.{property}` is deliberately not in the
 * lists, so that a name valid for one type (e.g. `authorizer.latency`, REST/WebSocket only) cannot
 * pass as a "property" for another.
 */
import { API_TYPES, type ApiType, type LogFieldName } from "../../contracts/log-fields";

export type { ApiType } from "../../contracts/log-fields";

interface VariableRules {
  /** Variable names without the `$context.` prefix. */
  readonly exact: readonly string[];
  /** Families such as `authorizer.claims.{property}`, as the prefix before `{property}`. */
  readonly prefixes: readonly string[];
}

const REST_VARIABLES = [
  "accountId", "apiId", "awsEndpointRequestId", "domainName", "domainPrefix",
  "authorize.error", "authorize.latency", "authorize.status",
  "authorizer.error", "authorizer.integrationLatency", "authorizer.integrationStatus", "authorizer.latency",
  "authorizer.principalId", "authorizer.requestId", "authorizer.status",
  "authenticate.error", "authenticate.latency", "authenticate.status",
  "error.message", "error.messageString", "error.responseType", "error.validationErrorString",
  "extendedRequestId", "httpMethod",
  "identity.accountId", "identity.apiKey", "identity.apiKeyId", "identity.caller",
  "identity.cognitoAuthenticationProvider", "identity.cognitoAuthenticationType", "identity.cognitoIdentityId",
  "identity.cognitoIdentityPoolId", "identity.principalOrgId", "identity.sourceIp", "identity.user",
  "identity.userAgent", "identity.userArn",
  "integration.error", "integration.integrationStatus", "integration.latency", "integration.requestId", "integration.status",
  "integrationErrorMessage", "integrationLatency", "integrationStatus",
  "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath",
  "responseLatency", "responseLength", "responseOverride.status", "stage", "status",
  "waf.error", "waf.latency", "waf.status", "wafResponseCode", "webaclArn", "xrayTraceId",
] as const;

const HTTP_VARIABLES = [
  "accountId", "apiId", "authorizer.error", "authorizer.principalId",
  "awsEndpointRequestId", "awsEndpointRequestId2", "customDomain.basePathMatched", "dataProcessed",
  "domainName", "domainPrefix", "error.message", "error.messageString", "error.responseType",
  "extendedRequestId", "httpMethod",
  "identity.accountId", "identity.caller", "identity.cognitoAuthenticationProvider",
  "identity.cognitoAuthenticationType", "identity.cognitoIdentityId", "identity.cognitoIdentityPoolId",
  "identity.principalOrgId", "identity.sourceIp", "identity.user", "identity.userAgent", "identity.userArn",
  "identity.clientCert.clientCertPem", "identity.clientCert.subjectDN", "identity.clientCert.issuerDN",
  "identity.clientCert.serialNumber", "identity.clientCert.validity.notBefore", "identity.clientCert.validity.notAfter",
  "integration.error", "integration.integrationStatus", "integration.latency", "integration.requestId", "integration.status",
  "integrationErrorMessage", "integrationLatency", "integrationStatus",
  "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "responseLatency", "responseLength",
  "routeKey", "stage", "status",
] as const;

const WEBSOCKET_VARIABLES = [
  "apiId",
  "authorize.error", "authorize.latency", "authorize.status",
  "authorizer.error", "authorizer.integrationLatency", "authorizer.integrationStatus", "authorizer.latency",
  "authorizer.requestId", "authorizer.status", "authorizer.principalId",
  "authenticate.error", "authenticate.latency", "authenticate.status",
  "connectedAt", "connectionId", "domainName",
  "error.message", "error.messageString", "error.responseType", "error.validationErrorString",
  "eventType", "extendedRequestId",
  "identity.accountId", "identity.apiKey", "identity.apiKeyId", "identity.caller",
  "identity.cognitoAuthenticationProvider", "identity.sourceIp", "identity.user", "identity.userAgent", "identity.userArn",
  "integration.error", "integration.integrationStatus", "integration.latency", "integration.requestId", "integration.status",
  "integrationLatency", "messageId", "requestId", "requestTime", "requestTimeEpoch", "routeKey", "stage", "status",
  "waf.error", "waf.latency", "waf.status",
] as const;

export const VALID_CONTEXT_VARIABLES: Readonly<Record<ApiType, VariableRules>> = {
  REST: { exact: REST_VARIABLES, prefixes: ["authorizer.claims."] },
  HTTP: { exact: HTTP_VARIABLES, prefixes: ["authorizer.claims."] },
  WEBSOCKET: { exact: WEBSOCKET_VARIABLES, prefixes: [] },
};

/** Valid for the API type but never written: it would put the caller's secret API key in the logs. */
export const FORBIDDEN_CONTEXT_VARIABLES: readonly string[] = ["identity.apiKey"];

/** Whether `$context.<variable>` may appear in an access-log format for `apiType` (and is allowed here). */
export function isValidContextVariable(apiType: ApiType, variable: string): boolean {
  if (FORBIDDEN_CONTEXT_VARIABLES.includes(variable)) return false;
  const rules = VALID_CONTEXT_VARIABLES[apiType];
  if (rules.exact.includes(variable)) return true;
  return rules.prefixes.some((p) => variable.startsWith(p) && variable.length > p.length && !variable.slice(p.length).includes("."));
}

/** Which `$context` variable fills each log field, per API type; absent means the type has no such variable. */
export const FIELD_VARIABLES: Readonly<Record<Exclude<LogFieldName, "apiType">, Partial<Record<ApiType, string>>>> = {
  requestId: all("requestId"),
  extendedRequestId: all("extendedRequestId"),
  requestTime: all("requestTime"),
  requestTimeEpoch: all("requestTimeEpoch"),
  apiId: all("apiId"),
  stage: all("stage"),
  domainName: all("domainName"),
  httpMethod: { REST: "httpMethod", HTTP: "httpMethod" },
  resourcePath: { REST: "resourcePath" },
  routeKey: { HTTP: "routeKey", WEBSOCKET: "routeKey" },
  path: { REST: "path", HTTP: "path" },
  protocol: { REST: "protocol", HTTP: "protocol" },
  status: all("status"),
  responseLength: { REST: "responseLength", HTTP: "responseLength" },
  responseLatency: { REST: "responseLatency", HTTP: "responseLatency" },
  integrationLatency: all("integration.latency"),
  integrationStatus: all("integration.status"),
  authorizerLatency: { REST: "authorizer.latency", WEBSOCKET: "authorizer.latency" },
  errorMessage: all("error.message"),
  errorResponseType: all("error.responseType"),
  sourceIp: all("identity.sourceIp"),
  userAgent: all("identity.userAgent"),
  claimsSub: { REST: "authorizer.claims.sub", HTTP: "authorizer.claims.sub" },
  principalId: all("authorizer.principalId"),
  cognitoIdentityId: { REST: "identity.cognitoIdentityId", HTTP: "identity.cognitoIdentityId" },
  userArn: all("identity.userArn"),
  apiKeyId: { REST: "identity.apiKeyId", WEBSOCKET: "identity.apiKeyId" },
  eventType: { WEBSOCKET: "eventType" },
  connectionId: { WEBSOCKET: "connectionId" },
};

function all(variable: string): Record<ApiType, string> {
  return { REST: variable, HTTP: variable, WEBSOCKET: variable };
}

/**
 * The `format` string for a stage's access-log settings: one JSON object per request, with the
 * literal `apiType` first so the enricher knows which variables to expect.
 */
export function buildAccessLogFormat(apiType: ApiType): string {
  if (!(API_TYPES as readonly string[]).includes(apiType)) {
    throw new Error(`buildAccessLogFormat: apiType is ${JSON.stringify(apiType)}; expected one of ${API_TYPES.join(", ")}`);
  }
  const format: Record<string, string> = { apiType };
  for (const [field, byType] of Object.entries(FIELD_VARIABLES)) {
    const variable = (byType as Partial<Record<ApiType, string>>)[apiType];
    if (variable === undefined) continue;
    if (!isValidContextVariable(apiType, variable)) {
      throw new Error(`buildAccessLogFormat: field ${field} maps to $context.${variable}, which is not valid for ${apiType} access logs`);
    }
    format[field] = `$context.${variable}`;
  }
  return JSON.stringify(format);
}

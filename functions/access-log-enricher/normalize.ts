/**
 * Reads one access-log line (the JSON the access-log format produces) into typed fields: "-" and
 * missing keys become null, numeric strings become numbers, and a value of the wrong shape is an
 * error naming the key, the value and what was expected.
 */
import { API_TYPES, type ApiType, type LogFieldName } from "../../contracts/log-fields";
import { epochToMs, parseRequestTime } from "./request-time";

export interface LogLine {
  readonly apiType: ApiType | null;
  readonly requestId: string | null;
  readonly extendedRequestId: string | null;
  /** Epoch ms of the request, from requestTimeEpoch or else requestTime. */
  readonly requestTimeMs: number;
  readonly requestTimeEpoch: number | null;
  readonly apiId: string | null;
  readonly stage: string | null;
  readonly domainName: string | null;
  readonly httpMethod: string | null;
  readonly resourcePath: string | null;
  readonly routeKey: string | null;
  readonly path: string | null;
  readonly protocol: string | null;
  readonly status: number | null;
  readonly responseLength: number | null;
  readonly responseLatency: number | null;
  readonly integrationLatency: number | null;
  readonly integrationStatus: number | null;
  readonly authorizerLatency: number | null;
  readonly errorMessage: string | null;
  readonly errorResponseType: string | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly claimsSub: string | null;
  readonly principalId: string | null;
  readonly cognitoIdentityId: string | null;
  readonly userArn: string | null;
  readonly apiKeyId: string | null;
  readonly eventType: string | null;
  readonly connectionId: string | null;
}

type RawLine = { readonly [K in LogFieldName]?: unknown };

export type NormalizeResult = { readonly ok: true; readonly line: LogLine } | { readonly ok: false; readonly reason: string };

const INT_MAX = 2_147_483_647;
const MAX_SHOWN_VALUE = 80;

/** One reader reused for every line: the hot path allocates only the line itself. */
let reader: FieldReader | undefined;

export function normalizeLogLine(raw: unknown): NormalizeResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, reason: "log line is not a JSON object" };
  // Named loads (o.status, ...) stay monomorphic: JSON.parse gives lines of one format one shape.
  const o = raw as RawLine;
  const r = (reader ??= new FieldReader()).reset(o);
  const requestTimeEpoch = r.integer(o.requestTimeEpoch, "requestTimeEpoch", Number.MAX_SAFE_INTEGER);
  const requestTime = r.string(o.requestTime, "requestTime");
  let requestTimeMs = requestTimeEpoch === null ? undefined : epochToMs(requestTimeEpoch);
  if (requestTimeMs === undefined && requestTime !== null) requestTimeMs = parseRequestTime(requestTime);
  const line: LogLine = {
    apiType: r.apiType(o.apiType),
    requestId: r.string(o.requestId, "requestId"),
    extendedRequestId: r.string(o.extendedRequestId, "extendedRequestId"),
    requestTimeMs: requestTimeMs ?? 0,
    requestTimeEpoch,
    apiId: r.string(o.apiId, "apiId"),
    stage: r.string(o.stage, "stage"),
    domainName: r.string(o.domainName, "domainName"),
    httpMethod: r.string(o.httpMethod, "httpMethod"),
    resourcePath: r.string(o.resourcePath, "resourcePath"),
    routeKey: r.string(o.routeKey, "routeKey"),
    path: r.string(o.path, "path"),
    protocol: r.string(o.protocol, "protocol"),
    status: r.integer(o.status, "status", INT_MAX),
    responseLength: r.integer(o.responseLength, "responseLength", Number.MAX_SAFE_INTEGER),
    responseLatency: r.integer(o.responseLatency, "responseLatency", INT_MAX),
    integrationLatency: r.integer(o.integrationLatency, "integrationLatency", INT_MAX),
    integrationStatus: r.integer(o.integrationStatus, "integrationStatus", INT_MAX),
    authorizerLatency: r.integer(o.authorizerLatency, "authorizerLatency", INT_MAX),
    errorMessage: r.string(o.errorMessage, "errorMessage"),
    errorResponseType: r.string(o.errorResponseType, "errorResponseType"),
    sourceIp: r.string(o.sourceIp, "sourceIp"),
    userAgent: r.string(o.userAgent, "userAgent"),
    claimsSub: r.string(o.claimsSub, "claimsSub"),
    principalId: r.string(o.principalId, "principalId"),
    cognitoIdentityId: r.string(o.cognitoIdentityId, "cognitoIdentityId"),
    userArn: r.string(o.userArn, "userArn"),
    apiKeyId: r.string(o.apiKeyId, "apiKeyId"),
    eventType: r.string(o.eventType, "eventType"),
    connectionId: r.string(o.connectionId, "connectionId"),
  };
  if (r.error !== undefined) return { ok: false, reason: r.error };
  if (requestTimeMs === undefined) {
    return {
      ok: false,
      reason: `no usable request time: requestTimeEpoch is ${show(raw, "requestTimeEpoch")} and requestTime is ${show(raw, "requestTime")}; expected epoch milliseconds or a CLF time like 21/Nov/2026:08:43:43 +0000`,
    };
  }
  return { ok: true, line };
}

class FieldReader {
  error: string | undefined;
  private raw: RawLine = {};

  reset(raw: RawLine): this {
    this.raw = raw;
    this.error = undefined;
    return this;
  }

  string(value: unknown, key: LogFieldName): string | null {
    if (typeof value === "string") return value === "-" ? null : value;
    if (value === undefined || value === null) return null;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    this.fail(key, "a string");
    return null;
  }

  integer(value: unknown, key: LogFieldName, max: number): number | null {
    let n: number | undefined;
    if (typeof value === "number") n = value;
    else if (typeof value === "string") {
      if (value === "-" || value === "") return null;
      n = parseDecimalInteger(value);
    } else if (value === undefined || value === null) return null;
    if (n === undefined || !Number.isInteger(n) || n > max || n < -max) {
      this.fail(key, `an integer from ${-max} to ${max} (or "-")`);
      return null;
    }
    return n;
  }

  apiType(value: unknown): ApiType | null {
    if (value === undefined || value === null || value === "-") return null;
    if (typeof value === "string" && (API_TYPES as readonly string[]).includes(value)) return value as ApiType;
    this.fail("apiType", `one of ${API_TYPES.join(", ")}`);
    return null;
  }

  private fail(key: string, expected: string): void {
    this.error ??= `field ${key} is ${show(this.raw, key)}; expected ${expected}`;
  }
}

/** Digits with an optional sign; Number() alone would also accept "0x1f", "1e3" and " 12 ". */
function parseDecimalInteger(text: string): number | undefined {
  const negative = text.charCodeAt(0) === 45; /* - */
  const start = negative ? 1 : 0;
  if (text.length === start || text.length - start > 16) return undefined;
  let n = 0;
  for (let i = start; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d; // exact: at most 16 digits stay below 2^53 until the range check
  }
  return negative ? -n : n;
}

function show(raw: object, key: string): string {
  const value: unknown = (raw as Record<string, unknown>)[key];
  if (value === undefined) return "missing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text;
}

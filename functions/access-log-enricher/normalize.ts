/**
 * Reads one access-log line (the JSON the access-log format produces) into typed fields: "-" and
 * missing keys become null, numeric strings become numbers, and a value of the wrong shape is an
 * error naming the key, the value and what was expected.
 */
import { API_TYPES, type ApiType, type LogFieldName } from "./log-fields";
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

export type NormalizeResult = { readonly ok: true; readonly line: LogLine } | { readonly ok: false; readonly reason: string };

const INT_MAX = 2_147_483_647;
const MAX_SHOWN_VALUE = 80;

export function normalizeLogLine(raw: unknown): NormalizeResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, reason: "log line is not a JSON object" };
  const r = new FieldReader(raw as Readonly<Record<string, unknown>>);
  const requestTimeEpoch = r.integer("requestTimeEpoch", Number.MAX_SAFE_INTEGER);
  const requestTime = r.string("requestTime");
  const fields = {
    apiType: r.apiType(),
    requestId: r.string("requestId"),
    extendedRequestId: r.string("extendedRequestId"),
    requestTimeEpoch,
    apiId: r.string("apiId"),
    stage: r.string("stage"),
    domainName: r.string("domainName"),
    httpMethod: r.string("httpMethod"),
    resourcePath: r.string("resourcePath"),
    routeKey: r.string("routeKey"),
    path: r.string("path"),
    protocol: r.string("protocol"),
    status: r.integer("status", INT_MAX),
    responseLength: r.integer("responseLength", Number.MAX_SAFE_INTEGER),
    responseLatency: r.integer("responseLatency", INT_MAX),
    integrationLatency: r.integer("integrationLatency", INT_MAX),
    integrationStatus: r.integer("integrationStatus", INT_MAX),
    authorizerLatency: r.integer("authorizerLatency", INT_MAX),
    errorMessage: r.string("errorMessage"),
    errorResponseType: r.string("errorResponseType"),
    sourceIp: r.string("sourceIp"),
    userAgent: r.string("userAgent"),
    claimsSub: r.string("claimsSub"),
    principalId: r.string("principalId"),
    cognitoIdentityId: r.string("cognitoIdentityId"),
    userArn: r.string("userArn"),
    apiKeyId: r.string("apiKeyId"),
    eventType: r.string("eventType"),
    connectionId: r.string("connectionId"),
  };
  if (r.error !== undefined) return { ok: false, reason: r.error };

  let requestTimeMs = requestTimeEpoch === null ? undefined : epochToMs(requestTimeEpoch);
  if (requestTimeMs === undefined && requestTime !== null) requestTimeMs = parseRequestTime(requestTime);
  if (requestTimeMs === undefined) {
    return {
      ok: false,
      reason: `no usable request time: requestTimeEpoch is ${show(raw, "requestTimeEpoch")} and requestTime is ${show(raw, "requestTime")}; expected epoch milliseconds or a CLF time like 21/Nov/2026:08:43:43 +0000`,
    };
  }
  return { ok: true, line: { ...fields, requestTimeMs } };
}

class FieldReader {
  error: string | undefined;

  constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

  string(key: LogFieldName): string | null {
    const value = this.raw[key];
    if (typeof value === "string") return value === "-" ? null : value;
    if (value === undefined || value === null) return null;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    this.fail(key, "a string");
    return null;
  }

  integer(key: LogFieldName, max: number): number | null {
    const value = this.raw[key];
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

  apiType(): ApiType | null {
    const value = this.raw.apiType;
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
  const start = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (text.length === start || text.length - start > 16) return undefined;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(text);
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

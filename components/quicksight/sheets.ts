import type { SliceName } from "./filters";
import type { PlacedVisual, VisualFactory } from "./visuals";

/** A visual on a sheet, optionally narrowed to one slice of the requests. */
export interface SheetVisual {
  readonly placed: PlacedVisual;
  readonly slice?: SliceName;
}

export interface SheetSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly visuals: readonly SheetVisual[];
}

export interface SheetOptions {
  /** How many categories bar charts keep before "Other". */
  readonly topN: number;
}

const RAW_COLUMNS = [
  "request_time",
  "domain_name",
  "api_id",
  "stage",
  "http_method",
  "route",
  "status",
  "response_latency_ms",
  "integration_latency_ms",
  "response_length",
  "error_response_type",
  "auth_method",
  "user_id",
  "api_key_name",
  "usage_plan_name",
  "customer_id",
  "source_ip",
  "user_agent",
  "request_id",
] as const;

function overview(v: VisualFactory, { topN }: SheetOptions): SheetSpec {
  return {
    id: "overview",
    name: "Overview",
    description: "Request volume, status classes, latency and users over the selected dates.",
    visuals: [
      { placed: v.kpi({ id: "kpi-requests", title: "Requests" }, (f) => f.count()) },
      { placed: v.kpi({ id: "kpi-2xx", title: "2xx responses" }, (f) => f.numeric("requests_2xx", "SUM")) },
      { placed: v.kpi({ id: "kpi-4xx", title: "4xx responses" }, (f) => f.numeric("requests_4xx", "SUM")) },
      { placed: v.kpi({ id: "kpi-5xx", title: "5xx responses" }, (f) => f.numeric("requests_5xx", "SUM")) },
      { placed: v.kpi({ id: "kpi-distinct-users", title: "Distinct users" }, (f) => f.distinctCount("user_id")) },
      { placed: v.kpi({ id: "kpi-response-latency", title: "Average response latency (ms)" }, (f) => f.numeric("response_latency_ms", "AVERAGE")) },
      {
        placed: v.kpi({ id: "kpi-integration-latency", title: "Average integration latency (ms)" }, (f) =>
          f.numeric("integration_latency_ms", "AVERAGE"),
        ),
      },
      {
        placed: v.kpi({ id: "kpi-authorizer-latency", title: "Average authorizer latency (ms)", subtitle: "REST APIs only" }, (f) =>
          f.numeric("authorizer_latency_ms", "AVERAGE"),
        ),
      },
      {
        placed: v.pie({ id: "pie-status-class", title: "Requests by status class" }, (f) => ({
          category: f.category("status_class"),
          value: f.count(),
        })),
      },
      {
        placed: v.bar({ id: "bar-top-domains", title: `Top ${topN} domains by requests` }, (f) => ({
          category: f.category("domain_name"),
          values: [f.count()],
        }), topN),
      },
      {
        placed: v.line({ id: "line-daily-requests-by-domain", title: "Daily requests by domain" }, (f) => ({
          x: f.date("request_date", "DAY"),
          values: [f.count()],
          colors: f.category("domain_name"),
        }), topN),
      },
      {
        placed: v.line({ id: "line-daily-distinct-users", title: "Daily distinct users" }, (f) => ({
          x: f.date("request_date", "DAY"),
          values: [f.distinctCount("user_id")],
        })),
      },
    ],
  };
}

function traffic(v: VisualFactory, { topN }: SheetOptions): SheetSpec {
  return {
    id: "traffic",
    name: "Traffic",
    description: "Who calls what: routes, usage plans, API keys, customers and clients.",
    visuals: [
      {
        placed: v.bar({ id: "bar-requests-by-route", title: "Requests by endpoint (method and route)" }, (f) => ({
          category: f.category("endpoint"),
          values: [f.count()],
        }), topN),
      },
      {
        placed: v.bar({ id: "bar-requests-by-usage-plan", title: "Requests by usage plan" }, (f) => ({
          category: f.category("usage_plan_name"),
          values: [f.count()],
        }), topN),
      },
      {
        placed: v.bar({ id: "bar-requests-by-api-key", title: "Requests by API key" }, (f) => ({
          category: f.category("api_key_name"),
          values: [f.count()],
        }), topN),
      },
      {
        placed: v.bar(
          { id: "bar-quota-usage-by-domain", title: "Requests counted against usage-plan quotas, by domain and plan", subtitle: "requests that carried an API key" },
          (f) => ({ category: f.category("domain_name"), values: [f.count("api_key_id")], colors: f.category("usage_plan_name") }),
          topN,
        ),
      },
      {
        placed: v.bar({ id: "bar-bytes-by-customer", title: "Bytes downloaded by customer" }, (f) => ({
          category: f.category("customer_id"),
          values: [f.numeric("response_length", "SUM")],
        }), topN),
      },
      {
        placed: v.bar({ id: "bar-requests-by-user-agent", title: "Requests by user agent" }, (f) => ({
          category: f.category("user_agent"),
          values: [f.count()],
        }), topN),
      },
    ],
  };
}

function errorsAndQuotas(v: VisualFactory, { topN }: SheetOptions): SheetSpec {
  return {
    id: "errors-quotas",
    name: "Errors & quotas",
    description: "Client errors, quota rejections and authentication failures, with when they were first and last seen.",
    visuals: [
      {
        slice: "4xx",
        placed: v.bar({ id: "bar-4xx-by-endpoint", title: "4xx responses by endpoint" }, (f) => ({
          category: f.category("endpoint"),
          values: [f.count()],
        }), topN),
      },
      {
        slice: "has-error-type",
        placed: v.line({ id: "line-error-types-over-time", title: "Error response types per day" }, (f) => ({
          x: f.date("request_date", "DAY"),
          values: [f.count()],
          colors: f.category("error_response_type"),
        }), topN),
      },
      {
        slice: "4xx",
        placed: v.table({ id: "table-4xx", title: "4xx responses by domain, endpoint, status and error type" }, (f) => ({
          groupBy: [f.category("domain_name"), f.category("endpoint"), f.number("status"), f.category("error_response_type")],
          values: [f.count(), f.firstSeen(), f.lastSeen()],
        })),
      },
      {
        slice: "quota-exceeded",
        placed: v.table({ id: "table-quota-exceeded", title: "Quota exceeded by API, usage plan, API key and route" }, (f) => ({
          groupBy: [f.category("api_id"), f.category("usage_plan_name"), f.category("api_key_name"), f.category("route")],
          values: [f.count(), f.firstSeen(), f.lastSeen()],
        })),
      },
      {
        slice: "auth-failures",
        placed: v.table({ id: "table-auth-failures", title: "Authentication failures (401, 402, 403)" }, (f) => ({
          groupBy: [f.number("status"), f.category("endpoint"), f.category("auth_method"), f.category("error_response_type"), f.category("source_ip")],
          values: [f.count(), f.firstSeen(), f.lastSeen()],
        })),
      },
    ],
  };
}

function latency(v: VisualFactory, { topN }: SheetOptions): SheetSpec {
  return {
    id: "latency",
    name: "Latency",
    description: "Response, integration and authorizer latency over time and by route and usage plan.",
    visuals: [
      {
        placed: v.line({ id: "line-latency-over-time", title: "Average response and integration latency per hour (ms)" }, (f) => ({
          x: f.date("request_time", "HOUR"),
          values: [f.numeric("response_latency_ms", "AVERAGE"), f.numeric("integration_latency_ms", "AVERAGE")],
        })),
      },
      {
        placed: v.line(
          { id: "line-authorizer-latency-over-time", title: "Average authorizer latency per hour (ms)", subtitle: "REST APIs only" },
          (f) => ({ x: f.date("request_time", "HOUR"), values: [f.numeric("authorizer_latency_ms", "AVERAGE")] }),
        ),
      },
      {
        placed: v.bar({ id: "bar-p90-latency-by-route", title: "p90 response latency by endpoint (ms)" }, (f) => ({
          category: f.category("endpoint"),
          values: [f.percentile("response_latency_ms", 90)],
        }), topN),
      },
      {
        placed: v.table({ id: "table-latency-by-route-plan", title: "Latency by endpoint and usage plan (ms)" }, (f) => ({
          groupBy: [f.category("endpoint"), f.category("usage_plan_name")],
          values: [
            f.count(),
            f.numeric("response_latency_ms", "AVERAGE"),
            f.percentile("response_latency_ms", 90),
            f.numeric("response_latency_ms", "MAX"),
            f.numeric("integration_latency_ms", "AVERAGE"),
          ],
        })),
      },
    ],
  };
}

function users(v: VisualFactory, { topN }: SheetOptions): SheetSpec {
  return {
    id: "users",
    name: "Users",
    description: "Who the callers are: top users, Cognito and IAM identities, distinct users over time.",
    visuals: [
      {
        placed: v.bar({ id: "bar-top-users", title: `Top ${topN} users by requests` }, (f) => ({
          category: f.category("user_id"),
          values: [f.count()],
        }), topN),
      },
      {
        placed: v.line({ id: "line-daily-distinct-users-by-auth", title: "Daily distinct users by authentication method" }, (f) => ({
          x: f.date("request_date", "DAY"),
          values: [f.distinctCount("user_id")],
          colors: f.category("auth_method"),
        }), topN),
      },
      {
        slice: "cognito",
        placed: v.table({ id: "table-cognito-users", title: "Cognito users" }, (f) => ({
          groupBy: [f.category("claims_sub"), f.category("cognito_identity_id")],
          values: [f.count(), f.firstSeen(), f.lastSeen()],
        })),
      },
      {
        slice: "iam",
        placed: v.table({ id: "table-iam-users", title: "IAM-authenticated callers" }, (f) => ({
          groupBy: [f.category("iam_user_arn")],
          values: [f.count(), f.firstSeen(), f.lastSeen()],
        })),
      },
    ],
  };
}

function raw(v: VisualFactory): SheetSpec {
  return {
    id: "raw",
    name: "Raw",
    description: "Individual requests, newest first.",
    visuals: [{ placed: v.rawTable({ id: "table-raw-requests", title: "Individual requests, newest first" }, RAW_COLUMNS, "request_time") }],
  };
}

export function usageSheets(v: VisualFactory, options: SheetOptions): SheetSpec[] {
  return [overview(v, options), traffic(v, options), errorsAndQuotas(v, options), latency(v, options), users(v, options), raw(v)];
}

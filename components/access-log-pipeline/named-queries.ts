/**
 * Athena SQL over the access-log table. Every query selects the days from a first to a last day
 * (UTC) the midnight-safe way of contracts/day-window.ts: it prunes on a `dt` range one day wider
 * on each side, so partition projection reads only those partitions, and selects rows by the
 * day of `request_time`. Athena execution parameters are SQL literals, so the Athena console asks
 * for four quoted dates: first day, last day, first day, last day.
 */
import type { ColumnName, PartitionKeyName } from "../../contracts/data-lake";
import { sqlPartitionRange } from "../../contracts/day-window";
import { sqlIdentityPresent, sqlPresentIdentity } from "../../contracts/identity";

export interface NamedQuerySql {
  /** Suffix of the resource name and the query's name in the workgroup. */
  key: string;
  description: string;
  query: string;
}

/** A column of the table, checked against the enricher's schema by the compiler. */
const c = (name: ColumnName | PartitionKeyName): string => name;

/** A date parameter: the literal the user types ('2026-11-01') read as a date. */
const DAY_PARAMETER = "CAST(? AS date)";

/** The request's own UTC day; per-day results group by it, never by `dt`. */
export const REQUEST_DAY = `CAST(${c("request_time")} AS date)`;

/** The date filter every query starts its WHERE clause with: prune on `dt`, select on the request's day. */
export const DATE_RANGE_PREDICATE = [
  sqlPartitionRange(c("dt"), DAY_PARAMETER, DAY_PARAMETER),
  `  AND ${REQUEST_DAY} BETWEEN ${DAY_PARAMETER} AND ${DAY_PARAMETER}`,
].join("\n");

/** How many `?` each query takes. */
export const DATE_PARAMETER_COUNT = 4;

const DATES =
  "Parameters, in order: first day, last day, first day, last day, each a quoted UTC date like '2026-11-01' " +
  "(the first pair prunes partitions, the second selects requests by request_time).";

/** The named queries for one table, quoted as `"database"."table"`. */
export function namedQueries(database: string, table: string): NamedQuerySql[] {
  const from = `FROM "${database}"."${table}"`;
  const where = `WHERE ${DATE_RANGE_PREDICATE}`;
  return [
    {
      key: "distinct-users-per-day",
      description: `Distinct users and requests per day. ${DATES}`,
      query: lines(
        `SELECT ${REQUEST_DAY} AS day, count(DISTINCT ${sqlPresentIdentity(c("user_id"))}) AS distinct_users, count(*) AS requests`,
        from,
        where,
        `GROUP BY ${REQUEST_DAY}`,
        `ORDER BY day`,
      ),
    },
    {
      key: "requests-by-route",
      description: `Requests, 4xx and 5xx per API, stage, method and route. ${DATES}`,
      query: lines(
        `SELECT ${c("api_id")}, ${c("stage")}, ${c("http_method")}, ${c("route")}, count(*) AS requests,`,
        `  count_if(${c("status")} BETWEEN 400 AND 499) AS client_errors, count_if(${c("status")} >= 500) AS server_errors`,
        from,
        where,
        `GROUP BY ${c("api_id")}, ${c("stage")}, ${c("http_method")}, ${c("route")}`,
        "ORDER BY requests DESC",
        "LIMIT 1000",
      ),
    },
    {
      key: "latency-by-route",
      description: `p50, p90 and p99 response latency (ms, approximate) per route. ${DATES}`,
      query: lines(
        `SELECT ${c("api_id")}, ${c("http_method")}, ${c("route")}, count(*) AS requests,`,
        `  approx_percentile(${c("response_latency_ms")}, 0.5) AS p50_ms,`,
        `  approx_percentile(${c("response_latency_ms")}, 0.9) AS p90_ms,`,
        `  approx_percentile(${c("response_latency_ms")}, 0.99) AS p99_ms,`,
        `  approx_percentile(${c("integration_latency_ms")}, 0.99) AS integration_p99_ms`,
        from,
        where,
        `  AND ${c("response_latency_ms")} IS NOT NULL`,
        `GROUP BY ${c("api_id")}, ${c("http_method")}, ${c("route")}`,
        "ORDER BY p99_ms DESC",
        "LIMIT 1000",
      ),
    },
    {
      key: "errors-by-response-type",
      description: `4xx and 5xx responses by API Gateway error response type (QUOTA_EXCEEDED, THROTTLED, ...). ${DATES}`,
      query: lines(
        `SELECT coalesce(${c("error_response_type")}, 'NONE') AS error_response_type,`,
        `  CASE WHEN ${c("status")} >= 500 THEN '5xx' ELSE '4xx' END AS status_class,`,
        "  count(*) AS responses",
        from,
        where,
        `  AND ${c("status")} >= 400`,
        "GROUP BY 1, 2",
        "ORDER BY responses DESC",
      ),
    },
    {
      key: "quota-exceeded-by-api-key",
      description: `Requests rejected for quota or throttling per usage plan and API key. ${DATES}`,
      query: lines(
        `SELECT ${c("usage_plan_id")}, ${c("usage_plan_name")}, ${c("api_key_id")}, ${c("api_key_name")}, ${c("customer_id")},`,
        `  count_if(${c("error_response_type")} = 'QUOTA_EXCEEDED') AS quota_exceeded,`,
        `  count_if(${c("error_response_type")} = 'THROTTLED') AS throttled`,
        from,
        where,
        `  AND ${c("error_response_type")} IN ('QUOTA_EXCEEDED', 'THROTTLED')`,
        `GROUP BY ${c("usage_plan_id")}, ${c("usage_plan_name")}, ${c("api_key_id")}, ${c("api_key_name")}, ${c("customer_id")}`,
        "ORDER BY quota_exceeded DESC, throttled DESC",
      ),
    },
    {
      key: "bytes-by-customer",
      description: `Response bytes and requests per customer (the API key's customer id). ${DATES}`,
      query: lines(
        `SELECT ${c("customer_id")}, count(DISTINCT ${c("api_key_id")}) AS api_keys, count(*) AS requests,`,
        `  sum(${c("response_length")}) AS bytes_downloaded`,
        from,
        where,
        `GROUP BY ${c("customer_id")}`,
        "ORDER BY bytes_downloaded DESC",
      ),
    },
    {
      key: "top-users",
      description: `The 100 users with the most requests, with where their identity came from. ${DATES}`,
      query: lines(
        `SELECT ${c("user_id")}, ${c("user_source")}, count(*) AS requests, count(DISTINCT ${c("route")}) AS routes,`,
        `  count_if(${c("status")} >= 400) AS errors, sum(${c("response_length")}) AS bytes_downloaded,`,
        `  min(${c("request_time")}) AS first_seen, max(${c("request_time")}) AS last_seen`,
        from,
        where,
        `  AND ${sqlIdentityPresent(c("user_id"))}`,
        `GROUP BY ${c("user_id")}, ${c("user_source")}`,
        "ORDER BY requests DESC",
        "LIMIT 100",
      ),
    },
  ];
}

function lines(...parts: string[]): string {
  return parts.join("\n");
}

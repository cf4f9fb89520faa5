/**
 * Athena SQL over the access-log table. Every query takes the first and last day (yyyy-MM-dd) as
 * the `?` execution parameters of `dt BETWEEN ? AND ?`, so that partition projection reads only
 * those days; the Athena console asks for them when the saved query is run.
 */
import type { ColumnName, PartitionKeyName } from "../../contracts/data-lake";

export interface NamedQuerySql {
  /** Suffix of the resource name and the query's name in the workgroup. */
  key: string;
  description: string;
  query: string;
}

/** A column of the table, checked against the enricher's schema by the compiler. */
const c = (name: ColumnName | PartitionKeyName): string => name;

/** The date filter every query starts its WHERE clause with. */
export const DATE_RANGE_PREDICATE = `${c("dt")} BETWEEN ? AND ?`;

const DATES = "Parameters: first day, last day (yyyy-MM-dd, UTC).";

/** The named queries for one table, quoted as `"database"."table"`. */
export function namedQueries(database: string, table: string): NamedQuerySql[] {
  const from = `FROM "${database}"."${table}"`;
  const where = `WHERE ${DATE_RANGE_PREDICATE}`;
  return [
    {
      key: "distinct-users-per-day",
      description: `Distinct users and requests per day. ${DATES}`,
      query: lines(
        `SELECT ${c("dt")}, count(DISTINCT ${c("user_id")}) AS distinct_users, count(*) AS requests`,
        from,
        where,
        `GROUP BY ${c("dt")}`,
        `ORDER BY ${c("dt")}`,
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
        `  AND ${c("user_id")} IS NOT NULL`,
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

import assert from "node:assert/strict";
import { DATE_PARAMETER_COUNT, DATE_RANGE_PREDICATE, namedQueries } from "../../../components/access-log-pipeline/named-queries";
import { ACCESS_LOG_COLUMNS, PARTITION_KEYS } from "../../../contracts/data-lake";

const queries = namedQueries("lake_db", "access_logs");
const byKey = (key: string) => {
  const q = queries.find((x) => x.key === key);
  assert.ok(q, `no query ${key}`);
  return q.query;
};

describe("named queries", () => {
  it("are the seven the issue asks for, with unique keys", () => {
    assert.deepEqual(queries.map((q) => q.key), [
      "distinct-users-per-day",
      "requests-by-route",
      "latency-by-route",
      "errors-by-response-type",
      "quota-exceeded-by-api-key",
      "bytes-by-customer",
      "top-users",
    ]);
  });

  for (const q of queries) {
    it(`${q.key} reads the table and starts its WHERE with the midnight-safe day range`, () => {
      assert.ok(q.query.includes(`FROM "lake_db"."access_logs"\nWHERE ${DATE_RANGE_PREDICATE}`));
      assert.equal(q.query.split("?").length - 1, DATE_PARAMETER_COUNT, "the four date parameters");
    });

    it(`${q.key} documents its parameters as quoted dates, in order`, () => {
      assert.match(q.description, /Parameters, in order: first day, last day, first day, last day, each a quoted UTC date like '2026-11-01'/);
    });
  }

  it("prune on dt one day wider on each side and select on the request's own day", () => {
    assert.equal(
      DATE_RANGE_PREDICATE,
      "dt BETWEEN date_format(date_add('day', -1, CAST(? AS date)), '%Y-%m-%d') AND date_format(date_add('day', 1, CAST(? AS date)), '%Y-%m-%d')\n" +
        "  AND CAST(request_time AS date) BETWEEN CAST(? AS date) AND CAST(? AS date)",
    );
  });

  it("compute distinct users per day", () => {
    assert.match(byKey("distinct-users-per-day"), /count\(DISTINCT CASE WHEN user_id IS NOT NULL[^)]*trim\(user_id\) <> '' THEN user_id END\) AS distinct_users[\s\S]*GROUP BY CAST\(request_time AS date\)/);
  });

  it("compute p50, p90 and p99 latency by route with approx_percentile", () => {
    const sql = byKey("latency-by-route");
    for (const p of ["0.5", "0.9", "0.99"]) assert.ok(sql.includes(`approx_percentile(response_latency_ms, ${p})`), p);
    assert.match(sql, /GROUP BY api_id, http_method, route/);
  });

  it("split 4xx and 5xx by error response type", () => {
    assert.match(byKey("errors-by-response-type"), /error_response_type[\s\S]*'5xx'[\s\S]*'4xx'[\s\S]*status >= 400/);
  });

  it("count QUOTA_EXCEEDED per usage plan and API key", () => {
    const sql = byKey("quota-exceeded-by-api-key");
    assert.match(sql, /count_if\(error_response_type = 'QUOTA_EXCEEDED'\)/);
    assert.match(sql, /GROUP BY usage_plan_id, usage_plan_name, api_key_id, api_key_name/);
  });

  it("sum bytes downloaded per customer and rank the top users", () => {
    assert.match(byKey("bytes-by-customer"), /sum\(response_length\) AS bytes_downloaded[\s\S]*GROUP BY customer_id/);
    assert.match(byKey("top-users"), /GROUP BY user_id, user_source\nORDER BY requests DESC\nLIMIT 100$/);
  });

  it("name only columns of the table (snake_case words that are not columns are aliases they define)", () => {
    const columns = new Set<string>([...ACCESS_LOG_COLUMNS, ...PARTITION_KEYS].map((c) => c.name));
    for (const q of queries) {
      const aliases = new Set([...q.query.matchAll(/ AS ([a-z_0-9]+)/g)].map((m) => m[1]));
      const words = [...q.query.replace(/'[^']*'|"[^"]*"/g, "").matchAll(/\b[a-z]+_[a-z_0-9]+\b/g)].map((m) => m[0]);
      const functions = new Set(["approx_percentile", "count_if", "date_format", "date_add"]);
      const unknown = words.filter((w) => !columns.has(w) && !aliases.has(w) && !functions.has(w));
      assert.deepEqual(unknown, [], q.key);
    }
  });
});

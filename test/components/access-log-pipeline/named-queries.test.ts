import assert from "node:assert/strict";
import { DATE_RANGE_PREDICATE, namedQueries } from "../../../components/access-log-pipeline/named-queries";
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
    it(`${q.key} reads the table and prunes partitions with dt BETWEEN ? AND ? as its first filter`, () => {
      assert.equal(DATE_RANGE_PREDICATE, "dt BETWEEN ? AND ?");
      assert.match(q.query, /FROM "lake_db"\."access_logs"\nWHERE dt BETWEEN \? AND \?(\n|$)/);
      assert.equal(q.query.split("?").length - 1, 2, "exactly the two date parameters");
      assert.match(q.description, /Parameters: first day, last day/);
    });
  }

  it("compute distinct users per day", () => {
    assert.match(byKey("distinct-users-per-day"), /count\(DISTINCT user_id\) AS distinct_users[\s\S]*GROUP BY dt/);
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
      const functions = new Set(["approx_percentile", "count_if"]);
      const unknown = words.filter((w) => !columns.has(w) && !aliases.has(w) && !functions.has(w));
      assert.deepEqual(unknown, [], q.key);
    }
  });
});

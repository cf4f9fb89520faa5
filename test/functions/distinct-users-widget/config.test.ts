import assert from "node:assert/strict";
import { readConfig } from "../../../functions/distinct-users-widget/config";

describe("distinct-users-widget readConfig", () => {
  it("uses a 50 s deadline, a 60 s cache, 4 concurrent queries, 1000 queries and 250-3000 ms polls by default", () => {
    assert.deepEqual(readConfig({}), {
      deadlineMs: 50_000,
      cacheTtlMs: 60_000,
      maxConcurrentQueries: 4,
      maxQueries: 1000,
      pollInitialMs: 250,
      pollMaxMs: 3_000,
      athenaDefaults: { workgroup: undefined, database: undefined, table: undefined },
      calls: { connectTimeoutMs: 2_000, requestTimeoutMs: 10_000, callMaxAttempts: 3, deadlineMarginMs: 3_000 },
    });
  });

  it("reads every variable it documents", () => {
    const config = readConfig({
      DEADLINE_SECONDS: "20",
      CACHE_TTL_SECONDS: "0",
      MAX_CONCURRENT_QUERIES: "8",
      MAX_QUERIES: "50",
      POLL_INITIAL_MS: "100",
      POLL_MAX_MS: "2000",
      DEFAULT_ATHENA_WORKGROUP: "wg",
      DEFAULT_ATHENA_DATABASE: "db",
      DEFAULT_ATHENA_TABLE: "t",
      CONNECT_TIMEOUT_MS: "300",
      REQUEST_TIMEOUT_MS: "4000",
      CALL_MAX_ATTEMPTS: "1",
      DEADLINE_MARGIN_MS: "1500",
    });
    assert.deepEqual(config, {
      deadlineMs: 20_000,
      cacheTtlMs: 0,
      maxConcurrentQueries: 8,
      maxQueries: 50,
      pollInitialMs: 100,
      pollMaxMs: 2000,
      athenaDefaults: { workgroup: "wg", database: "db", table: "t" },
      calls: { connectTimeoutMs: 300, requestTimeoutMs: 4_000, callMaxAttempts: 1, deadlineMarginMs: 1_500 },
    });
  });

  for (const [name, value, message] of [
    ["DEADLINE_SECONDS", "0", 'DEADLINE_SECONDS must be an integer from 1 to 900, got "0"'],
    ["DEADLINE_SECONDS", "1.5", 'DEADLINE_SECONDS must be an integer from 1 to 900, got "1.5"'],
    ["MAX_CONCURRENT_QUERIES", "many", 'MAX_CONCURRENT_QUERIES must be an integer from 1 to 100, got "many"'],
    ["POLL_MAX_MS", "20", "POLL_MAX_MS must be at least POLL_INITIAL_MS (250), got 20"],
    ["DEFAULT_ATHENA_TABLE", "bad name", 'DEFAULT_ATHENA_TABLE must be an Athena table, got "bad name"'],
  ] as const) {
    it(`rejects ${name}=${value} naming the variable, the value and the expectation`, () => {
      assert.throws(() => readConfig({ [name]: value }), { name: "EnvironmentError", message, problems: [message] });
    });
  }
});

import assert from "node:assert/strict";
import { readConfig } from "../../../functions/access-log-enricher/config";

describe("access-log-enricher readConfig", () => {
  it("uses the documented defaults when nothing is set, the cache TTL in ms", () => {
    assert.deepEqual(readConfig({}), {
      userIdOrder: ["claims_sub", "principal_id", "cognito_identity_id", "iam_user_arn", "api_key_id"],
      ipAddressMode: "truncate",
      partitionByHour: false,
      mixedPartitions: "first-row",
      usagePlanLookup: true,
      usagePlanCacheTtlMs: 300_000,
      usagePlanKeysConcurrency: 2,
      calls: { connectTimeoutMs: 2_000, requestTimeoutMs: 5_000, callMaxAttempts: 3, deadlineMarginMs: 5_000 },
      usagePlanLookupTimeoutMs: 15_000,
      maxInflatedBytes: 8 * 1024 * 1024,
    });
  });

  it("reads every variable", () => {
    const config = readConfig({
      USER_ID_ORDER: "api_key_id, claims_sub",
      IP_ADDRESS_MODE: "drop",
      PARTITION_BY_HOUR: "true",
      MIXED_PARTITIONS: "fail",
      USAGE_PLAN_LOOKUP: "false",
      USAGE_PLAN_CACHE_TTL_SECONDS: "60",
      USAGE_PLAN_KEYS_CONCURRENCY: "3",
      CONNECT_TIMEOUT_MS: "500",
      REQUEST_TIMEOUT_MS: "1500",
      CALL_MAX_ATTEMPTS: "2",
      DEADLINE_MARGIN_MS: "4000",
      USAGE_PLAN_LOOKUP_TIMEOUT_MS: "9000",
      MAX_INFLATED_BYTES: "2097152",
    });
    assert.deepEqual(config, {
      userIdOrder: ["api_key_id", "claims_sub"],
      ipAddressMode: "drop",
      partitionByHour: true,
      mixedPartitions: "fail",
      usagePlanLookup: false,
      usagePlanCacheTtlMs: 60_000,
      usagePlanKeysConcurrency: 3,
      calls: { connectTimeoutMs: 500, requestTimeoutMs: 1_500, callMaxAttempts: 2, deadlineMarginMs: 4_000 },
      usagePlanLookupTimeoutMs: 9_000,
      maxInflatedBytes: 2_097_152,
    });
  });

  const SOURCES = "one of claims_sub, principal_id, cognito_identity_id, iam_user_arn, api_key_id";
  const bad: Array<[string, string, string]> = [
    ["USER_ID_ORDER", "claims_sub,email", `USER_ID_ORDER[1] must be ${SOURCES}, got "email"`],
    ["USER_ID_ORDER", "claims_sub,claims_sub", `USER_ID_ORDER[1] repeats "claims_sub"; each entry must be unique`],
    ["IP_ADDRESS_MODE", "hash", `IP_ADDRESS_MODE must be one of keep, truncate, drop, got "hash"`],
    ["PARTITION_BY_HOUR", "yes", `PARTITION_BY_HOUR must be true or false, got "yes"`],
    ["MIXED_PARTITIONS", "split", `MIXED_PARTITIONS must be one of first-row, fail, got "split"`],
    ["USAGE_PLAN_CACHE_TTL_SECONDS", "0", `USAGE_PLAN_CACHE_TTL_SECONDS must be an integer from 1 to 86400, got "0"`],
    ["USAGE_PLAN_CACHE_TTL_SECONDS", "5m", `USAGE_PLAN_CACHE_TTL_SECONDS must be an integer from 1 to 86400, got "5m"`],
    ["USAGE_PLAN_KEYS_CONCURRENCY", "50", `USAGE_PLAN_KEYS_CONCURRENCY must be an integer from 1 to 5, got "50"`],
    ["MAX_INFLATED_BYTES", "1048575", `MAX_INFLATED_BYTES must be an integer from 1048576 to 67108864, got "1048575"`],
    ["REQUEST_TIMEOUT_MS", "0", `REQUEST_TIMEOUT_MS must be an integer from 10 to 900000, got "0"`],
  ];
  for (const [name, value, message] of bad) {
    it(`rejects ${name}=${value} naming the variable, the value and the expectation`, () => {
      assert.throws(() => readConfig({ [name]: value }), { name: "EnvironmentError", message, problems: [message] });
    });
  }
});

import assert from "node:assert/strict";
import { DEFAULT_CONFIG, readConfig } from "../../../functions/access-log-enricher/config";

describe("readConfig", () => {
  it("uses the documented defaults when nothing is set", () => {
    assert.deepEqual(readConfig({}), DEFAULT_CONFIG);
    assert.deepEqual(DEFAULT_CONFIG.userIdOrder, ["claims_sub", "principal_id", "cognito_identity_id", "iam_user_arn", "api_key_id"]);
    assert.equal(DEFAULT_CONFIG.usagePlanCacheTtlMs, 300_000);
    assert.equal(DEFAULT_CONFIG.ipAddressMode, "truncate");
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
    });
    assert.deepEqual(config, {
      userIdOrder: ["api_key_id", "claims_sub"],
      ipAddressMode: "drop",
      partitionByHour: true,
      mixedPartitions: "fail",
      usagePlanLookup: false,
      usagePlanCacheTtlMs: 60_000,
      usagePlanKeysConcurrency: 3,
    });
  });

  const bad: Array<[string, string, RegExp]> = [
    ["USER_ID_ORDER", "claims_sub,email", /USER_ID_ORDER is "claims_sub,email"; expected a comma-separated list of distinct sources from claims_sub/],
    ["USER_ID_ORDER", "claims_sub,claims_sub", /USER_ID_ORDER is "claims_sub,claims_sub"; expected .*distinct/],
    ["IP_ADDRESS_MODE", "hash", /IP_ADDRESS_MODE is "hash"; expected one of keep, truncate, drop/],
    ["PARTITION_BY_HOUR", "yes", /PARTITION_BY_HOUR is "yes"; expected true or false/],
    ["MIXED_PARTITIONS", "split", /MIXED_PARTITIONS is "split"; expected one of first-row, fail/],
    ["USAGE_PLAN_CACHE_TTL_SECONDS", "0", /USAGE_PLAN_CACHE_TTL_SECONDS is "0"; expected an integer from 1 to 86400/],
    ["USAGE_PLAN_CACHE_TTL_SECONDS", "5m", /USAGE_PLAN_CACHE_TTL_SECONDS is "5m"/],
    ["USAGE_PLAN_KEYS_CONCURRENCY", "50", /USAGE_PLAN_KEYS_CONCURRENCY is "50"; expected an integer from 1 to 5/],
  ];
  for (const [name, value, message] of bad) {
    it(`rejects ${name}=${value} naming the variable, the value and the expectation`, () => {
      assert.throws(() => readConfig({ [name]: value }), message);
    });
  }
});

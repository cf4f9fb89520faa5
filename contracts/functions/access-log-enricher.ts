/** The access-log enricher's contract: its environment and the AWS calls it makes. */
import { defineEnvironment, envVar } from "../environment";
import { arrayKind, booleanKind, enumKind, integerKind } from "../kinds";
import { declarePermissions } from "../permissions";
import { callBudgetVars } from "./call-budget";

/** Where a user id can come from, in the names written to the `user_source` column. */
export const USER_SOURCES = ["claims_sub", "principal_id", "cognito_identity_id", "iam_user_arn", "api_key_id"] as const;
export type UserSource = (typeof USER_SOURCES)[number];

export const IP_ADDRESS_MODES = ["keep", "truncate", "drop"] as const;
export type IpAddressMode = (typeof IP_ADDRESS_MODES)[number];

/**
 * What to do with one Firehose record whose rows fall in different partitions (a CloudWatch Logs
 * batch crossing midnight, or the hour with hourly partitions): `first-row` files the record under
 * its first row's partition (every row keeps its exact request_time), `fail` returns it as
 * ProcessingFailed so it lands unchanged under the error prefix.
 */
export const MIXED_PARTITION_POLICIES = ["first-row", "fail"] as const;
export type MixedPartitionPolicy = (typeof MIXED_PARTITION_POLICIES)[number];

/** The failure-handling variables the component leaves at their defaults (spread into toEnvironment). */
export const ENRICHER_FAILURE_DEFAULTS = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  callMaxAttempts: 3,
  deadlineMarginMs: 5_000,
  usagePlanLookupTimeoutMs: 15_000,
  // A CloudWatch Logs envelope inflates to about 1 MiB of events plus their JSON framing; 8 MiB
  // leaves room for that and keeps a gzip bomb's parse far below the function's memory.
  maxInflatedBytes: 8 * 1024 * 1024,
};

export const ENRICHER_ENVIRONMENT = defineEnvironment({
  userIdOrder: envVar("USER_ID_ORDER", arrayKind(enumKind(USER_SOURCES), { unique: true, minItems: 1 }), {
    codec: "list",
    default: [...USER_SOURCES],
    description: "Which identity becomes user_id; the first one present wins.",
  }),
  ipAddressMode: envVar("IP_ADDRESS_MODE", enumKind(IP_ADDRESS_MODES), {
    default: "truncate",
    description: "Source IPs: keep, truncate (/24 IPv4, /48 IPv6) or drop.",
  }),
  partitionByHour: envVar("PARTITION_BY_HOUR", booleanKind(), { default: false, description: "Add an hour=HH/ partition below dt=yyyy-MM-dd/." }),
  mixedPartitions: envVar("MIXED_PARTITIONS", enumKind(MIXED_PARTITION_POLICIES), {
    default: "first-row",
    description: "A record whose rows span partitions: first-row files it under its first row's day, fail sends it to the error prefix unchanged.",
  }),
  usagePlanLookup: envVar("USAGE_PLAN_LOOKUP", booleanKind(), {
    default: true,
    description: "Add usage plan, API key name and customer id from the API Gateway management API.",
  }),
  usagePlanCacheTtlSeconds: envVar("USAGE_PLAN_CACHE_TTL_SECONDS", integerKind({ min: 1, max: 86_400 }), {
    default: 300,
    description: "How long the enricher caches usage plans and keys, in seconds.",
  }),
  // The management API allows about 10 requests/s per account, shared with every other caller.
  usagePlanKeysConcurrency: envVar("USAGE_PLAN_KEYS_CONCURRENCY", integerKind({ min: 1, max: 5 }), {
    default: 2,
    description: "GetUsagePlanKeys requests in flight at once (the management API allows about 10/s per account, shared).",
  }),
  ...callBudgetVars(ENRICHER_FAILURE_DEFAULTS),
  usagePlanLookupTimeoutMs: envVar("USAGE_PLAN_LOOKUP_TIMEOUT_MS", integerKind({ min: 100, max: 600_000 }), {
    default: ENRICHER_FAILURE_DEFAULTS.usagePlanLookupTimeoutMs,
    description: "Longest wait for a usage plan refresh; after it the batch is enriched without usage plan columns (fail open), in ms.",
  }),
  maxInflatedBytes: envVar("MAX_INFLATED_BYTES", integerKind({ min: 1024 * 1024, max: 64 * 1024 * 1024 }), {
    default: ENRICHER_FAILURE_DEFAULTS.maxInflatedBytes,
    description: "A gzipped record that inflates beyond this many bytes is returned as ProcessingFailed (bounds memory).",
  }),
});

export const ENRICHER_PERMISSIONS = declarePermissions({
  functionName: "access-log-enricher",
  resources: {
    usagePlans: "the usage plans collection (arn:…:apigateway:<region>::/usageplans)",
    usagePlanKeys: "the keys of every usage plan (…::/usageplans/*/keys)",
    apiKeys: "the API keys collection (…::/apikeys)",
  },
  calls: [
    { command: "GetUsagePlansCommand", client: "@aws-sdk/client-api-gateway", grants: [{ sid: "ReadUsagePlans", actions: ["apigateway:GET"], resource: "usagePlans" }] },
    { command: "GetUsagePlanKeysCommand", client: "@aws-sdk/client-api-gateway", grants: [{ sid: "ReadUsagePlanKeys", actions: ["apigateway:GET"], resource: "usagePlanKeys" }] },
    { command: "GetApiKeysCommand", client: "@aws-sdk/client-api-gateway", grants: [{ sid: "ReadApiKeys", actions: ["apigateway:GET"], resource: "apiKeys" }] },
  ],
});

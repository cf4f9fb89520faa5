/** Environment variables of the access-log enricher and their validation. */

export const ENV_USER_ID_ORDER = "USER_ID_ORDER";
export const ENV_IP_ADDRESS_MODE = "IP_ADDRESS_MODE";
export const ENV_PARTITION_BY_HOUR = "PARTITION_BY_HOUR";
export const ENV_MIXED_PARTITIONS = "MIXED_PARTITIONS";
export const ENV_USAGE_PLAN_LOOKUP = "USAGE_PLAN_LOOKUP";
export const ENV_USAGE_PLAN_CACHE_TTL_SECONDS = "USAGE_PLAN_CACHE_TTL_SECONDS";
export const ENV_USAGE_PLAN_KEYS_CONCURRENCY = "USAGE_PLAN_KEYS_CONCURRENCY";

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

export interface EnricherConfig {
  readonly userIdOrder: readonly UserSource[];
  readonly ipAddressMode: IpAddressMode;
  readonly partitionByHour: boolean;
  readonly mixedPartitions: MixedPartitionPolicy;
  readonly usagePlanLookup: boolean;
  readonly usagePlanCacheTtlMs: number;
  readonly usagePlanKeysConcurrency: number;
}

export const DEFAULT_CONFIG: EnricherConfig = {
  userIdOrder: USER_SOURCES,
  ipAddressMode: "truncate",
  partitionByHour: false,
  mixedPartitions: "first-row",
  usagePlanLookup: true,
  usagePlanCacheTtlMs: 300_000,
  usagePlanKeysConcurrency: 2,
};

type Env = Readonly<Record<string, string | undefined>>;

export function readConfig(env: Env): EnricherConfig {
  return {
    userIdOrder: readUserIdOrder(env),
    ipAddressMode: readChoice(env, ENV_IP_ADDRESS_MODE, IP_ADDRESS_MODES, DEFAULT_CONFIG.ipAddressMode),
    partitionByHour: readBoolean(env, ENV_PARTITION_BY_HOUR, DEFAULT_CONFIG.partitionByHour),
    mixedPartitions: readChoice(env, ENV_MIXED_PARTITIONS, MIXED_PARTITION_POLICIES, DEFAULT_CONFIG.mixedPartitions),
    usagePlanLookup: readBoolean(env, ENV_USAGE_PLAN_LOOKUP, DEFAULT_CONFIG.usagePlanLookup),
    usagePlanCacheTtlMs: readInteger(env, ENV_USAGE_PLAN_CACHE_TTL_SECONDS, 1, 86_400, DEFAULT_CONFIG.usagePlanCacheTtlMs / 1000) * 1000,
    // The management API allows about 10 requests/s per account, shared with every other caller.
    usagePlanKeysConcurrency: readInteger(env, ENV_USAGE_PLAN_KEYS_CONCURRENCY, 1, 5, DEFAULT_CONFIG.usagePlanKeysConcurrency),
  };
}

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function invalid(name: string, value: string, expected: string): Error {
  return new Error(`${name} is ${JSON.stringify(value)}; expected ${expected}`);
}

function readUserIdOrder(env: Env): readonly UserSource[] {
  const raw = present(env, ENV_USER_ID_ORDER);
  if (raw === undefined) return DEFAULT_CONFIG.userIdOrder;
  const expected = `a comma-separated list of distinct sources from ${USER_SOURCES.join(", ")}`;
  const parts = raw.split(",").map((p) => p.trim());
  const order: UserSource[] = [];
  for (const part of parts) {
    if (!(USER_SOURCES as readonly string[]).includes(part) || order.includes(part as UserSource)) {
      throw invalid(ENV_USER_ID_ORDER, raw, expected);
    }
    order.push(part as UserSource);
  }
  return order;
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) throw invalid(name, raw, `one of ${choices.join(", ")}`);
  return raw as T;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalid(name, raw, "true or false");
}

function readInteger(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(name, raw, `an integer from ${min} to ${max}`);
  }
  return value;
}

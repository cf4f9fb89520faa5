/**
 * Configuration from environment variables. The Pulumi component sets these; every bad value
 * fails with the variable, the value and what was expected.
 */
export const DEADLINE_SECONDS = "DEADLINE_SECONDS";
export const CACHE_TTL_SECONDS = "CACHE_TTL_SECONDS";
export const MAX_CONCURRENT_QUERIES = "MAX_CONCURRENT_QUERIES";
export const MAX_QUERIES = "MAX_QUERIES";
export const POLL_INITIAL_MS = "POLL_INITIAL_MS";
export const POLL_MAX_MS = "POLL_MAX_MS";
export const DEFAULT_ATHENA_WORKGROUP = "DEFAULT_ATHENA_WORKGROUP";
export const DEFAULT_ATHENA_DATABASE = "DEFAULT_ATHENA_DATABASE";
export const DEFAULT_ATHENA_TABLE = "DEFAULT_ATHENA_TABLE";

export interface WidgetConfig {
  /** Give up (and stop running queries) this long after the invocation starts. */
  deadlineMs: number;
  /** 0 disables the cache. */
  cacheTtlMs: number;
  /** Logs Insights queries in flight at once; the account quota is shared with dashboards. */
  maxConcurrentQueries: number;
  /** Upper bound on Logs Insights queries per widget refresh. */
  maxQueries: number;
  pollInitialMs: number;
  pollMaxMs: number;
  /** Used when the widget params name no Athena workgroup/database/table. */
  athenaDefaults: { workgroup?: string; database?: string; table?: string };
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === "" ? undefined : raw;
}

export function readConfig(env: Env): WidgetConfig {
  const pollInitialMs = integer(env, POLL_INITIAL_MS, 250, 10, 60_000);
  const pollMaxMs = integer(env, POLL_MAX_MS, 3_000, 10, 60_000);
  if (pollMaxMs < pollInitialMs) {
    throw new Error(`${POLL_MAX_MS}=${pollMaxMs}: expected at least ${POLL_INITIAL_MS} (${pollInitialMs})`);
  }
  return {
    deadlineMs: integer(env, DEADLINE_SECONDS, 50, 1, 900) * 1000,
    cacheTtlMs: integer(env, CACHE_TTL_SECONDS, 60, 0, 86_400) * 1000,
    maxConcurrentQueries: integer(env, MAX_CONCURRENT_QUERIES, 4, 1, 100),
    maxQueries: integer(env, MAX_QUERIES, 1000, 1, 100_000),
    pollInitialMs,
    pollMaxMs,
    athenaDefaults: {
      workgroup: optional(env, DEFAULT_ATHENA_WORKGROUP),
      database: optional(env, DEFAULT_ATHENA_DATABASE),
      table: optional(env, DEFAULT_ATHENA_TABLE),
    },
  };
}

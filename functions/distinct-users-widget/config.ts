/**
 * The widget's configuration: its environment as the contract decodes it (defaults, limits and
 * error sentences live in contracts/functions/distinct-users-widget.ts), in milliseconds.
 */
import type { Environment } from "../../contracts/environment";
import type { CallBudget } from "../../contracts/functions/call-budget";
import { DISTINCT_USERS_ENVIRONMENT } from "../../contracts/functions/distinct-users-widget";

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
  /** Timeouts and attempts of the SDK clients; the deadline is also kept this margin below the Lambda timeout. */
  calls: CallBudget;
}

/** Throws the contract's EnvironmentError, listing every bad variable, when a value is wrong. */
export function readConfig(env: Environment): WidgetConfig {
  const values = DISTINCT_USERS_ENVIRONMENT.fromEnvironment(env);
  return {
    deadlineMs: values.deadlineSeconds * 1000,
    cacheTtlMs: values.cacheTtlSeconds * 1000,
    maxConcurrentQueries: values.maxConcurrentQueries,
    maxQueries: values.maxQueries,
    pollInitialMs: values.pollInitialMs,
    pollMaxMs: values.pollMaxMs,
    athenaDefaults: { workgroup: values.athenaWorkgroup, database: values.athenaDatabase, table: values.athenaTable },
    calls: {
      connectTimeoutMs: values.connectTimeoutMs,
      requestTimeoutMs: values.requestTimeoutMs,
      callMaxAttempts: values.callMaxAttempts,
      deadlineMarginMs: values.deadlineMarginMs,
    },
  };
}

/**
 * CloudWatch custom widget: the exact number of distinct users in the dashboard's time range,
 * from Logs Insights (split-and-recurse with a proof) or Athena (COUNT(DISTINCT)).
 * Always answers with HTML (or Markdown for `describe`); errors are rendered, never thrown.
 */
import { AthenaClient } from "@aws-sdk/client-athena";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { Context } from "aws-lambda";
import type { Environment } from "../../contracts/environment";
import { DISTINCT_USERS_FAILURE_DEFAULTS } from "../../contracts/functions/distinct-users-widget";
import { boundedClientConfig } from "../shared/bounded-calls";
import { createLogger } from "../shared/logger";
import { parseWidgetEvent, type TimeRangeMs, type Theme } from "../shared/widget/event";
import { TtlCache } from "./cache";
import { systemClock, type Clock } from "./clock";
import { readConfig, type WidgetConfig } from "./config";
import { countDistinctUsersInAthena } from "./count-athena";
import { countDistinctUsersExactly } from "./count-logs";
import { DESCRIPTION } from "./describe";
import { isWidgetError, WidgetError } from "./errors";
import { toEpochSeconds } from "./event";
import { parseWidgetParams, type WidgetParams } from "./params";
import { renderCount, renderError, type CountView } from "./render";
import { RunContext, STOP_CALL_MS } from "./run-context";

export interface WidgetDeps {
  logs: CloudWatchLogsClient;
  athena: AthenaClient;
  clock: Clock;
  env: Environment;
}

type WidgetContext = Pick<Context, "getRemainingTimeInMillis">;

const logger = createLogger("distinct-users-widget");

/** The widget's own heading: only a title its params give (the dashboard already shows one). */
function defaultTitle(params: WidgetParams): string | undefined {
  return params.title;
}

export function createHandler(deps: WidgetDeps): (event: unknown, context?: WidgetContext) => Promise<string> {
  const cache = new TtlCache<Omit<CountView, "cached">>(deps.clock);
  let config: WidgetConfig | undefined;

  async function count(params: WidgetParams, range: TimeRangeMs, run: RunContext, cfg: WidgetConfig): Promise<Omit<CountView, "cached" | "queryMs">> {
    const shared = { title: defaultTitle(params), startMs: range.startMs, endMs: range.endMs, zoomed: range.zoomed };
    if (params.backend === "athena") {
      const result = await countDistinctUsersInAthena(deps.athena, params, range, run);
      return {
        ...shared,
        users: result.users,
        method: `Athena COUNT(DISTINCT ${params.userColumn}) on ${params.database}.${params.table}, ${params.partitionColumn} partitions pruned`,
        eventsMatched: result.events,
        bytesScanned: result.bytesScanned,
        queries: 1,
        awsCalls: run.totalCalls,
      };
    }
    const result = await countDistinctUsersExactly(
      deps.logs,
      {
        target: {
          ...(params.logGroupNames ? { logGroupNames: params.logGroupNames } : { logGroupIdentifiers: params.logGroupArns }),
          ...toEpochSeconds(range),
        },
        base: { userField: params.userField, ...(params.filter !== undefined ? { filter: params.filter } : {}) },
        maxQueries: cfg.maxQueries,
      },
      run,
    );
    const split = result.depth <= 1 && result.parts <= 1 ? "one pass" : `${result.parts} disjoint key-prefix parts, depth ${result.depth}`;
    return {
      ...shared,
      users: result.users,
      method: `Logs Insights stats count(*) by user, Σ per-user counts = matching events (${split})`,
      eventsMatched: result.events,
      eventsScanned: result.recordsScanned,
      bytesScanned: result.bytesScanned,
      queries: result.queries,
      awsCalls: run.totalCalls,
    };
  }

  return async function handler(event: unknown, context?: WidgetContext): Promise<string> {
    const started = deps.clock.now();
    let theme: Theme = "light";
    let title: string | undefined;
    try {
      config ??= readConfig(deps.env);
    } catch (error) {
      logger.error("bad configuration", { error: error instanceof Error ? error.message : String(error) });
      return renderError("config", error instanceof Error ? error.message : String(error), theme, title);
    }
    const cfg = config;
    try {
      const request = parseWidgetEvent(event);
      if (request.describe) return DESCRIPTION;
      theme = request.theme;
      const params = parseWidgetParams(request.params, cfg.athenaDefaults);
      title = defaultTitle(params);
      const key = JSON.stringify([params, request.range.startMs, request.range.endMs]);
      const hit = cache.get(key);
      if (hit) return renderCount({ ...hit, cached: true }, theme);

      // The margin leaves time for stopping queries and answering.
      const remaining = context ? context.getRemainingTimeInMillis() - cfg.calls.deadlineMarginMs : Infinity;
      const deadlineAt = started + Math.max(0, Math.min(cfg.deadlineMs, remaining));
      const stopBudgetMs = Math.min(STOP_CALL_MS, cfg.calls.deadlineMarginMs / 2);
      const run = new RunContext(deps.clock, deadlineAt, cfg.maxConcurrentQueries, { initialMs: cfg.pollInitialMs, maxMs: cfg.pollMaxMs, factor: 1.5 }, stopBudgetMs);
      const counted = await count(params, request.range, run, cfg);
      const view = { ...counted, queryMs: deps.clock.now() - started };
      cache.set(key, view, cfg.cacheTtlMs);
      logger.info("counted distinct users", { backend: params.backend, users: view.users, queries: view.queries, calls: run.calls, ms: view.queryMs });
      return renderCount({ ...view, cached: false }, theme);
    } catch (error) {
      const widgetError = isWidgetError(error) ? error : new WidgetError("aws-error", error instanceof Error ? error.message : String(error));
      logger.warn("widget error", { kind: widgetError.kind, error: widgetError.message });
      return renderError(widgetError.kind, widgetError.message, theme, title);
    }
  };
}

/** The clients' budget; a bad environment falls back to the defaults here and is reported by the handler. */
function clientConfig(env: Environment) {
  try {
    return boundedClientConfig(readConfig(env).calls);
  } catch {
    return boundedClientConfig(DISTINCT_USERS_FAILURE_DEFAULTS);
  }
}

/** What the deployed handler runs with: bounded SDK clients, the system clock, `env`. */
export function defaultDeps(env: Environment = process.env): WidgetDeps {
  return { logs: new CloudWatchLogsClient(clientConfig(env)), athena: new AthenaClient(clientConfig(env)), clock: systemClock, env };
}

export const handler = createHandler(defaultDeps());

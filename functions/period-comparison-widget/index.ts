/**
 * CloudWatch custom widget: the dashboard's time range compared with the same range 1 and 7 days
 * earlier, for a few metrics. Always answers with HTML (or Markdown for `describe`); errors are
 * rendered, never thrown.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Environment } from "../../contracts/environment";
import { PERIOD_COMPARISON_ENVIRONMENT, PERIOD_COMPARISON_FAILURE_DEFAULTS } from "../../contracts/functions/period-comparison-widget";
import { boundedClientConfig, Deadline, type RemainingTime } from "../shared/bounded-calls";
import { createLogger } from "../shared/logger";
import { parseWidgetEvent, type Theme } from "../shared/widget/event";
import { DESCRIPTION } from "./describe";
import { isWidgetError, WidgetError } from "./errors";
import { fetchWindow } from "./fetch";
import { parseWidgetParams } from "./params";
import { MAX_RESPONSE_BYTES, renderWithinBudget } from "./budget";
import { renderError } from "./render";
import { choosePeriodSeconds, comparisonWindows } from "./windows";

export interface WidgetDeps {
  cloudwatch: CloudWatchClient;
  now: () => number;
  env: Environment;
  /** The response budget in bytes (default MAX_RESPONSE_BYTES, under Lambda's 6 MB). */
  maxResponseBytes?: number;
}

type WidgetConfig = ReturnType<typeof PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment>;

const logger = createLogger("period-comparison-widget");

export function createHandler(deps: WidgetDeps): (event: unknown, context?: RemainingTime) => Promise<string> {
  let config: WidgetConfig | undefined;
  return async function handler(event: unknown, context?: RemainingTime): Promise<string> {
    const startedMs = Date.now();
    let theme: Theme = "light";
    let title: string | undefined;
    try {
      config ??= PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment(deps.env);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error("bad configuration", { error: message });
      return renderError("config", message, theme, title);
    }
    try {
      const request = parseWidgetEvent(event);
      if (request.describe) return DESCRIPTION;
      theme = request.theme;
      const params = parseWidgetParams(request.params, config.maxMetrics);
      title = params.title;
      const periodS = choosePeriodSeconds(request.range, deps.now(), config.maxPoints);
      const windows = comparisonWindows(request.range, periodS);
      // The margin leaves time to render the "timed out" box before the Lambda timeout.
      const deadline = Deadline.fromContext(context, config.deadlineMarginMs);
      const series = await Promise.all(windows.map((w) => fetchWindow(deps.cloudwatch, params.metrics, w, periodS, deadline, startedMs)));
      const view = { title, metrics: params.metrics, windows, series, periodS, zoomed: request.range.zoomed };
      return renderWithinBudget(view, theme, { maxPoints: config.maxPoints, maxResponseBytes: deps.maxResponseBytes ?? MAX_RESPONSE_BYTES });
    } catch (error) {
      const widgetError = isWidgetError(error) ? error : new WidgetError("aws-error", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      logger.warn("widget error", { kind: widgetError.kind, error: widgetError.message });
      return renderError(widgetError.kind, widgetError.message, theme, title);
    }
  };
}

/** The client's budget; a bad environment falls back to the defaults here and is reported by the handler. */
function clientConfig(env: Environment) {
  try {
    return boundedClientConfig(PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment(env));
  } catch {
    return boundedClientConfig(PERIOD_COMPARISON_FAILURE_DEFAULTS);
  }
}

/** What the deployed handler runs with: a bounded SDK client, the system clock, `env`. */
export function defaultDeps(env: Environment = process.env): WidgetDeps {
  return { cloudwatch: new CloudWatchClient(clientConfig(env)), now: () => Date.now(), env };
}

export const handler = createHandler(defaultDeps());

/** The dashboard's one schema: alarm thresholds and the widget functions' settings, with limits and defaults. */
import { API_ALARM_KINDS } from "../../contracts/api-alarms";
import { DISTINCT_USERS_ENVIRONMENT } from "../../contracts/functions/distinct-users-widget";
import { PERIOD_COMPARISON_ENVIRONMENT } from "../../contracts/functions/period-comparison-widget";
import { integerKind } from "../../contracts/kinds";
import { logRetentionKind } from "../../contracts/runtimes";
import { defineSchema, field, fieldOf, group, type ArgsOf, type ValuesOf } from "../../contracts/schema";

const distinctUsers = DISTINCT_USERS_ENVIRONMENT.vars;
const periodComparison = PERIOD_COMPARISON_ENVIRONMENT.vars;

/** Custom widgets must answer within CloudWatch's wait; the functions' timeout. */
export const WIDGET_TIMEOUT_SECONDS = 60;

export const DASHBOARD_SCHEMA = defineSchema(
  {
    alarms: group({
      serverErrorRatePercent: field(API_ALARM_KINDS.serverErrorRatePercent, 1, "5xx rate (%) per API that alarms after 3 periods of 5 minutes (an API's alarms.serverErrorRatePercent overrides it)."),
      clientErrorRatePercent: field(API_ALARM_KINDS.clientErrorRatePercent, 10, "4xx rate (%) per API that alarms after 3 periods of 5 minutes (an API's alarms.clientErrorRatePercent overrides it)."),
      latencyP90Ms: field(API_ALARM_KINDS.latencyP90Ms, 2000, "p90 latency (ms) per API that alarms after 3 periods of 5 minutes (an API's alarms.latencyP90Ms overrides it)."),
      quotaExceededPerPeriod: field(
        API_ALARM_KINDS.quotaExceededPerPeriod,
        10,
        "QUOTA_EXCEEDED responses per 5 minutes that alarm (REST and WebSocket APIs logged to CloudWatch Logs; an API's alarms.quotaExceededPerPeriod overrides it).",
      ),
      trafficStoppedPeriods: field(
        API_ALARM_KINDS.trafficStoppedPeriods,
        0,
        "5-minute periods without a single request after which an API's traffic-stopped alarm fires (missing data breaches); 0 turns it off (an API's alarms.trafficStoppedPeriods overrides it).",
      ),
      firehoseFreshnessSeconds: field(integerKind({ min: 60, max: 86_400 }), 900, "Age of the oldest undelivered access-log record that alarms, seconds."),
      functionErrorsPerPeriod: field(integerKind({ min: 0, max: 1_000_000 }), 0, "Errors per 5 minutes per function above which its alarm fires."),
    }),
    widgetReservedConcurrency: field(
      integerKind({ min: 1, max: 10 }),
      2,
      "Reserved concurrency of each widget function, so a busy dashboard cannot use up the Logs Insights query quota.",
    ),
    distinctUsers: group({
      deadlineSeconds: {
        ...fieldOf(distinctUsers.deadlineSeconds),
        kind: integerKind({ min: 1, max: WIDGET_TIMEOUT_SECONDS - 5, because: `below the widget's ${WIDGET_TIMEOUT_SECONDS} s timeout, with time to stop queries and answer` }),
      },
      cacheTtlSeconds: fieldOf(distinctUsers.cacheTtlSeconds),
      maxConcurrentQueries: fieldOf(distinctUsers.maxConcurrentQueries),
      maxQueries: fieldOf(distinctUsers.maxQueries),
      pollInitialMs: fieldOf(distinctUsers.pollInitialMs),
      pollMaxMs: fieldOf(distinctUsers.pollMaxMs),
    }),
    periodComparison: group({
      maxMetrics: fieldOf(periodComparison.maxMetrics),
      maxPoints: fieldOf(periodComparison.maxPoints),
    }),
    logRetentionDays: field(logRetentionKind, 30, "Retention of the widget functions' log groups, in days."),
  },
  [
    {
      limits: {
        "distinctUsers.pollMaxMs": (keyOf) => `at least ${keyOf("distinctUsers.pollInitialMs")}`,
        "distinctUsers.pollInitialMs": (keyOf) => `at most ${keyOf("distinctUsers.pollMaxMs")}`,
      },
      example: { "distinctUsers.pollInitialMs": 5_000 },
      check: ({ distinctUsers }, keyOf) =>
        distinctUsers.pollMaxMs < distinctUsers.pollInitialMs
          ? [{ path: "distinctUsers.pollMaxMs", value: distinctUsers.pollMaxMs, expected: `at least ${keyOf("distinctUsers.pollInitialMs")} (${distinctUsers.pollInitialMs} ms)` }]
          : [],
    },
  ],
);

export type DashboardSettingsArgs = ArgsOf<typeof DASHBOARD_SCHEMA.spec>;
export type DashboardSettings = ValuesOf<typeof DASHBOARD_SCHEMA.spec>;

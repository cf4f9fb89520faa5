/** Defaults of the dashboard, its alarms and its widget functions; each has an override and a test. */
export const DASHBOARD_DEFAULTS = {
  /** Alarm when more than this percent of requests fail with 5xx, 3 periods of 5 minutes in a row. */
  serverErrorRatePercent: 1,
  /** Alarm when p90 latency stays above this (ms), 3 periods in a row. */
  latencyP90Ms: 2000,
  /** Alarm when more than this many requests hit QUOTA_EXCEEDED in 5 minutes. */
  quotaExceededPerPeriod: 10,
  /** Alarm when the oldest record waiting in Firehose is older than this (s), 3 periods in a row. */
  firehoseFreshnessSeconds: 900,
  /** Alarm when a function has more errors than this in 5 minutes. */
  functionErrorsPerPeriod: 0,
  /** Graph and alarm period. */
  periodSeconds: 300,
  /** Dashboard opens on the last 3 hours. */
  start: "-PT3H",
  /** Namespace of the QUOTA_EXCEEDED metric filters' metric. */
  quotaMetricNamespace: "ApiUsage/AccessLogs",
  quotaMetricName: "QuotaExceeded",
  /** Widget functions: at most 2 concurrent runs each, so a busy dashboard cannot exhaust the Logs Insights query quota. */
  widgetReservedConcurrency: 2,
  widgetTimeoutSeconds: 60,
  widgetMemorySizeMb: 256,
  /** Below the 60 s timeout, leaving time to stop queries and answer. */
  distinctUsersDeadlineSeconds: 50,
  /** Logs Insights field holding the user, per API type (see the access-log format). */
  userField: { REST: "claimsSub", HTTP: "claimsSub", WEBSOCKET: "principalId" },
  /** Field that identifies the paying customer for bytes-downloaded-per-customer. */
  customerField: { REST: "apiKeyId", HTTP: "claimsSub", WEBSOCKET: "apiKeyId" },
} as const;

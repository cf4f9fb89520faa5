import { DASHBOARD_SCHEMA, WIDGET_TIMEOUT_SECONDS } from "./settings";

const schemaDefaults = DASHBOARD_SCHEMA.resolve("defaults", {});

/** Defaults of the dashboard, its alarms and its widget functions; each has an override and a test. */
export const DASHBOARD_DEFAULTS = {
  /** Alarm thresholds: the schema's defaults. */
  ...schemaDefaults.alarms,
  /** Graph and alarm period. */
  periodSeconds: 300,
  /** Dashboard opens on the last 3 hours. */
  start: "-PT3H",
  /** Namespace of the QUOTA_EXCEEDED metric filters' metric. */
  quotaMetricNamespace: "ApiUsage/AccessLogs",
  quotaMetricName: "QuotaExceeded",
  /** Widget functions: at most 2 concurrent runs each, so a busy dashboard cannot exhaust the Logs Insights query quota. */
  widgetReservedConcurrency: schemaDefaults.widgetReservedConcurrency,
  widgetTimeoutSeconds: WIDGET_TIMEOUT_SECONDS,
  widgetMemorySizeMb: 256,
  /** Below the 60 s timeout, leaving time to stop queries and answer. */
  distinctUsersDeadlineSeconds: schemaDefaults.distinctUsers.deadlineSeconds,
  /** Logs Insights field holding the user, per API type (see the access-log format). */
  userField: { REST: "claimsSub", HTTP: "claimsSub", WEBSOCKET: "principalId" },
  /** Field that identifies the paying customer for bytes-downloaded-per-customer. */
  customerField: { REST: "apiKeyId", HTTP: "claimsSub", WEBSOCKET: "apiKeyId" },
} as const;

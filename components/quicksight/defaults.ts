import { USAGE_ANALYTICS_SCHEMA } from "./settings";

export type ImportMode = "SPICE" | "DIRECT_QUERY";
export type RefreshInterval = "HOURLY" | "DAILY" | "WEEKLY";
export type DayOfWeek = "MONDAY" | "TUESDAY" | "WEDNESDAY" | "THURSDAY" | "FRIDAY" | "SATURDAY" | "SUNDAY";

export interface RefreshScheduleSettings {
  /** How often SPICE reloads the dataset. */
  readonly interval: RefreshInterval;
  /** `HH:MM`, in `timezone`; ignored for HOURLY (QuickSight takes none). */
  readonly timeOfDay: string;
  /** IANA time zone name. */
  readonly timezone: string;
  /** WEEKLY only. */
  readonly dayOfWeek: DayOfWeek;
}

const schemaDefaults = USAGE_ANALYTICS_SCHEMA.resolve("defaults", {});

/**
 * What every UsageAnalytics gets unless its owner says otherwise (the schema's defaults): SPICE, so
 * viewing never scans S3; a full reload daily at 03:00 UTC, after the previous day is complete.
 */
export const USAGE_ANALYTICS_DEFAULTS = {
  importMode: schemaDefaults.importMode as ImportMode,
  refreshSchedule: schemaDefaults.refreshSchedule as RefreshScheduleSettings,
  lookbackDays: schemaDefaults.lookbackDays as number | "all",
  namespace: schemaDefaults.namespace,
};

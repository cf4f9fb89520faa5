import { DEFAULT_LOOKBACK_DAYS } from "./dataset-sql";

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

/** What every UsageAnalytics gets unless its owner says otherwise. */
export const USAGE_ANALYTICS_DEFAULTS = {
  /** SPICE: dashboards load from QuickSight's in-memory copy, so viewing never scans S3. */
  importMode: "SPICE" as ImportMode,
  /** A full reload once a day at 03:00 UTC, after the previous day's partitions are complete. */
  refreshSchedule: { interval: "DAILY", timeOfDay: "03:00", timezone: "UTC", dayOfWeek: "MONDAY" } as RefreshScheduleSettings,
  /** Days of partitions the dataset reads (and SPICE holds). */
  lookbackDays: DEFAULT_LOOKBACK_DAYS as number | "all",
  namespace: "default",
};

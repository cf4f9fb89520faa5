import type * as aws from "../shared/aws";
import { USAGE_ANALYTICS_DEFAULTS, type RefreshScheduleSettings } from "./defaults";

const INTERVALS = ["HOURLY", "DAILY", "WEEKLY"] as const;
const DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The RefreshSchedule `schedule` input for a SPICE dataset: a full refresh, since the dataset's SQL
 * is a rolling window of partitions (an incremental refresh would keep days that left the window).
 */
export function refreshScheduleInput(overrides: Partial<RefreshScheduleSettings> = {}): aws.types.input.quicksight.RefreshScheduleSchedule {
  const s = { ...USAGE_ANALYTICS_DEFAULTS.refreshSchedule, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (!(INTERVALS as readonly string[]).includes(s.interval)) {
    throw new Error(`refreshSchedule.interval is ${JSON.stringify(s.interval)}; expected one of ${INTERVALS.join(", ")}`);
  }
  if (!TIME_OF_DAY.test(s.timeOfDay)) throw new Error(`refreshSchedule.timeOfDay is ${JSON.stringify(s.timeOfDay)}; expected HH:MM (24-hour)`);
  if (!(DAYS as readonly string[]).includes(s.dayOfWeek)) {
    throw new Error(`refreshSchedule.dayOfWeek is ${JSON.stringify(s.dayOfWeek)}; expected one of ${DAYS.join(", ")}`);
  }
  if (!isTimeZone(s.timezone)) throw new Error(`refreshSchedule.timezone is ${JSON.stringify(s.timezone)}; expected an IANA time zone name such as UTC`);
  return {
    refreshType: "FULL_REFRESH",
    scheduleFrequency: {
      interval: s.interval,
      timezone: s.timezone,
      ...(s.interval === "HOURLY" ? {} : { timeOfTheDay: s.timeOfDay }),
      ...(s.interval === "WEEKLY" ? { refreshOnDay: { dayOfWeek: s.dayOfWeek } } : {}),
    },
  };
}

function isTimeZone(name: string): boolean {
  if (typeof name !== "string" || name.length === 0) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

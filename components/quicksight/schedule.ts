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
  const schedule = { ...USAGE_ANALYTICS_DEFAULTS.refreshSchedule, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (!(INTERVALS as readonly string[]).includes(schedule.interval)) {
    throw new Error(`refreshSchedule.interval is ${JSON.stringify(schedule.interval)}; expected one of ${INTERVALS.join(", ")}`);
  }
  if (!TIME_OF_DAY.test(schedule.timeOfDay)) throw new Error(`refreshSchedule.timeOfDay is ${JSON.stringify(schedule.timeOfDay)}; expected HH:MM (24-hour)`);
  if (!(DAYS as readonly string[]).includes(schedule.dayOfWeek)) {
    throw new Error(`refreshSchedule.dayOfWeek is ${JSON.stringify(schedule.dayOfWeek)}; expected one of ${DAYS.join(", ")}`);
  }
  if (!isTimeZone(schedule.timezone)) throw new Error(`refreshSchedule.timezone is ${JSON.stringify(schedule.timezone)}; expected an IANA time zone name such as UTC`);
  return {
    refreshType: "FULL_REFRESH",
    scheduleFrequency: {
      interval: schedule.interval,
      timezone: schedule.timezone,
      ...(schedule.interval === "HOURLY" ? {} : { timeOfTheDay: schedule.timeOfDay }),
      ...(schedule.interval === "WEEKLY" ? { refreshOnDay: { dayOfWeek: schedule.dayOfWeek } } : {}),
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

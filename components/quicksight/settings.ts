/** The QuickSight component's one schema: import mode, refresh schedule, window and groups. */
import { arrayKind, booleanKind, enumKind, integerKind, stringKind } from "../../contracts/kinds";
import { defineSchema, field, group, optionalField, type ArgsOf, type ValuesOf } from "../../contracts/schema";

export const IMPORT_MODES = ["SPICE", "DIRECT_QUERY"] as const;
export const REFRESH_INTERVALS = ["HOURLY", "DAILY", "WEEKLY"] as const;
export const DAYS_OF_WEEK = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;

const userNames = arrayKind(
  stringKind({ pattern: /^[\w+=,.@/-]{1,128}$/, expected: "a QuickSight user name (1-128 of letters, digits and +=,.@/_-)", examples: { valid: ["a", "u".repeat(128)], invalid: ["u".repeat(129), " padded "] } }),
  { unique: true },
);

export const USAGE_ANALYTICS_SCHEMA = defineSchema(
  {
    importMode: field(enumKind(IMPORT_MODES), "SPICE" as (typeof IMPORT_MODES)[number], "SPICE loads the dataset on a schedule; DIRECT_QUERY runs Athena on every view."),
    refreshSchedule: group({
      interval: field(enumKind(REFRESH_INTERVALS), "DAILY" as (typeof REFRESH_INTERVALS)[number], "SPICE refresh interval (ignored with DIRECT_QUERY)."),
      timeOfDay: field(
        stringKind({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, expected: "a time HH:MM (24-hour)", examples: { valid: ["00:00", "23:59"], invalid: ["24:00", "3:00"] } }),
        "03:00",
        "Time of the SPICE refresh, in the schedule's time zone (not used for HOURLY).",
      ),
      timezone: field(stringKind({ pattern: /^[A-Za-z0-9_+\-/]{1,64}$/, expected: "an IANA time zone name such as UTC", examples: { valid: ["UTC", "Europe/Berlin"], invalid: ["Mars/Olympus Mons"] } }), "UTC", "Time zone of the refresh schedule."),
      dayOfWeek: field(enumKind(DAYS_OF_WEEK), "MONDAY" as (typeof DAYS_OF_WEEK)[number], "Day of the WEEKLY refresh."),
    }),
    lookbackDays: field(integerKind({ min: 1, max: 3650 }), 90, "Days of partitions the QuickSight dataset reads."),
    namespace: field(
      stringKind({ pattern: /^[a-zA-Z0-9._-]{1,64}$/, expected: "a QuickSight namespace (1-64 of letters, digits, . _ -)", examples: { valid: ["default", "n".repeat(64)], invalid: ["n".repeat(65)] } }),
      "default",
      "QuickSight namespace of the groups.",
    ),
    adminUserNames: field(userNames, [] as string[], "Existing QuickSight users added to <name>-admins (owners of every asset)."),
    readerUserNames: field(userNames, [] as string[], "Existing QuickSight users added to <name>-readers (dashboard viewers)."),
    readersGroup: optionalField(booleanKind(), "Create <name>-readers; default: true when readerUserNames is not empty."),
  },
  [
    {
      limits: {
        readersGroup: (keyOf) => `true or unset while ${keyOf("readerUserNames")} lists users`,
        readerUserNames: (keyOf) => `[] while ${keyOf("readersGroup")} is false`,
      },
      example: { readersGroup: false, readerUserNames: ["bob"] },
      check: ({ readersGroup, readerUserNames }, keyOf) =>
        readersGroup === false && readerUserNames.length > 0
          ? [{ path: "readersGroup", value: false, expected: `true or unset while ${keyOf("readerUserNames")} lists ${JSON.stringify(readerUserNames)}` }]
          : [],
    },
    {
      limits: { "refreshSchedule.timezone": () => "a time zone the runtime knows" },
      example: { "refreshSchedule.timezone": "Mars/Olympus_Mons" },
      check: ({ refreshSchedule }) =>
        isTimeZone(refreshSchedule.timezone) ? [] : [{ path: "refreshSchedule.timezone", expected: "an IANA time zone name such as UTC", value: refreshSchedule.timezone }],
    },
  ],
);

export type UsageAnalyticsSettingsArgs = ArgsOf<typeof USAGE_ANALYTICS_SCHEMA.spec>;
export type UsageAnalyticsSettings = ValuesOf<typeof USAGE_ANALYTICS_SCHEMA.spec>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

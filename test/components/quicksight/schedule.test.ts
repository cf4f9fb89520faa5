import assert from "node:assert/strict";
import { refreshScheduleInput } from "../../../components/quicksight/schedule";

describe("the SPICE refresh schedule", () => {
  it("refreshes hourly with no time of day, which QuickSight does not take for hourly schedules", () => {
    assert.deepEqual(refreshScheduleInput({ interval: "HOURLY", timeOfDay: "05:00" }), {
      refreshType: "FULL_REFRESH",
      scheduleFrequency: { interval: "HOURLY", timezone: "UTC" },
    });
  });

  it("refreshes weekly on Monday by default", () => {
    assert.deepEqual(refreshScheduleInput({ interval: "WEEKLY" }).scheduleFrequency, {
      interval: "WEEKLY",
      timezone: "UTC",
      timeOfTheDay: "03:00",
      refreshOnDay: { dayOfWeek: "MONDAY" },
    });
  });

  it("keeps a default when an override is explicitly undefined", () => {
    assert.deepEqual(refreshScheduleInput({ timeOfDay: undefined }), refreshScheduleInput());
  });

  it("rejects a day of week QuickSight does not know, naming it", () => {
    assert.throws(() => refreshScheduleInput({ interval: "WEEKLY", dayOfWeek: "monday" as "MONDAY" }), /refreshSchedule.dayOfWeek is "monday"; expected one of MONDAY/);
  });

  it("rejects 24:00, which is not a time of day", () => {
    assert.throws(() => refreshScheduleInput({ timeOfDay: "24:00" }), /refreshSchedule.timeOfDay is "24:00"/);
  });
});

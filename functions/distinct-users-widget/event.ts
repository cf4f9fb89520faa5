/** The widget's time range as Logs Insights wants it; the event itself is parsed by ../shared/widget/event. */
import type { TimeRangeMs } from "../shared/widget/event";

/** Logs Insights StartQuery wants inclusive epoch seconds. */
export function toEpochSeconds(range: TimeRangeMs): { startTime: number; endTime: number } {
  return { startTime: Math.floor(range.startMs / 1000), endTime: Math.floor(range.endMs / 1000) };
}

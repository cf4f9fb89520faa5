/**
 * The request's time as epoch milliseconds and as the `request_time` text Glue reads as a
 * timestamp ("yyyy-MM-dd HH:mm:ss.SSS", UTC).
 */

/** 9999-12-31T23:59:59.999Z: beyond it the ISO text has six-digit years. */
const MAX_EPOCH_MS = 253_402_300_799_999;
/** Below this an epoch is taken as seconds (1e11 ms is March 1973; 1e11 s is the year 5138). */
const SECONDS_THRESHOLD = 100_000_000_000;

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};
/** `$context.requestTime`, CLF: 21/Nov/2026:08:43:43 +0000 */
const CLF = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
/** ISO 8601 with an explicit offset, as some tools rewrite the time. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms from `$context.requestTimeEpoch` (ms; seconds tolerated), or undefined if out of range. */
export function epochToMs(epoch: number): number | undefined {
  const ms = epoch < SECONDS_THRESHOLD ? epoch * 1000 : epoch;
  return Number.isSafeInteger(ms) && ms >= 0 && ms <= MAX_EPOCH_MS ? ms : undefined;
}

/** Epoch ms from `$context.requestTime` (CLF with its offset, or ISO 8601), or undefined. */
export function parseRequestTime(text: string): number | undefined {
  const clf = CLF.exec(text);
  if (clf !== null) return parseClf(clf);
  if (ISO.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : epochToMs(ms);
  }
  return undefined;
}

function parseClf(m: RegExpExecArray): number | undefined {
  const month = MONTHS[m[2]];
  if (month === undefined) return undefined;
  const [day, year, hour, minute, second] = [Number(m[1]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetHours = Number(m[8]);
  const offsetMinutes = Number(m[9]);
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const local = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined; // 31/Feb and friends
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000;
  return epochToMs(m[7] === "+" ? local - offsetMs : local + offsetMs);
}

const DAY_MS = 86_400_000;
// A batch is mostly one day: remember the last day's date text instead of formatting it per row.
let cachedDayStart = Number.NaN;
let cachedDayText = "";

/** "yyyy-MM-dd HH:mm:ss.SSS" in UTC for an epoch in range (see epochToMs). */
export function formatRequestTime(ms: number): string {
  let offset = ms - cachedDayStart;
  if (!(offset >= 0 && offset < DAY_MS)) {
    cachedDayStart = ms - (ms % DAY_MS);
    cachedDayText = new Date(cachedDayStart).toISOString().slice(0, 10);
    offset = ms - cachedDayStart;
  }
  const hours = Math.floor(offset / 3_600_000);
  const minutes = Math.floor(offset / 60_000) % 60;
  const seconds = Math.floor(offset / 1000) % 60;
  const millis = offset % 1000;
  return `${cachedDayText} ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

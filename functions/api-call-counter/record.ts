/**
 * Reads one CloudWatch Logs message as a CloudTrail record: the minute it happened in and the
 * value of every dimension. Anything that is not a record with eventTime, eventSource and
 * eventName is malformed; a record CloudWatch would refuse (more than two weeks old or more than
 * two hours ahead) is outside the PutMetricData window.
 */
import { NO_ERROR_VALUE } from "../../contracts/functions/api-call-counter";
import { CallDimensions, toDimensionValue } from "./dimensions";

export interface Call {
  /** Start of the eventTime minute, epoch ms (UTC). */
  readonly minute: number;
  readonly dimensions: CallDimensions;
}

export type ParsedCall =
  | { readonly ok: true; readonly call: Call }
  | { readonly ok: false; readonly skip: "malformed" | "outsideWindow"; readonly reason: string };

export interface TimeWindow {
  readonly earliestMs: number;
  readonly latestMs: number;
}

const MINUTE_MS = 60_000;
const TWO_WEEKS_MS = 14 * 24 * 60 * MINUTE_MS;
const TWO_HOURS_MS = 2 * 60 * MINUTE_MS;

/** The timestamps PutMetricData accepts, seen from `nowMs`, with a minute of margin each side. */
export function putMetricDataWindow(nowMs: number): TimeWindow {
  return { earliestMs: nowMs - TWO_WEEKS_MS + MINUTE_MS, latestMs: nowMs + TWO_HOURS_MS - MINUTE_MS };
}

// CloudTrail writes eventTime as UTC ISO 8601, e.g. "2014-03-06T21:22:54Z".
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function parseCall(message: unknown, window: TimeWindow): ParsedCall {
  if (typeof message !== "string") return malformed("message is not a string");
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch {
    return malformed("message is not JSON");
  }
  if (!isObject(record)) return malformed("message is not a JSON object");
  const { eventTime, eventSource, eventName } = record;
  if (typeof eventTime !== "string" || !EVENT_TIME.test(eventTime)) return malformed("eventTime is not an ISO 8601 UTC time");
  const timeMs = Date.parse(eventTime);
  if (Number.isNaN(timeMs)) return malformed("eventTime is not a valid date");
  if (typeof eventSource !== "string" || eventSource.trim() === "") return malformed("eventSource is missing");
  if (typeof eventName !== "string" || eventName.trim() === "") return malformed("eventName is missing");
  if (timeMs < window.earliestMs || timeMs > window.latestMs) {
    return { ok: false, skip: "outsideWindow", reason: `eventTime ${eventTime} is outside the PutMetricData window` };
  }
  const identity = isObject(record.userIdentity) ? record.userIdentity : undefined;
  return {
    ok: true,
    call: {
      minute: timeMs - (timeMs % MINUTE_MS),
      dimensions: {
        EventSource: toDimensionValue(eventSource),
        EventName: toDimensionValue(eventName),
        Region: toDimensionValue(record.awsRegion),
        Account: toDimensionValue(record.recipientAccountId),
        ErrorCode: toDimensionValue(record.errorCode, NO_ERROR_VALUE),
        IdentityType: toDimensionValue(identity?.type),
        ReadOnly: toDimensionValue(record.readOnly),
      },
    },
  };
}

function malformed(reason: string): ParsedCall {
  return { ok: false, skip: "malformed", reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Decodes a CloudWatch Logs subscription event: `awslogs.data` is base64 of a gzip of JSON
 * `{messageType, logGroup, logStream, logEvents: [{id, timestamp, message}]}`. Never throws:
 * anything that is not such a payload comes back as `unreadable` with the reason.
 */
import { gunzipSync } from "node:zlib";
import type { SourcedMessage } from "./count";

export type DecodedPayload =
  | { readonly kind: "data"; readonly logGroup: string; readonly logStream: string; readonly messages: readonly SourcedMessage[] }
  | { readonly kind: "control" }
  | { readonly kind: "unreadable"; readonly reason: string; readonly preview: string };

// A subscription payload is at most a few MB once unzipped; the cap stops a hostile gzip early.
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

export function decodeSubscriptionPayload(event: unknown): DecodedPayload {
  const data = isObject(event) && isObject(event.awslogs) ? event.awslogs.data : undefined;
  if (typeof data !== "string") return unreadable("event.awslogs.data is not a string", event);
  const zipped = Buffer.from(data, "base64");
  if (zipped.length < 2 || zipped[0] !== 0x1f || zipped[1] !== 0x8b) {
    return unreadable("awslogs.data is not base64 of a gzip stream", data);
  }
  let json: string;
  try {
    json = gunzipSync(zipped, { maxOutputLength: MAX_UNZIPPED_BYTES }).toString("utf8");
  } catch (error) {
    return unreadable(`awslogs.data does not gunzip: ${errorMessage(error)}`, data);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return unreadable("awslogs.data does not hold JSON", json);
  }
  if (!isObject(payload)) return unreadable("awslogs.data does not hold a JSON object", json);
  if (payload.messageType === "CONTROL_MESSAGE") return { kind: "control" };
  if (payload.messageType !== "DATA_MESSAGE" || !Array.isArray(payload.logEvents)) {
    return unreadable("awslogs.data is neither a DATA_MESSAGE with logEvents nor a CONTROL_MESSAGE", json);
  }
  const messages = payload.logEvents.map((logEvent: unknown, index: number): SourcedMessage => {
    if (!isObject(logEvent)) return { id: `#${index}`, message: undefined };
    return { id: typeof logEvent.id === "string" ? logEvent.id : `#${index}`, message: logEvent.message };
  });
  return {
    kind: "data",
    logGroup: typeof payload.logGroup === "string" ? payload.logGroup : "",
    logStream: typeof payload.logStream === "string" ? payload.logStream : "",
    messages,
  };
}

function unreadable(reason: string, value: unknown): DecodedPayload {
  let preview: string;
  try {
    preview = typeof value === "string" ? value : String(JSON.stringify(value));
  } catch {
    preview = `(${typeof value} that cannot be shown)`;
  }
  return { kind: "unreadable", reason, preview: preview.slice(0, 200) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Turns one Firehose record's data into the access-log lines it carries: a single JSON object,
 * NDJSON, or a CloudWatch Logs subscription envelope (gzipped as delivered, or already
 * decompressed by Firehose).
 */
import { isUtf8 } from "node:buffer";
import { gunzipSync } from "node:zlib";

export type DecodedRecord =
  | { readonly kind: "lines"; readonly lines: readonly unknown[] }
  | { readonly kind: "control" }
  | { readonly kind: "invalid"; readonly reason: string };

const GZIP_MAGIC_1 = 0x1f;
const GZIP_MAGIC_2 = 0x8b;
const NEWLINE = 0x0a;
/** The contract's default MAX_INFLATED_BYTES; a decompressed envelope beyond it is refused to bound memory. */
export const DEFAULT_MAX_INFLATED_BYTES = 8 * 1024 * 1024;

export function decodeRecordData(base64: string, maxInflatedBytes: number = DEFAULT_MAX_INFLATED_BYTES): DecodedRecord {
  if (typeof base64 !== "string") return invalidRecord("record data is not a base64 string");
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length === 0) return invalidRecord("record data is empty");
  if (bytes[0] === GZIP_MAGIC_1 && bytes[1] === GZIP_MAGIC_2) return decodeGzip(bytes, maxInflatedBytes);
  return decodeText(bytes);
}

function decodeGzip(bytes: Buffer, maxInflatedBytes: number): DecodedRecord {
  let inflated: Buffer;
  try {
    inflated = gunzipSync(bytes, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
      return invalidRecord(`gzip data inflates beyond MAX_INFLATED_BYTES (${maxInflatedBytes} bytes); refused to bound memory`);
    }
    return invalidRecord(`gzip data does not decompress: ${(error as Error).message}`);
  }
  return decodeText(inflated);
}

function decodeText(bytes: Buffer): DecodedRecord {
  if (!isUtf8(bytes)) return invalidRecord("record data is not valid UTF-8");
  const text = bytes.toString("utf8");
  const lines = hasInnerNewline(bytes) ? parseLines(text) : parseOne(text);
  if (lines === undefined) return invalidRecord("record data is neither a JSON object nor NDJSON of objects");
  if (lines.length === 1 && isEnvelope(lines[0])) return unwrapEnvelope(lines[0]);
  return { kind: "lines", lines };
}

/** A newline before the last non-blank byte means several lines (trailing newlines do not count). */
function hasInnerNewline(bytes: Buffer): boolean {
  let end = bytes.length - 1;
  while (end >= 0 && (bytes[end] === NEWLINE || bytes[end] === 0x0d || bytes[end] === 0x20)) end--;
  const at = bytes.indexOf(NEWLINE);
  return at !== -1 && at < end;
}

function parseOne(text: string): unknown[] | undefined {
  const value = tryParse(text);
  return value === undefined ? undefined : [value];
}

function parseLines(text: string): unknown[] | undefined {
  const lines: unknown[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === "") continue;
    const value = tryParse(line);
    // A pretty-printed object spans several lines; try the whole text once before giving up.
    if (value === undefined) return parseOne(text);
    lines.push(value);
  }
  return lines.length === 0 ? undefined : lines;
}

function tryParse(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

interface Envelope {
  messageType: unknown;
  logEvents?: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === "object" && value !== null && "messageType" in value && ("logEvents" in value || "logGroup" in value);
}

function unwrapEnvelope(envelope: Envelope): DecodedRecord {
  if (envelope.messageType === "CONTROL_MESSAGE") return { kind: "control" };
  if (envelope.messageType !== "DATA_MESSAGE") {
    return invalidRecord(`CloudWatch Logs envelope has messageType ${JSON.stringify(envelope.messageType)}; expected DATA_MESSAGE or CONTROL_MESSAGE`);
  }
  if (!Array.isArray(envelope.logEvents)) return invalidRecord("CloudWatch Logs envelope has no logEvents array");
  const lines: unknown[] = [];
  for (let i = 0; i < envelope.logEvents.length; i++) {
    const event: unknown = envelope.logEvents[i];
    const message = typeof event === "object" && event !== null ? (event as { message?: unknown }).message : undefined;
    if (typeof message !== "string") return invalidRecord(`CloudWatch Logs event ${i} has no string message`);
    const value = tryParse(message);
    if (value === undefined) return invalidRecord(`CloudWatch Logs event ${i} message is not a JSON object`);
    lines.push(value);
  }
  if (lines.length === 0) return invalidRecord("CloudWatch Logs envelope has no log events");
  return { kind: "lines", lines };
}

function invalidRecord(reason: string): DecodedRecord {
  return { kind: "invalid", reason };
}

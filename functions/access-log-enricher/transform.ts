/**
 * The Firehose data-transformation contract: one result per input record, same recordId, same
 * order. A record becomes Ok (its rows as JSON lines, with partition keys), Dropped (a CloudWatch
 * Logs control message) or ProcessingFailed (with its original data, so Firehose writes it
 * unchanged under the error prefix). Nothing a record contains can make the batch throw.
 *
 * Budgets: the response stays within MAX_RESPONSE_BYTES (Lambda returns at most 6 MB
 * synchronously, or Firehose fails the whole batch). Records are admitted in order while the
 * response, with every later record counted at its ProcessingFailed size, still fits; a record
 * that does not fit as Ok is returned as ProcessingFailed with its original data (reason "response
 * budget"), so it lands unchanged under the error prefix, to be re-ingested from there. A failed
 * result is never larger than the record's own input, so the response is bounded by whichever is
 * larger: the budget or the request (itself at most 6 MB). A gzipped record inflating beyond
 * MAX_INFLATED_BYTES is ProcessingFailed too, so memory stays bounded whatever the input.
 */
import type {
  FirehoseTransformationEvent,
  FirehoseTransformationEventRecord,
  FirehoseTransformationResult,
  FirehoseTransformationResultRecord,
} from "aws-lambda";
import type { Deadline } from "../shared/bounded-calls";
import type { EnricherConfig } from "./config";
import { decodeRecordData } from "./decode";
import { normalizeLogLine, type LogLine } from "./normalize";
import { buildRow, partitionKeysOf } from "./row";
import type { UsagePlanSnapshot } from "./usage-plans";

export interface EnricherLogger {
  warn(message: string, extra: Record<string, unknown>): void;
  info(message: string, extra: Record<string, unknown>): void;
}

export interface TransformDependencies {
  readonly config: EnricherConfig;
  /** Omitted or lookups disabled: usage plan columns stay null. Must settle by the deadline. */
  readonly usagePlans?: { current(deadline?: Deadline): Promise<UsagePlanSnapshot> };
  readonly logger: EnricherLogger;
  /** When the usage plan lookup must have ended (the enricher then fails open). */
  readonly deadline?: Deadline;
}

/**
 * Lambda's synchronous response limit is 6 MB (6,291,456 bytes); this leaves room for the
 * runtime's framing and for estimate error on non-ASCII record ids.
 */
export const MAX_RESPONSE_BYTES = 6_000_000;
/** `{"records":[` and `]}`. */
const RESPONSE_FRAME_BYTES = 14;

/** How many failed records are logged one by one per batch; the rest are counted. */
const MAX_FAILURES_LOGGED = 10;

const NEEDS_USAGE_PLANS = Symbol("needs usage plans");

interface Failure {
  readonly reason: string;
}

type Outcome = FirehoseTransformationResultRecord | Failure | typeof NEEDS_USAGE_PLANS;

export async function transformBatch(
  event: FirehoseTransformationEvent,
  deps: TransformDependencies,
  maxResponseBytes: number = MAX_RESPONSE_BYTES,
): Promise<FirehoseTransformationResult> {
  const fast = await transformWithin(event, deps, maxResponseBytes, "estimated");
  if (fast.bytes <= maxResponseBytes) return fast.result;
  // Only a batch whose data strings hold control characters (never Firehose's base64) can land
  // here: its failed records were sized too small. Decide again with every size exact.
  return (await transformWithin(event, deps, maxResponseBytes, "exact")).result;
}

/**
 * "estimated" sizes a record's ProcessingFailed result as plain ASCII JSON when its strings are
 * ASCII without quotes or backslashes, which Firehose's base64 always is; control characters would
 * make it larger, so the exact size of the response is returned for the caller to check.
 */
async function transformWithin(
  event: FirehoseTransformationEvent,
  deps: TransformDependencies,
  maxResponseBytes: number,
  sizing: "estimated" | "exact",
): Promise<{ result: FirehoseTransformationResult; bytes: number }> {
  const records: readonly FirehoseTransformationEventRecord[] = Array.isArray(event?.records) ? event.records : [];
  const lookups = deps.config.usagePlanLookup && deps.usagePlans !== undefined;
  let snapshot: UsagePlanSnapshot | undefined;
  const results: FirehoseTransformationResultRecord[] = new Array(records.length);
  let failed = 0;
  let dropped = 0;
  let overBudget = 0;
  let withoutUsagePlans = 0;

  const sizes = new ResultSizes();
  const failedSizes = new Array<number>(records.length);
  let reserved = 0;
  for (let i = 0; i < records.length; i++) {
    failedSizes[i] = (sizing === "exact" ? sizes.of(failedResult(records[i])) : estimatedFailedBytes(records[i], sizes)) + (i > 0 ? 1 : 0);
    reserved += failedSizes[i];
  }
  let used = RESPONSE_FRAME_BYTES;
  let exactBytes = RESPONSE_FRAME_BYTES;

  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    reserved -= failedSizes[i];
    const room = maxResponseBytes - used - reserved - (i > 0 ? 1 : 0);
    const keyed = { lookedUp: false };
    let outcome = safely(record, snapshot, lookups, deps.config, room, keyed);
    if (outcome === NEEDS_USAGE_PLANS) {
      snapshot = await deps.usagePlans!.current(deps.deadline);
      outcome = safely(record, snapshot, lookups, deps.config, room, keyed);
    }
    if (keyed.lookedUp && snapshot?.degraded !== undefined) withoutUsagePlans++;
    if (outcome === NEEDS_USAGE_PLANS) outcome = { reason: "usage plan snapshot unavailable" }; // unreachable: snapshot is set
    const okBytes = "reason" in outcome ? 0 : sizes.of(outcome) + (i > 0 ? 1 : 0);
    if (!("reason" in outcome) && okBytes > maxResponseBytes - used - reserved) outcome = { reason: OVER_BUDGET };
    if ("reason" in outcome) {
      failed++;
      if (outcome.reason === OVER_BUDGET) overBudget++;
      if (failed <= MAX_FAILURES_LOGGED) deps.logger.warn("Record failed processing", { recordId: record?.recordId, reason: outcome.reason });
      results[i] = failedResult(record);
      used += failedSizes[i];
      exactBytes += sizing === "exact" ? failedSizes[i] : sizes.of(results[i]) + (i > 0 ? 1 : 0);
    } else {
      if (outcome.result === "Dropped") dropped++;
      results[i] = outcome;
      used += okBytes;
      exactBytes += okBytes;
    }
  }
  if (withoutUsagePlans > 0) {
    deps.logger.warn("Records enriched without fresh usage plan data (fail open)", { records: withoutUsagePlans, reason: snapshot?.degraded });
  }
  if (failed > 0 || dropped > 0) {
    deps.logger.info("Batch transformed", { records: records.length, ok: records.length - failed - dropped, dropped, failed, overBudget, withoutUsagePlans });
  }
  return { result: { records: results }, bytes: exactBytes };
}

/** A ProcessingFailed result's bytes, counting its strings as plain JSON text when they look it. */
function estimatedFailedBytes(record: FirehoseTransformationEventRecord, sizes: ResultSizes): number {
  const { recordId, data } = record ?? {};
  if (typeof recordId !== "string" || typeof data !== "string" || !looksPlain(recordId) || !looksPlain(data)) return sizes.of(failedResult(record));
  // {"recordId":…,"result":"ProcessingFailed","data":…}
  return 33 + 16 + recordId.length + 2 + data.length + 2;
}

/** ASCII without `"` or `\`: JSON writes it as itself unless it holds control characters. */
function looksPlain(text: string): boolean {
  return Buffer.byteLength(text) === text.length && text.indexOf('"') < 0 && text.indexOf("\\") < 0;
}

const OVER_BUDGET = `response budget: the enriched record does not fit in the ${MAX_RESPONSE_BYTES}-byte Lambda response with the rest of the batch; returned unchanged for re-ingestion`;

function failedResult(record: FirehoseTransformationEventRecord): FirehoseTransformationResultRecord {
  return { recordId: record?.recordId, result: "ProcessingFailed", data: record?.data };
}

/** Characters JSON writes as themselves, one byte each. */
const PLAIN_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Bytes of JSON.stringify(text), without building it for the common (plain ASCII, e.g. base64) case. */
function jsonStringBytes(text: string): number {
  return PLAIN_JSON_TEXT.test(text) ? text.length + 2 : Buffer.byteLength(JSON.stringify(text));
}

/**
 * Bytes of each result in the JSON response, computed from its parts: the batch's results share a
 * few shapes, so only the record id, the data and (once per partition) the metadata vary. Ok data
 * is our own base64; a failed record's original data may be anything and is measured as JSON.
 */
class ResultSizes {
  private readonly metadata = new Map<string, number>();

  of(result: FirehoseTransformationResultRecord): number {
    if (typeof result.recordId !== "string" || typeof result.data !== "string") return Buffer.byteLength(JSON.stringify(result) ?? "");
    // {"recordId":…,"result":"…","data":…} and, when present, ,"metadata":…
    let bytes = 33 + result.result.length + jsonStringBytes(result.recordId);
    bytes += result.result === "Ok" ? result.data.length + 2 : jsonStringBytes(result.data);
    if (result.metadata !== undefined) bytes += 12 + this.metadataBytes(result.metadata);
    return bytes;
  }

  private metadataBytes(metadata: NonNullable<FirehoseTransformationResultRecord["metadata"]>): number {
    const keys = metadata.partitionKeys;
    const key = `${keys.dt}|${keys.hour ?? ""}`;
    let bytes = this.metadata.get(key);
    if (bytes === undefined) {
      bytes = Buffer.byteLength(JSON.stringify(metadata));
      this.metadata.set(key, bytes);
    }
    return bytes;
  }
}

/** `keyed.lookedUp` is set when a row of the record was looked up in the usage plan snapshot. */
function safely(
  record: FirehoseTransformationEventRecord,
  snapshot: UsagePlanSnapshot | undefined,
  lookups: boolean,
  config: EnricherConfig,
  roomBytes: number,
  keyed: { lookedUp: boolean },
): Outcome {
  try {
    return transformRecord(record, snapshot, lookups, config, roomBytes, keyed);
  } catch (error) {
    return { reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function transformRecord(
  record: FirehoseTransformationEventRecord,
  snapshot: UsagePlanSnapshot | undefined,
  lookups: boolean,
  config: EnricherConfig,
  roomBytes: number,
  keyed: { lookedUp: boolean },
): Outcome {
  const decoded = decodeRecordData(record?.data, config.maxInflatedBytes);
  if (decoded.kind === "invalid") return { reason: decoded.reason };
  if (decoded.kind === "control") return { recordId: record.recordId, result: "Dropped", data: record.data };

  const lines: LogLine[] = [];
  for (let i = 0; i < decoded.lines.length; i++) {
    const normalized = normalizeLogLine(decoded.lines[i]);
    if (!normalized.ok) return { reason: decoded.lines.length === 1 ? normalized.reason : `line ${i + 1}: ${normalized.reason}` };
    if (lookups && snapshot === undefined && normalized.line.apiKeyId !== null) return NEEDS_USAGE_PLANS;
    lines.push(normalized.line);
  }

  let text = "";
  let firstTime = "";
  // dt is the first 10 characters of request_time, dt and hour the first 13.
  const partitionChars = config.partitionByHour ? 13 : 10;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let usage;
    if (line.apiKeyId !== null && snapshot !== undefined) {
      keyed.lookedUp = true;
      usage = snapshot.lookup(line.apiKeyId, line.apiId, line.stage);
    }
    const row = buildRow(line, usage, config);
    const time = row.request_time as string;
    if (i === 0) firstTime = time;
    else if (config.mixedPartitions === "fail" && !time.startsWith(firstTime.slice(0, partitionChars))) {
      return { reason: `rows fall in different partitions (request times ${firstTime} and ${time}) and MIXED_PARTITIONS is fail` };
    }
    text += JSON.stringify(row) + "\n";
    // Base64 is 4/3 of the text; stop building a record that can no longer fit.
    if (text.length * 4 > roomBytes * 3) return { reason: OVER_BUDGET };
  }
  return {
    recordId: record.recordId,
    result: "Ok",
    data: Buffer.from(text, "utf8").toString("base64"),
    metadata: { partitionKeys: partitionKeysOf(firstTime, config.partitionByHour) },
  };
}

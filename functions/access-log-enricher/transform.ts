/**
 * The Firehose data-transformation contract: one result per input record, same recordId, same
 * order. A record becomes Ok (its rows as JSON lines, with partition keys), Dropped (a CloudWatch
 * Logs control message) or ProcessingFailed (with its original data, so Firehose writes it
 * unchanged under the error prefix). Nothing a record contains can make the batch throw.
 */
import type {
  FirehoseTransformationEvent,
  FirehoseTransformationEventRecord,
  FirehoseTransformationResult,
  FirehoseTransformationResultRecord,
} from "aws-lambda";
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
  /** Omitted or lookups disabled: usage plan columns stay null. */
  readonly usagePlans?: { current(): Promise<UsagePlanSnapshot> };
  readonly logger: EnricherLogger;
}

/** How many failed records are logged one by one per batch; the rest are counted. */
const MAX_FAILURES_LOGGED = 10;

const NEEDS_USAGE_PLANS = Symbol("needs usage plans");

interface Failure {
  readonly reason: string;
}

type Outcome = FirehoseTransformationResultRecord | Failure | typeof NEEDS_USAGE_PLANS;

export async function transformBatch(event: FirehoseTransformationEvent, deps: TransformDependencies): Promise<FirehoseTransformationResult> {
  const records: readonly FirehoseTransformationEventRecord[] = Array.isArray(event?.records) ? event.records : [];
  const lookups = deps.config.usagePlanLookup && deps.usagePlans !== undefined;
  let snapshot: UsagePlanSnapshot | undefined;
  const results: FirehoseTransformationResultRecord[] = new Array(records.length);
  let failed = 0;
  let dropped = 0;

  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    let outcome = safely(record, snapshot, lookups, deps.config);
    if (outcome === NEEDS_USAGE_PLANS) {
      snapshot = await deps.usagePlans!.current();
      outcome = safely(record, snapshot, lookups, deps.config);
    }
    if (outcome === NEEDS_USAGE_PLANS) outcome = { reason: "usage plan snapshot unavailable" }; // unreachable: snapshot is set
    if ("reason" in outcome) {
      failed++;
      if (failed <= MAX_FAILURES_LOGGED) deps.logger.warn("Record failed processing", { recordId: record?.recordId, reason: outcome.reason });
      results[i] = { recordId: record?.recordId, result: "ProcessingFailed", data: record?.data };
    } else {
      if (outcome.result === "Dropped") dropped++;
      results[i] = outcome;
    }
  }
  if (failed > 0 || dropped > 0) {
    deps.logger.info("Batch transformed", { records: records.length, ok: records.length - failed - dropped, dropped, failed });
  }
  return { records: results };
}

function safely(record: FirehoseTransformationEventRecord, snapshot: UsagePlanSnapshot | undefined, lookups: boolean, config: EnricherConfig): Outcome {
  try {
    return transformRecord(record, snapshot, lookups, config);
  } catch (error) {
    return { reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function transformRecord(record: FirehoseTransformationEventRecord, snapshot: UsagePlanSnapshot | undefined, lookups: boolean, config: EnricherConfig): Outcome {
  const decoded = decodeRecordData(record?.data);
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
    const usage = line.apiKeyId !== null && snapshot !== undefined ? snapshot.lookup(line.apiKeyId, line.apiId, line.stage) : undefined;
    const row = buildRow(line, usage, config);
    const time = row.request_time as string;
    if (i === 0) firstTime = time;
    else if (config.mixedPartitions === "fail" && !time.startsWith(firstTime.slice(0, partitionChars))) {
      return { reason: `rows fall in different partitions (request times ${firstTime} and ${time}) and MIXED_PARTITIONS is fail` };
    }
    text += JSON.stringify(row) + "\n";
  }
  return {
    recordId: record.recordId,
    result: "Ok",
    data: Buffer.from(text, "utf8").toString("base64"),
    metadata: { partitionKeys: partitionKeysOf(firstTime, config.partitionByHour) },
  };
}

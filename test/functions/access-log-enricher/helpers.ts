import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FirehoseTransformationEvent, FirehoseTransformationResultRecord } from "aws-lambda";
import { ACCESS_LOG_COLUMNS, readWrittenRow } from "../../../contracts/data-lake";
import { readConfig, type EnricherConfig } from "../../../functions/access-log-enricher/config";
import type { EnricherLogger } from "../../../functions/access-log-enricher/transform";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "access-log-enricher");

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), "utf8");
}

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

export function b64(data: string | Buffer): string {
  return Buffer.from(data).toString("base64");
}

export function gzipB64(text: string): string {
  return gzipSync(Buffer.from(text)).toString("base64");
}

export function firehoseEvent(datas: string[]): FirehoseTransformationEvent {
  return {
    invocationId: "invocation-1",
    deliveryStreamArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-usage",
    region: "eu-west-1",
    records: datas.map((data, i) => ({ recordId: `record-${i}`, approximateArrivalTimestamp: 1795250623000 + i, data })),
  };
}

/** The record's rows as the table's readers see them (a missing column is null), each line checked as written. */
export function outputRows(record: FirehoseTransformationResultRecord): Array<Record<string, unknown>> {
  const text = Buffer.from(record.data ?? "", "base64").toString("utf8");
  assertEndsWithNewline(text);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const written = JSON.parse(line) as Record<string, unknown>;
      assertWrittenLine(written);
      return readWrittenRow(written);
    });
}

/** Throws unless a written line holds only the schema's columns, in its order, none of them null. */
export function assertWrittenLine(written: Record<string, unknown>): void {
  const order = new Map(ACCESS_LOG_COLUMNS.map((c, i) => [c.name as string, i]));
  let last = -1;
  for (const [key, value] of Object.entries(written)) {
    const at = order.get(key);
    if (at === undefined) throw new Error(`written line has key ${JSON.stringify(key)}, which is not a column`);
    if (at <= last) throw new Error(`written line has key ${JSON.stringify(key)} out of the schema's column order`);
    if (value === null) throw new Error(`written line writes null for ${key}; a column without a value is left out`);
    last = at;
  }
}

function assertEndsWithNewline(text: string): void {
  if (!text.endsWith("\n")) throw new Error(`output does not end with a newline: ${JSON.stringify(text.slice(-40))}`);
}

/** The configuration of an empty environment (every default), with some fields replaced. */
export function config(overrides: Partial<EnricherConfig> = {}): EnricherConfig {
  return { ...readConfig({}), ...overrides };
}

export class RecordingLogger implements EnricherLogger {
  readonly warnings: Array<{ message: string; extra: Record<string, unknown> }> = [];
  readonly infos: Array<{ message: string; extra: Record<string, unknown> }> = [];
  warn(message: string, extra: Record<string, unknown>): void {
    this.warnings.push({ message, extra });
  }
  info(message: string, extra: Record<string, unknown>): void {
    this.infos.push({ message, extra });
  }
}


/** Throws unless `row` has exactly the schema's columns, in order, each null or of its column's type. */
export function assertRowMatchesSchema(row: Record<string, unknown>): void {
  const keys = Object.keys(row);
  const expected = ACCESS_LOG_COLUMNS.map((c) => c.name);
  if (keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) {
    throw new Error(`row keys ${JSON.stringify(keys)} differ from the schema's ${JSON.stringify(expected)}`);
  }
  for (const column of ACCESS_LOG_COLUMNS) {
    const value = row[column.name];
    if (value === null) continue;
    const ok =
      column.type === "string"
        ? typeof value === "string"
        : column.type === "timestamp"
          ? typeof value === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(value)
          : column.type === "int"
            ? Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647
            : column.type === "bigint"
              ? Number.isSafeInteger(value)
              : typeof value === "number";
    if (!ok) throw new Error(`column ${column.name} (${column.type}) has ${JSON.stringify(value)}`);
  }
}

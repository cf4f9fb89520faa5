/** Builds real CloudWatch Logs subscription events (gzip + base64) from the CloudTrail fixtures. */
import { gzipSync } from "node:zlib";
import recordsFixture from "../../../bench/support/cloudtrail-records.json";
import controlFixture from "../../fixtures/api-call-counter/control-message.json";
import type { CounterLog } from "../../../functions/api-call-counter/counter";

export type CloudTrailRecord = Record<string, unknown>;

export const RECORDS: readonly CloudTrailRecord[] = recordsFixture.records as CloudTrailRecord[];

/** An hour after the fixtures' events, so all of them are inside the PutMetricData window. */
export const FIXTURE_NOW = Date.parse("2024-05-14T11:00:00Z");

export const QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq";

export const BASE_ENV = { DEAD_LETTER_QUEUE_URL: QUEUE_URL } as const;

export interface SubscriptionEvent {
  awslogs: { data: string };
}

export function encodePayload(payload: unknown): SubscriptionEvent {
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString("base64") } };
}

/** A DATA_MESSAGE as CloudWatch Logs delivers it, one log event per message. */
export function subscriptionEvent(messages: readonly string[]): SubscriptionEvent {
  return encodePayload({
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup: "aws-cloudtrail-logs-123456789012-management",
    logStream: "123456789012_CloudTrail_us-east-1",
    subscriptionFilters: ["api-call-counter"],
    logEvents: messages.map((message, index) => ({
      id: `3786713541437698234578293649823764982374623487${String(index).padStart(6, "0")}`,
      timestamp: FIXTURE_NOW - 60_000 + index,
      message,
    })),
  });
}

export function recordsEvent(records: readonly CloudTrailRecord[]): SubscriptionEvent {
  return subscriptionEvent(records.map((record) => JSON.stringify(record)));
}

export function controlEvent(): SubscriptionEvent {
  return encodePayload(controlFixture.payload);
}

/** A copy of fixture record `index` with some fields replaced. */
export function record(index: number, overrides: CloudTrailRecord = {}): CloudTrailRecord {
  return { ...structuredClone(RECORDS[index]), ...overrides };
}

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  attributes: Record<string, unknown>;
}

/** A logger that keeps its lines so tests can read what was logged. */
export function recordingLog(): CounterLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (message: string, ...attributes: Record<string, unknown>[]) => {
    lines.push({ level, message, attributes: Object.assign({}, ...attributes) });
  };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}

/**
 * Access-log batches around one midnight, put through the real enricher: each envelope is one
 * Firehose record, so each record's rows get one `dt`, the first row's day. The truth (users and
 * requests per request day) is computed here from the log lines themselves, not by any query.
 */
import { gzipSync } from "node:zlib";
import type { FirehoseTransformationEvent } from "aws-lambda";
import { readConfig } from "../../functions/access-log-enricher/config";
import { transformBatch } from "../../functions/access-log-enricher/transform";
import type { FiledRow } from "./athena-on-duckdb";

export const DAY_1 = "2026-11-01";
export const DAY_2 = "2026-11-02";
const MIDNIGHT_MS = Date.parse(`${DAY_2}T00:00:00.000Z`);
const MINUTE_MS = 60_000;

interface Request {
  atMs: number;
  claimsSub: string;
}

const user = (n: number) => `user-${String(n).padStart(3, "0")}`;

/** Requests of users `from`..`to`, one each, `stepMs` apart from `startMs`. */
function requests(from: number, to: number, startMs: number, stepMs: number): Request[] {
  const out: Request[] = [];
  for (let n = from; n <= to; n++) out.push({ atMs: startMs + (n - from) * stepMs, claimsSub: user(n) });
  return out;
}

/** Three envelopes: day 1 only, one crossing midnight (first event on day 1), day 2 only. */
export const ENVELOPES: Request[][] = [
  [...requests(1, 40, MIDNIGHT_MS - 14 * 60 * MINUTE_MS, MINUTE_MS), ...requests(1, 10, MIDNIGHT_MS - 13 * 60 * MINUTE_MS, MINUTE_MS)],
  [
    ...requests(41, 57, MIDNIGHT_MS - 3 * MINUTE_MS, 10_000),
    // After midnight: five of them again, and new users; blank claims are requests, not users.
    ...requests(50, 54, MIDNIGHT_MS, 5_000),
    ...requests(58, 75, MIDNIGHT_MS + MINUTE_MS, 3_000),
    { atMs: MIDNIGHT_MS + 2 * MINUTE_MS, claimsSub: "" },
    { atMs: MIDNIGHT_MS + 2 * MINUTE_MS + 1, claimsSub: "   " },
  ],
  requests(70, 99, MIDNIGHT_MS + 10 * 60 * MINUTE_MS, MINUTE_MS),
];

function logLine(r: Request, i: number): string {
  return JSON.stringify({
    apiType: "HTTP",
    requestId: `req-${r.atMs}-${i}`,
    requestTimeEpoch: String(r.atMs),
    apiId: "h7t7p9api1",
    stage: "$default",
    httpMethod: "GET",
    routeKey: "GET /pets",
    path: "/pets",
    protocol: "HTTP/1.1",
    status: i % 7 === 0 ? "503" : "200",
    responseLength: "96",
    responseLatency: String(20 + (i % 13)),
    integrationLatency: String(15 + (i % 11)),
    errorResponseType: "-",
    sourceIp: "203.0.113.9",
    userAgent: "okhttp/4.12.0",
    claimsSub: r.claimsSub,
    principalId: "-",
    cognitoIdentityId: "-",
    userArn: "-",
  });
}

function envelopeData(requests: Request[], index: number): string {
  const envelope = {
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup: "/aws/api-usage/h7t7p9api1/$default",
    logStream: `stream-${index}`,
    subscriptionFilters: ["api-usage-access-logs"],
    logEvents: requests.map((r, i) => ({ id: `${index}-${i}`, timestamp: r.atMs, message: logLine(r, i) })),
  };
  return gzipSync(Buffer.from(JSON.stringify(envelope))).toString("base64");
}

/** The rows the enricher returns for the envelopes, each with its record's `dt`. */
export async function enrichedRows(): Promise<FiledRow[]> {
  const event: FirehoseTransformationEvent = {
    invocationId: "invocation-1",
    deliveryStreamArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-usage",
    region: "eu-west-1",
    records: ENVELOPES.map((e, i) => ({ recordId: `record-${i}`, approximateArrivalTimestamp: MIDNIGHT_MS + i, data: envelopeData(e, i) })),
  };
  const quiet = { warn: () => undefined, info: () => undefined };
  const result = await transformBatch(event, { config: { ...readConfig({}), usagePlanLookup: false }, logger: quiet });
  const filed: FiledRow[] = [];
  for (const record of result.records) {
    if (record.result !== "Ok") throw new Error(`record ${record.recordId} was ${record.result}`);
    const dt = record.metadata?.partitionKeys?.dt;
    if (dt === undefined) throw new Error(`record ${record.recordId} has no dt`);
    const text = Buffer.from(record.data ?? "", "base64").toString("utf8").trimEnd();
    for (const line of text.split("\n")) filed.push({ row: JSON.parse(line) as Record<string, unknown>, dt });
  }
  return filed;
}

/** Users and requests per UTC request day, from the log lines. */
export function truthPerDay(): Map<string, { users: Set<string>; requests: number; requestsWithUser: number }> {
  const days = new Map<string, { users: Set<string>; requests: number; requestsWithUser: number }>();
  for (const r of ENVELOPES.flat()) {
    const day = new Date(r.atMs).toISOString().slice(0, 10);
    const entry = days.get(day) ?? { users: new Set<string>(), requests: 0, requestsWithUser: 0 };
    entry.requests++;
    if (r.claimsSub.trim() !== "") {
      entry.users.add(r.claimsSub);
      entry.requestsWithUser++;
    }
    days.set(day, entry);
  }
  return days;
}

export function dayBoundsMs(day: string): { startMs: number; endMs: number } {
  const startMs = Date.parse(`${day}T00:00:00.000Z`);
  return { startMs, endMs: startMs + 86_400_000 - 1 };
}

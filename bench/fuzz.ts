/**
 * `npm run fuzz [-- --inputs N --seconds S --seed K]`: a fixed-seed fuzz of each function with
 * hostile inputs and injected dependency faults (in-process fake clients: 500, throttling,
 * malformed answers, hangs cut by the deadline). Prints per function: inputs tried, faults
 * injected, records/datums lost, wrong ids, batch failures, deadline overruns, responses over the
 * limit and injection escapes. Exits 1 when any of the failure columns is not 0. Too slow for
 * `npm test`; each function stops at N inputs or S seconds, whichever comes first.
 *
 * A deadline overrun is time spent waiting past the deadline: wall time minus the CPU time the
 * invocation used (parsing a 130,000-point series or inflating a bomb is work bounded by the
 * input, not waiting on a dependency), beyond SLACK_MS of scheduler noise.
 */
import "./support/silent-logs";
import { gzipSync } from "node:zlib";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { AthenaClient } from "@aws-sdk/client-athena";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { FirehoseTransformationEvent } from "aws-lambda";
import { readConfig as readEnricherConfig } from "../functions/access-log-enricher/config";
import { MAX_RESPONSE_BYTES, transformBatch } from "../functions/access-log-enricher/transform";
import { UsagePlanCatalog } from "../functions/access-log-enricher/usage-plans";
import { createCounter } from "../functions/api-call-counter/counter";
import { parseDeadLetterBody } from "../functions/api-call-counter/dead-letter";
import * as distinctUsers from "../functions/distinct-users-widget/index";
import * as periodComparison from "../functions/period-comparison-widget/index";
import { Deadline } from "../functions/shared/bounded-calls";
import { CommandIo, parseCommandLine, processIo, reportUsageError, runCommand, UsageError } from "../functions/shared/command-line";
import { seededRandom } from "./measure";
import { FakeClock } from "./support/fake-clock";
import recordsFixture from "./support/cloudtrail-records.json";

/** Scheduler noise on a shared machine; a real overrun (a call not cut at the deadline) is a whole fault delay. */
const SLACK_MS = 50;

export interface FuzzFigures {
  function: string;
  inputs: number;
  faults: number;
  lost: number;
  wrongIds: number;
  batchFailures: number;
  deadlineOverruns: number;
  /** Longest wait past the deadline, scheduler noise included. */
  worstPastDeadlineMs: number;
  overLimit: number;
  injectionEscapes: number;
  seconds: number;
}

type Random = () => number;
type Fault = "ok" | "500" | "throttle" | "malformed" | "hang";

const MARKER = "<x-inj";
const HOSTILE = [
  "",
  "-",
  `<x-inj onerror=alert(1)>`,
  `"},{"x":"`,
  "\u0000\u001f\u2028\u2029",
  "é😀\uD800",
  "a".repeat(3000),
  "$(rm -rf /)",
  "' OR 1=1 --",
  "line\nbreak\r\n",
  "${jndi:ldap://127.0.0.1/x}",
];

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];

/** A dependency answer: mostly fine, sometimes 500, throttled, malformed, rarely a hang (cut by the deadline). */
function fault(r: Random, faults: { n: number }): Fault {
  const x = r();
  const f: Fault = x < 0.82 ? "ok" : x < 0.88 ? "500" : x < 0.94 ? "throttle" : x < 0.998 ? "malformed" : "hang";
  if (f !== "ok") faults.n++;
  return f;
}

function awsError(f: Fault): Error {
  if (f === "throttle") return Object.assign(new Error("Rate exceeded"), { name: "Throttling", $metadata: { httpStatusCode: 400 } });
  if (f === "malformed") return Object.assign(new Error("Unexpected token < in JSON"), { name: "SyntaxError", $metadata: { httpStatusCode: 200 } });
  return Object.assign(new Error("Internal failure"), { name: "InternalFailure", $metadata: { httpStatusCode: 500 } });
}

/** A fake `send` that plays one fault per call; a hang settles only through the caller's abort signal. */
function faulty<T>(r: Random, faults: { n: number }, answer: (input: Record<string, unknown>, name: string) => T) {
  return (command: { input: Record<string, unknown>; constructor: { name: string } }, options?: { abortSignal?: AbortSignal }): Promise<T> => {
    const f = fault(r, faults);
    if (f === "hang") {
      return new Promise<T>((_, reject) => options?.abortSignal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))));
    }
    if (f !== "ok") return Promise.reject(awsError(f));
    return Promise.resolve(answer(command.input, command.constructor.name));
  };
}

/** The longest wait past a deadline seen in this run, in ms (printed with the figures). */
let worstWaitPastDeadlineMs = 0;

/** Starts an invocation's stopwatch; `overran(budget)` tells whether it waited past `budget` ms. */
function stopwatch() {
  const wall = Date.now();
  const cpu = process.cpuUsage();
  return {
    overran(budgetMs: number): boolean {
      const used = process.cpuUsage(cpu);
      const past = Date.now() - wall - (used.user + used.system) / 1000 - budgetMs;
      worstWaitPastDeadlineMs = Math.max(worstWaitPastDeadlineMs, past);
      return past > SLACK_MS;
    },
  };
}

function remaining(ms: number) {
  const started = Date.now();
  return { getRemainingTimeInMillis: () => ms - (Date.now() - started) };
}

const TEMPLATES = recordsFixture.records as Record<string, unknown>[];

function finish(figures: Omit<FuzzFigures, "worstPastDeadlineMs">, faults: { n: number }, started: number): FuzzFigures {
  const worst = Math.round(Math.max(0, worstWaitPastDeadlineMs));
  worstWaitPastDeadlineMs = 0;
  return { ...figures, faults: faults.n, worstPastDeadlineMs: worst, seconds: (Date.now() - started) / 1000 };
}

async function fuzzCounter(inputs: number, seconds: number, seed: number): Promise<FuzzFigures> {
  const r = seededRandom(seed);
  const figures = { function: "api-call-counter", inputs: 0, faults: 0, lost: 0, wrongIds: 0, batchFailures: 0, deadlineOverruns: 0, overLimit: 0, injectionEscapes: 0, seconds: 0 };
  const faults = { n: 0 };
  const now = Date.parse("2024-05-14T11:00:00Z");
  const env = {
    DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
    DEADLINE_MARGIN_MS: "0",
    DEAD_LETTER_RESERVE_MS: "15",
    PUBLISH_MAX_ATTEMPTS: "3",
    DIMENSION_SETS: '[["EventSource","EventName"],["ErrorCode"],[]]',
  };
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const started = Date.now();
  for (; figures.inputs < inputs && Date.now() - started < seconds * 1000; figures.inputs++) {
    const published: unknown[] = [];
    const deadLettered: unknown[] = [];
    const cloudWatch = { send: faulty(r, faults, (input) => published.push(...(input.MetricData as unknown[]))) } as unknown as CloudWatchClient;
    const sqs = { send: faulty(r, faults, (input) => deadLettered.push(...(parseDeadLetterBody(String(input.MessageBody)).MetricData ?? []))) } as unknown as SQSClient;
    const counter = createCounter({ env, cloudWatch: () => cloudWatch, sqs: () => sqs, log: () => log, sleep: async () => undefined, random: r, now: () => now });
    const events = Array.from({ length: 1 + Math.floor(r() * 12) }, (_, i) => {
      if (r() < 0.05) return { id: String(i), timestamp: now, message: pick(r, HOSTILE) };
      const record: Record<string, unknown> = { ...pick(r, TEMPLATES), eventTime: new Date(now - Math.floor(r() * 3_600_000)).toISOString() };
      if (r() < 0.3) record.eventName = pick(r, HOSTILE) || "Op";
      if (r() < 0.1) record.errorCode = pick(r, HOSTILE);
      if (r() < 0.05) delete record.eventSource;
      return { id: String(i), timestamp: now, message: JSON.stringify(record) };
    });
    const payload = { messageType: "DATA_MESSAGE", owner: "123456789012", logGroup: "g", logStream: "s", subscriptionFilters: ["f"], logEvents: events };
    const event = r() < 0.01 ? { awslogs: { data: pick(r, HOSTILE) } } : { awslogs: { data: gzipSync(JSON.stringify(payload)).toString("base64") } };
    const budgetMs = 40;
    const watch = stopwatch();
    try {
      const summary = await counter(event, remaining(budgetMs));
      // Success promises every datum is published or dead-lettered, none twice in one invocation.
      const delivered = published.length + deadLettered.length;
      if (delivered < summary.datums) figures.lost += summary.datums - delivered;
      if (delivered > summary.datums) figures.wrongIds += delivered - summary.datums;
    } catch {
      // A failed invocation keeps the payload (Lambda retries it); nothing is lost.
    }
    if (watch.overran(budgetMs)) figures.deadlineOverruns++;
  }
  return finish(figures, faults, started);
}

function accessLine(r: Random): Record<string, unknown> {
  const line: Record<string, unknown> = {
    apiType: pick(r, ["REST", "HTTP", "WEBSOCKET"]),
    requestId: `${Math.floor(r() * 1e9)}`,
    requestTimeEpoch: String(1795250623123 + Math.floor(r() * 86_400_000)),
    apiId: "a1b2c3d4e5",
    stage: "prod",
    httpMethod: "GET",
    resourcePath: "/orders/{id}",
    path: "/orders/1",
    status: "200",
    sourceIp: "198.51.100.7",
    claimsSub: "-",
    apiKeyId: r() < 0.4 ? `key${Math.floor(r() * 5)}` : "-",
  };
  if (r() < 0.2) line[pick(r, Object.keys(line))] = pick(r, HOSTILE);
  if (r() < 0.1) line.userAgent = pick(r, HOSTILE);
  return line;
}

function recordData(r: Random): string {
  const x = r();
  if (x < 0.55) return Buffer.from(JSON.stringify(accessLine(r))).toString("base64");
  if (x < 0.7) return Buffer.from(Array.from({ length: 1 + Math.floor(r() * 5) }, () => JSON.stringify(accessLine(r))).join("\n")).toString("base64");
  if (x < 0.85) {
    const envelope = { messageType: r() < 0.1 ? "CONTROL_MESSAGE" : "DATA_MESSAGE", logGroup: "g", logEvents: Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => ({ id: String(i), timestamp: 0, message: JSON.stringify(accessLine(r)) })) };
    return gzipSync(JSON.stringify(envelope)).toString("base64");
  }
  if (x < 0.9) return pick(r, HOSTILE);
  if (x < 0.95) return Buffer.from(pick(r, HOSTILE)).toString("base64");
  if (x < 0.999) return gzipSync(Buffer.alloc(1 + Math.floor(r() * 10_000), 0x7b)).toString("base64");
  return gzipSync(Buffer.alloc(9 * 1024 * 1024, 0x20)).toString("base64"); // a bomb beyond MAX_INFLATED_BYTES
}

async function fuzzEnricher(inputs: number, seconds: number, seed: number): Promise<FuzzFigures> {
  const r = seededRandom(seed);
  const figures = { function: "access-log-enricher", inputs: 0, faults: 0, lost: 0, wrongIds: 0, batchFailures: 0, deadlineOverruns: 0, overLimit: 0, injectionEscapes: 0, seconds: 0 };
  const faults = { n: 0 };
  const config = readEnricherConfig({});
  const logger = { warn: () => undefined, info: () => undefined };
  const started = Date.now();
  for (; figures.inputs < inputs && Date.now() - started < seconds * 1000; figures.inputs++) {
    const client = {
      send: faulty(r, faults, (input, name) =>
        name === "GetUsagePlansCommand"
          ? { items: [{ id: "p1", name: pick(r, HOSTILE), apiStages: [{ apiId: "a1b2c3d4e5", stage: "prod" }] }] }
          : name === "GetApiKeysCommand"
            ? { items: Array.from({ length: 5 }, (_, i) => ({ id: `key${i}`, name: pick(r, HOSTILE), customerId: pick(r, HOSTILE) })) }
            : { items: [{ id: "key1" }, { id: "key2" }], position: input.position === undefined && r() < 0.5 ? "next" : undefined },
      ),
    } as unknown as APIGatewayClient;
    const usagePlans = new UsagePlanCatalog({ client, ttlMs: 1, keysConcurrency: 2, logger, lookupTimeoutMs: 20 });
    const records = Array.from({ length: 1 + Math.floor(r() * 12) }, (_, i) => ({ recordId: r() < 0.02 ? pick(r, HOSTILE) : `rec-${figures.inputs}-${i}`, approximateArrivalTimestamp: 0, data: recordData(r) }));
    const event: FirehoseTransformationEvent = { invocationId: "fuzz", deliveryStreamArn: "arn", region: "eu-west-1", records };
    // A small response budget, so that the 6 MB rule is exercised on small batches.
    const budget = r() < 0.5 ? MAX_RESPONSE_BYTES : 500 + Math.floor(r() * 20_000);
    const watch = stopwatch();
    try {
      const result = await transformBatch(event, { config, usagePlans, logger, deadline: new Deadline(Date.now() + 30) }, budget);
      if (result.records.length !== records.length) figures.lost += Math.abs(records.length - result.records.length);
      const inputBytes = Buffer.byteLength(JSON.stringify({ records: records.map((x) => ({ recordId: x.recordId, result: "ProcessingFailed", data: x.data })) }));
      if (Buffer.byteLength(JSON.stringify(result)) > Math.max(budget, inputBytes)) figures.overLimit++;
      result.records.forEach((out, i) => {
        if (out.recordId !== records[i]?.recordId) figures.wrongIds++;
        if (out.result === "ProcessingFailed" && out.data !== records[i].data) figures.lost++;
        if (out.result === "Ok") {
          const lines = Buffer.from(out.data ?? "", "base64").toString("utf8").split("\n").filter((l) => l !== "");
          for (const l of lines) {
            const row: unknown = JSON.parse(l);
            if (typeof row !== "object" || row === null || Array.isArray(row)) figures.injectionEscapes++;
          }
        }
      });
    } catch {
      figures.batchFailures++;
    }
    if (watch.overran(30)) figures.deadlineOverruns++;
  }
  return finish(figures, faults, started);
}

/** An HTML answer that let hostile input through as markup. */
function escaped(html: string): boolean {
  return html.includes(MARKER) || /<script/i.test(html);
}

async function fuzzDistinctUsers(inputs: number, seconds: number, seed: number): Promise<FuzzFigures> {
  const r = seededRandom(seed);
  const figures = { function: "distinct-users-widget", inputs: 0, faults: 0, lost: 0, wrongIds: 0, batchFailures: 0, deadlineOverruns: 0, overLimit: 0, injectionEscapes: 0, seconds: 0 };
  const faults = { n: 0 };
  const env = { DEADLINE_SECONDS: "1", CACHE_TTL_SECONDS: "0", POLL_INITIAL_MS: "10", POLL_MAX_MS: "50", DEADLINE_MARGIN_MS: "0" };
  const started = Date.now();
  for (; figures.inputs < inputs && Date.now() - started < seconds * 1000; figures.inputs++) {
    const clock = new FakeClock();
    const send = faulty(r, faults, (input, name) => {
      if (name === "StartQueryCommand") return { queryId: "q" };
      if (name === "GetQueryResultsCommand" && "queryId" in input) {
        return { status: pick(r, ["Complete", "Complete", "Running", "Failed", "Timeout"]), results: [[{ field: "user", value: pick(r, HOSTILE) }, { field: "events", value: String(Math.floor(r() * 9)) }]], statistics: { recordsMatched: Math.floor(r() * 9) } };
      }
      if (name === "StartQueryExecutionCommand") return { QueryExecutionId: "e" };
      if (name === "GetQueryExecutionCommand") return { QueryExecution: { Status: { State: pick(r, ["SUCCEEDED", "RUNNING", "FAILED", "CANCELLED"]), StateChangeReason: pick(r, HOSTILE) } } };
      if (name === "GetQueryResultsCommand") return { ResultSet: { Rows: [{}, { Data: [{ VarCharValue: pick(r, ["12", "-1", "x", HOSTILE[2]]) }, { VarCharValue: "40" }] }] } };
      return {};
    });
    const client = { send } as unknown;
    const handler = distinctUsers.createHandler({ logs: client as CloudWatchLogsClient, athena: client as AthenaClient, clock, env });
    const params: Record<string, unknown> =
      r() < 0.5
        ? { backend: "logs", logGroupNames: [r() < 0.8 ? "/aws/api" : pick(r, HOSTILE)], userField: r() < 0.8 ? "userId" : pick(r, HOSTILE), title: pick(r, HOSTILE) }
        : { backend: "athena", workgroup: r() < 0.8 ? "wg" : pick(r, HOSTILE), database: "db", table: "t", title: pick(r, HOSTILE) };
    if (r() < 0.1) params[pick(r, HOSTILE) || "x"] = pick(r, HOSTILE);
    const event = { ...params, widgetContext: { theme: pick(r, ["light", "dark", HOSTILE[2]]), timeRange: { start: 1_700_000_000_000 - Math.floor(r() * 1e9), end: 1_700_000_000_000 } } };
    const watch = stopwatch();
    try {
      const html = await handler(event, remaining(40));
      if (typeof html !== "string") figures.batchFailures++;
      else if (escaped(html)) figures.injectionEscapes++;
    } catch {
      figures.batchFailures++;
    }
    if (watch.overran(40)) figures.deadlineOverruns++;
  }
  return finish(figures, faults, started);
}

async function fuzzPeriodComparison(inputs: number, seconds: number, seed: number): Promise<FuzzFigures> {
  const r = seededRandom(seed);
  const figures = { function: "period-comparison-widget", inputs: 0, faults: 0, lost: 0, wrongIds: 0, batchFailures: 0, deadlineOverruns: 0, overLimit: 0, injectionEscapes: 0, seconds: 0 };
  const faults = { n: 0 };
  const now = Date.UTC(2025, 2, 10, 12);
  const started = Date.now();
  for (; figures.inputs < inputs && Date.now() - started < seconds * 1000; figures.inputs++) {
    const send = faulty(r, faults, (input) => ({
      MetricDataResults: ((input.MetricDataQueries as Array<{ Id: string }>) ?? []).map((q) => {
        const n = r() < 0.001 ? 130_000 : Math.floor(r() * 50);
        return { Id: r() < 0.02 ? pick(r, HOSTILE) : q.Id, StatusCode: pick(r, ["Complete", "Complete", "PartialData", "InternalError"]), Timestamps: Array.from({ length: n }, (_, i) => new Date(now - i * 60_000)), Values: Array.from({ length: n }, () => (r() < 0.01 ? Number.NaN : r() * 1e6)) };
      }),
      NextToken: r() < 0.05 ? "more" : undefined,
    }));
    const handler = periodComparison.createHandler({ cloudwatch: { send } as unknown as CloudWatchClient, now: () => now, env: { DEADLINE_MARGIN_MS: "0" } });
    const metric = () => ({ namespace: r() < 0.9 ? "AWS/ApiGateway" : pick(r, HOSTILE), metricName: "Count", dimensions: { ApiId: pick(r, ["a1", HOSTILE[2]]) }, stat: pick(r, ["Sum", "Maximum", "Minimum", "Average", "p99", HOSTILE[2]]), label: pick(r, HOSTILE) });
    const event = { metrics: Array.from({ length: 1 + Math.floor(r() * 3) }, metric), title: pick(r, HOSTILE), widgetContext: { theme: "dark", timeRange: { start: now - Math.floor(r() * 7 * 86_400_000), end: now } } };
    const watch = stopwatch();
    try {
      const html = await handler(event, remaining(40));
      if (escaped(html)) figures.injectionEscapes++;
    } catch {
      figures.batchFailures++;
    }
    if (watch.overran(40)) figures.deadlineOverruns++;
  }
  return finish(figures, faults, started);
}

export const FUZZ_USAGE = `usage: npm run fuzz -- [--inputs N] [--seconds S] [--seed K] [--only NAME]

  --inputs N    inputs per function (default 100000)
  --seconds S   time bound per function (default 300)
  --seed K      PRNG seed (default 20261201)
  --only NAME   fuzz only the function whose name contains NAME
  -h, --help    print this and exit`;

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  let options: { inputs: number; seconds: number; seed: number; only: string };
  try {
    const { values } = parseCommandLine(argv, { inputs: { type: "string" }, seconds: { type: "string" }, seed: { type: "string" }, only: { type: "string" } });
    if (values.help) {
      io.out(FUZZ_USAGE);
      return 0;
    }
    const whole = (flag: string, text: string | undefined, fallback: number) => {
      if (text === undefined) return fallback;
      if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${flag} "${text}" is invalid: expected a whole number of at least 1`);
      return Number(text);
    };
    options = { inputs: whole("inputs", values.inputs, 100_000), seconds: whole("seconds", values.seconds, 300), seed: whole("seed", values.seed, 20261201), only: values.only ?? "" };
  } catch (e) {
    return reportUsageError(e, FUZZ_USAGE, io);
  }
  const fuzzers = [fuzzCounter, fuzzEnricher, fuzzDistinctUsers, fuzzPeriodComparison];
  const names = ["api-call-counter", "access-log-enricher", "distinct-users-widget", "period-comparison-widget"];
  const rows: FuzzFigures[] = [];
  for (let i = 0; i < fuzzers.length; i++) {
    if (!names[i].includes(options.only)) continue;
    rows.push(await fuzzers[i](options.inputs, options.seconds, options.seed + i));
  }
  console.table(rows.map((f) => ({ ...f, seconds: f.seconds.toFixed(1) })));
  const bad = rows.some((f) => f.lost + f.wrongIds + f.batchFailures + f.deadlineOverruns + f.overLimit + f.injectionEscapes > 0);
  io.out(bad ? "fuzz found failures" : `fuzz clean: seed ${options.seed}, ${rows.map((f) => `${f.function} ${f.inputs}`).join(", ")} inputs`);
  return bad ? 1 : 0;
}

if (require.main === module) runCommand(main);

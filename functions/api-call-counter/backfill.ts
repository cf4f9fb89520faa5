/**
 * Backfill: replays the last N hours of management events from CloudTrail LookupEvents into the
 * same per-minute metrics the handler publishes, within the two weeks PutMetricData accepts.
 *
 * Run it only for a period the subscription did not count (for example before the counter was
 * deployed), and end it with --until at the moment the subscription started: minutes counted by
 * both would be counted twice. LookupEvents returns management events of the client's Region
 * only (run once per Region) and allows 2 requests per second per account and Region, so pages
 * are paced.
 *
 *   DEAD_LETTER_QUEUE_URL=... AWS_REGION=us-east-1 \
 *   TS_NODE_TRANSPILE_ONLY=true npx ts-node functions/api-call-counter/backfill.ts --hours 6 [--until 2024-05-14T10:00:00Z]
 *
 * Exit codes: 0 done, 1 the backfill failed or lost datums, 2 bad command line.
 */
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SQSClient } from "@aws-sdk/client-sqs";
import { boundedClientConfig } from "../shared/bounded-calls";
import { CommandIo, parseCommandLine, processIo, readCommand, runCommand, UsageError } from "../shared/command-line";
import { createLogger } from "../shared/logger";
import { CounterConfig, readConfig } from "./config";
import { CallCounts, countCalls, SourcedMessage } from "./count";
import { CounterLog, deliverDatums, Delivery, logLostDatums } from "./deliver";
import { putMetricDataWindow } from "./record";

export interface BackfillRequest {
  readonly hours: number;
  /** End of the period, epoch ms; defaults to now. */
  readonly untilMs?: number;
}

export interface BackfillDeps {
  readonly config: CounterConfig;
  readonly cloudTrail: CloudTrailClient;
  readonly cloudWatch: CloudWatchClient;
  readonly sqs: SQSClient;
  readonly log: CounterLog;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export type BackfillSummary = CallCounts & Omit<Delivery, "unsent"> & { readonly pages: number; readonly datums: number };

/** LookupEvents allows 2 requests per second per account and Region. */
export const PAGE_INTERVAL_MS = 500;
const HOUR_MS = 3_600_000;

export async function backfillRecentCalls(request: BackfillRequest, deps: BackfillDeps): Promise<BackfillSummary> {
  const nowMs = deps.now();
  const window = putMetricDataWindow(nowMs);
  const untilMs = request.untilMs ?? nowMs;
  const startMs = untilMs - request.hours * HOUR_MS;
  if (startMs < window.earliestMs || untilMs > nowMs) {
    throw new Error(
      `backfill period ${new Date(startMs).toISOString()} to ${new Date(untilMs).toISOString()} is invalid: expected it to end by now and start after ${new Date(window.earliestMs).toISOString()} (PutMetricData accepts two weeks back)`,
    );
  }

  const messages: SourcedMessage[] = [];
  let pages = 0;
  let nextToken: string | undefined;
  do {
    if (pages > 0) await deps.sleep(PAGE_INTERVAL_MS);
    const page = await deps.cloudTrail.send(
      new LookupEventsCommand({ StartTime: new Date(startMs), EndTime: new Date(untilMs), MaxResults: 50, NextToken: nextToken }),
    );
    pages++;
    for (const event of page.Events ?? []) messages.push({ id: event.EventId ?? `#${messages.length}`, message: event.CloudTrailEvent });
    nextToken = page.NextToken;
  } while (nextToken !== undefined && nextToken !== "");

  const { counts, aggregator, skippedSamples } = countCalls(messages, deps.config, window);
  if (skippedSamples.length > 0) deps.log.warn("some events were skipped", { samples: skippedSamples });
  const datums = aggregator.toDatums(deps.config.metricName);
  const delivery = await deliverDatums(deps.config, datums, deps);
  logLostDatums(deps.log, delivery);
  const { unsent: _unsent, ...delivered } = delivery;
  const summary: BackfillSummary = { pages, ...counts, datums: datums.length, ...delivered };
  deps.log.info("backfill done", { from: new Date(startMs).toISOString(), until: new Date(untilMs).toISOString(), summary });
  return summary;
}

export const BACKFILL_USAGE = `usage: TS_NODE_TRANSPILE_ONLY=true npx ts-node functions/api-call-counter/backfill.ts --hours N [--until 2024-05-14T10:00:00Z]

  --hours N      replay the N whole hours before --until, 1 to 335 (PutMetricData accepts two weeks back)
  --until TIME   end of the period, a UTC time like 2024-05-14T10:00:00Z (default now); use the
                 moment the subscription started, or minutes counted by both are counted twice
  -h, --help     print this and exit

environment: the counter's (DEAD_LETTER_QUEUE_URL, ...) and AWS_REGION; run once per Region`;

/**
 * `--hours N [--until ISO-8601]`, or "help"; a mistake throws a UsageError that names the flag,
 * the value and what was expected.
 */
export function parseBackfillArgs(argv: readonly string[]): BackfillRequest | "help" {
  const { values } = parseCommandLine(argv, { hours: { type: "string" }, until: { type: "string" } });
  if (values.help) return "help";
  const { hours, until } = values;
  if (hours === undefined) throw new UsageError(`--hours is missing: expected --hours N [--until 2024-05-14T10:00:00Z]`);
  if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > 335) {
    throw new UsageError(`--hours "${hours}" is invalid: expected whole hours from 1 to 335 (PutMetricData accepts two weeks back)`);
  }
  if (until === undefined) return { hours: Number(hours) };
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(until) || Number.isNaN(Date.parse(until))) {
    throw new UsageError(`--until "${until}" is invalid: expected a UTC time like 2024-05-14T10:00:00Z`);
  }
  return { hours: Number(hours), untilMs: Date.parse(until) };
}

function defaultDeps(): BackfillDeps {
  const config = readConfig(process.env);
  return {
    config,
    cloudTrail: new CloudTrailClient(boundedClientConfig(config.calls)),
    cloudWatch: new CloudWatchClient(boundedClientConfig(config.calls, 1)),
    sqs: new SQSClient({ ...boundedClientConfig(config.calls), useQueueUrlAsEndpoint: false }),
    log: createLogger("api-call-counter-backfill"),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
  };
}

/** Runs the command for `argv` (without node and the script) and returns its exit code. */
export async function main(argv: readonly string[], io: CommandIo = processIo, deps: () => BackfillDeps = defaultDeps): Promise<number> {
  const request = readCommand(() => parseBackfillArgs(argv), BACKFILL_USAGE, io);
  if (typeof request === "number") return request;
  try {
    const summary = await backfillRecentCalls(request, deps());
    return summary.lost > 0 ? 1 : 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (require.main === module) runCommand(main);

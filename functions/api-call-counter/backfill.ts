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
 */
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SQSClient } from "@aws-sdk/client-sqs";
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

/** `--hours N [--until ISO-8601]`; errors name the flag, the value and what was expected. */
export function parseBackfillArgs(argv: readonly string[]): BackfillRequest {
  let hours: number | undefined;
  let untilMs: number | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--hours") {
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 335) {
        throw new Error(`--hours "${value ?? ""}" is invalid: expected whole hours from 1 to 335 (PutMetricData accepts two weeks back)`);
      }
      hours = Number(value);
    } else if (flag === "--until") {
      if (value === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(value)) {
        throw new Error(`--until "${value ?? ""}" is invalid: expected a UTC time like 2024-05-14T10:00:00Z`);
      }
      untilMs = Date.parse(value);
    } else {
      throw new Error(`argument "${flag}" is invalid: expected --hours N [--until 2024-05-14T10:00:00Z]`);
    }
  }
  if (hours === undefined) throw new Error(`--hours is missing: expected --hours N [--until 2024-05-14T10:00:00Z]`);
  return untilMs === undefined ? { hours } : { hours, untilMs };
}

if (require.main === module) {
  const log = createLogger("api-call-counter-backfill");
  Promise.resolve()
    .then(() =>
      backfillRecentCalls(parseBackfillArgs(process.argv.slice(2)), {
        config: readConfig(process.env),
        cloudTrail: new CloudTrailClient({}),
        cloudWatch: new CloudWatchClient({ maxAttempts: 1 }),
        sqs: new SQSClient({}),
        log,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
        now: Date.now,
      }),
    )
    .then((summary) => {
      if (summary.lost > 0) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

/**
 * api-call-counter: turns CloudTrail records delivered by a CloudWatch Logs subscription into
 * per-minute CloudWatch call-count metrics. See counter.ts for the flow; its environment variables
 * are declared in contracts/functions/api-call-counter.ts.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createLogger } from "../shared/logger";
import { CounterLog, CounterSummary, createCounter } from "./counter";

let cloudWatch: CloudWatchClient | undefined;
let sqs: SQSClient | undefined;
let log: CounterLog | undefined;

/** Builds the handler; tests replace sleep (and anything else) to stay fast. */
export function createHandler(overrides: Partial<Parameters<typeof createCounter>[0]> = {}): (event: unknown) => Promise<CounterSummary> {
  return createCounter({
    env: process.env,
    // Retries are ours (only failed chunks, counted, bounded); the SDK must not add its own.
    cloudWatch: () => (cloudWatch ??= new CloudWatchClient({ maxAttempts: 1 })),
    sqs: () => (sqs ??= new SQSClient({})),
    log: () => (log ??= createLogger("api-call-counter")),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
    ...overrides,
  });
}

export const handler = createHandler();

/**
 * api-call-counter: turns CloudTrail records delivered by a CloudWatch Logs subscription into
 * per-minute CloudWatch call-count metrics. See counter.ts for the flow; its environment variables
 * are declared in contracts/functions/api-call-counter.ts.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SQSClient } from "@aws-sdk/client-sqs";
import { boundedClientConfig, type RemainingTime } from "../shared/bounded-calls";
import { createLogger } from "../shared/logger";
import { readConfig } from "./config";
import { CounterLog, CounterSummary, createCounter } from "./counter";

let cloudWatch: CloudWatchClient | undefined;
let sqs: SQSClient | undefined;
let log: CounterLog | undefined;

/** Builds the handler; tests replace sleep (and anything else) to stay fast. */
export function createHandler(overrides: Partial<Parameters<typeof createCounter>[0]> = {}): (event: unknown, context?: RemainingTime) => Promise<CounterSummary> {
  const env = overrides.env ?? process.env;
  return createCounter({
    env,
    // Retries are ours (only failed chunks, counted, bounded); the SDK must not add its own.
    cloudWatch: () => (cloudWatch ??= new CloudWatchClient(boundedClientConfig(readConfig(env).calls, 1))),
    // The queue is in the function's Region, so the resolved endpoint (or AWS_ENDPOINT_URL_SQS) serves it.
    sqs: () => (sqs ??= new SQSClient({ ...boundedClientConfig(readConfig(env).calls), useQueueUrlAsEndpoint: false })),
    log: () => (log ??= createLogger("api-call-counter")),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
    ...overrides,
  });
}

export const handler = createHandler();

/** For tests: build the SDK clients again (from the current environment) on the next invocation. */
export function resetClientsForTests(): void {
  cloudWatch = undefined;
  sqs = undefined;
}

/**
 * Publishes chunks of datums with PutMetricData, a few at a time. A chunk that fails with a
 * retryable error is retried on its own after a jittered backoff, up to the configured attempts;
 * chunks that succeeded are never sent again. Nothing is sent or retried after the deadline: the
 * chunks left then fail with the deadline as their error (and are dead-lettered by the caller).
 * A call abandoned at the deadline may still have been applied by CloudWatch, so its chunk may
 * be counted twice once replayed; that is the price of never losing it.
 */
import { CloudWatchClient, MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { callBefore, Deadline, DeadlineExceededError } from "../shared/bounded-calls";
import type { RetrySettings } from "./config";
import { backoffDelayMs, describeError, isRetryable } from "./retry";

export interface PublishDeps {
  readonly cloudWatch: CloudWatchClient;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** When publishing must stop; no deadline: never. */
  readonly deadline?: Deadline;
}

const NO_DEADLINE = new Deadline(Number.POSITIVE_INFINITY);

export interface FailedChunk {
  readonly datums: readonly MetricDatum[];
  readonly error: string;
  readonly attempts: number;
}

export interface PublishResult {
  readonly publishedDatums: number;
  readonly publishedChunks: number;
  /** PutMetricData requests sent, retries included. */
  readonly calls: number;
  readonly retried: number;
  readonly failed: readonly FailedChunk[];
}

export async function publishChunks(
  namespace: string,
  chunks: readonly (readonly MetricDatum[])[],
  retry: RetrySettings,
  concurrency: number,
  deps: PublishDeps,
): Promise<PublishResult> {
  let publishedDatums = 0;
  let publishedChunks = 0;
  let calls = 0;
  let retried = 0;
  const failed: FailedChunk[] = [];

  const deadline = deps.deadline ?? NO_DEADLINE;
  const publishOne = async (datums: readonly MetricDatum[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if (deadline.expired()) {
        failed.push({ datums, error: "DeadlineExceededError: the publishing deadline passed before this chunk was sent", attempts: attempt - 1 });
        return;
      }
      calls++;
      try {
        await callBefore(deadline, "PutMetricData", (abortSignal) =>
          deps.cloudWatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [...datums] }), { abortSignal }),
        );
        publishedDatums += datums.length;
        publishedChunks++;
        return;
      } catch (error) {
        if (error instanceof DeadlineExceededError || !isRetryable(error) || attempt >= retry.maxAttempts) {
          failed.push({ datums, error: describeError(error), attempts: attempt });
          return;
        }
        const delayMs = backoffDelayMs(attempt, retry, deps.random);
        if (delayMs >= deadline.remainingMs()) {
          failed.push({ datums, error: `${describeError(error)} (no time left for another attempt)`, attempts: attempt });
          return;
        }
        retried++;
        await deps.sleep(delayMs);
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      await publishOne(chunk);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return { publishedDatums, publishedChunks, calls, retried, failed };
}

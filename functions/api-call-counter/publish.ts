/**
 * Publishes chunks of datums with PutMetricData, a few at a time. A chunk that fails with a
 * retryable error is retried on its own after a jittered backoff, up to the configured attempts;
 * chunks that succeeded are never sent again.
 */
import { CloudWatchClient, MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { RetrySettings } from "./config";
import { backoffDelayMs, describeError, isRetryable } from "./retry";

export interface PublishDeps {
  readonly cloudWatch: CloudWatchClient;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

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

  const publishOne = async (datums: readonly MetricDatum[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      calls++;
      try {
        await deps.cloudWatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [...datums] }));
        publishedDatums += datums.length;
        publishedChunks++;
        return;
      } catch (error) {
        if (!isRetryable(error) || attempt >= retry.maxAttempts) {
          failed.push({ datums, error: describeError(error), attempts: attempt });
          return;
        }
        retried++;
        await deps.sleep(backoffDelayMs(attempt, retry, deps.random));
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

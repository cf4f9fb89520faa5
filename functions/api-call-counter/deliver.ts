/**
 * Gets datums to CloudWatch or, failing that, to the dead-letter queue or, failing that, into an
 * error log line holding their replayable body. Shared by the handler and the backfill.
 */
import type { CloudWatchClient, MetricDatum } from "@aws-sdk/client-cloudwatch";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Deadline } from "../shared/bounded-calls";
import { chunkDatums } from "./chunk";
import type { CounterConfig } from "./config";
import { DeadLetterMessage, sendDeadLetters, toDeadLetterMessages } from "./dead-letter";
import { publishChunks } from "./publish";

export interface CounterLog {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

export interface DeliverDeps {
  readonly cloudWatch: CloudWatchClient;
  readonly sqs: SQSClient;
  readonly log: CounterLog;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** When the last SQS call must have ended; publishing stops `config.deadLetterReserveMs` earlier. No deadline: never. */
  readonly deadline?: Deadline;
}

export interface Delivery {
  readonly chunks: number;
  /** PutMetricData requests, retries included. */
  readonly calls: number;
  readonly retried: number;
  readonly published: number;
  /** Datums sent to the dead-letter queue. */
  readonly deadLettered: number;
  readonly deadLetterMessages: number;
  /** Datums neither published nor dead-lettered. */
  readonly lost: number;
  readonly unsent: readonly { readonly message: DeadLetterMessage; readonly error: string }[];
}

export async function deliverDatums(config: CounterConfig, datums: readonly MetricDatum[], deps: DeliverDeps): Promise<Delivery> {
  const chunks = chunkDatums(datums, config.namespace);
  const publishDeadline = deps.deadline?.earlier(config.deadLetterReserveMs);
  const published = await publishChunks(config.namespace, chunks, config.retry, config.concurrency, { ...deps, deadline: publishDeadline });
  let deadLettered = 0;
  let deadLetterMessages = 0;
  const unsent: { message: DeadLetterMessage; error: string }[] = [];
  for (const failure of published.failed) {
    deps.log.warn("chunk could not be published; dead-lettering it", { datums: failure.datums.length, attempts: failure.attempts, error: failure.error });
    const messages = toDeadLetterMessages(config.namespace, failure.datums);
    const result = await sendDeadLetters(deps.sqs, config.deadLetterQueueUrl, messages, failure.error, deps.deadline);
    deadLettered += result.sentDatums;
    deadLetterMessages += result.sentMessages;
    unsent.push(...result.unsent);
  }
  return {
    chunks: chunks.length,
    calls: published.calls,
    retried: published.retried,
    published: published.publishedDatums,
    deadLettered,
    deadLetterMessages,
    lost: unsent.reduce((sum, { message }) => sum + message.datums, 0),
    unsent,
  };
}

/** True when no datum reached CloudWatch or the queue, so a retry of the whole input is safe. */
export function deliveredNothing(delivery: Delivery): boolean {
  return delivery.published === 0 && delivery.deadLettered === 0;
}

export function logLostDatums(log: CounterLog, delivery: Delivery): void {
  for (const { message, error } of delivery.unsent) {
    log.error("datums lost: neither published nor dead-lettered; the body below replays them", { lostDatums: message.datums, error, body: message.body });
  }
}

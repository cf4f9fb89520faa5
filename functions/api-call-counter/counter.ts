/**
 * One invocation from payload to metrics: decode, count, chunk, publish, dead-letter what still
 * fails, and report a summary (also logged as one structured line).
 *
 * Delivery rule: every datum ends up in exactly one place — CloudWatch, the dead-letter queue, or
 * (if SQS refuses too) an error log line holding its replayable body. The invocation only fails
 * when nothing at all was delivered, because the subscription invokes asynchronously and Lambda
 * then retries the whole payload; failing after any chunk was published or dead-lettered would
 * count those calls twice.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { chunkDatums } from "./chunk";
import { CounterConfig, Env, readConfig } from "./config";
import { countCalls } from "./count";
import { DeadLetterMessage, sendDeadLetters, toDeadLetterMessages } from "./dead-letter";
import { decodeSubscriptionPayload } from "./decode";
import { publishChunks } from "./publish";
import { putMetricDataWindow } from "./record";

export interface CounterLog {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
}

export interface CounterDeps {
  readonly env: Env;
  readonly cloudWatch: () => CloudWatchClient;
  readonly sqs: () => SQSClient;
  readonly log: () => CounterLog;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export interface CounterSummary {
  readonly messageType: "DATA_MESSAGE" | "CONTROL_MESSAGE" | "UNREADABLE";
  readonly events: number;
  readonly counted: number;
  readonly malformed: number;
  readonly outsideWindow: number;
  readonly filtered: number;
  readonly datums: number;
  readonly chunks: number;
  /** PutMetricData requests, retries included. */
  readonly calls: number;
  readonly retried: number;
  readonly published: number;
  /** Datums sent to the dead-letter queue. */
  readonly deadLettered: number;
  readonly deadLetterMessages: number;
  /** Datums neither published nor dead-lettered (their bodies are in the error log). */
  readonly lost: number;
}

const EMPTY: Omit<CounterSummary, "messageType"> = {
  events: 0, counted: 0, malformed: 0, outsideWindow: 0, filtered: 0, datums: 0, chunks: 0,
  calls: 0, retried: 0, published: 0, deadLettered: 0, deadLetterMessages: 0, lost: 0,
};

export function createCounter(deps: CounterDeps): (event: unknown) => Promise<CounterSummary> {
  return async (event) => {
    const config: CounterConfig = readConfig(deps.env);
    const log = deps.log();
    const decoded = decodeSubscriptionPayload(event);
    if (decoded.kind === "unreadable") {
      const summary: CounterSummary = { messageType: "UNREADABLE", ...EMPTY };
      log.error("payload is not a CloudWatch Logs subscription payload; nothing to count", { reason: decoded.reason, preview: decoded.preview, summary });
      return summary;
    }
    if (decoded.kind === "control") {
      const summary: CounterSummary = { messageType: "CONTROL_MESSAGE", ...EMPTY };
      log.info("control message ignored", { summary });
      return summary;
    }

    const { counts, aggregator, skippedSamples } = countCalls(decoded.messages, config, putMetricDataWindow(deps.now()));
    if (skippedSamples.length > 0) log.warn("some log events were skipped", { malformed: counts.malformed, outsideWindow: counts.outsideWindow, samples: skippedSamples });
    const datums = aggregator.toDatums(config.metricName);
    const chunks = chunkDatums(datums, config.namespace);
    const published = await publishChunks(config.namespace, chunks, config.retry, config.concurrency, {
      cloudWatch: deps.cloudWatch(),
      sleep: deps.sleep,
      random: deps.random,
    });

    let deadLettered = 0;
    let deadLetterMessages = 0;
    const unsent: { message: DeadLetterMessage; error: string }[] = [];
    for (const failure of published.failed) {
      log.warn("chunk could not be published; dead-lettering it", { datums: failure.datums.length, attempts: failure.attempts, error: failure.error });
      const messages = toDeadLetterMessages(config.namespace, failure.datums);
      const result = await sendDeadLetters(deps.sqs(), config.deadLetterQueueUrl, messages, failure.error);
      deadLettered += result.sentDatums;
      deadLetterMessages += result.sentMessages;
      unsent.push(...result.unsent);
    }
    const lost = unsent.reduce((sum, { message }) => sum + message.datums, 0);
    const summary: CounterSummary = {
      messageType: "DATA_MESSAGE",
      ...counts,
      datums: datums.length,
      chunks: chunks.length,
      calls: published.calls,
      retried: published.retried,
      published: published.publishedDatums,
      deadLettered,
      deadLetterMessages,
      lost,
    };
    if (lost > 0) {
      if (published.publishedDatums === 0 && deadLettered === 0) {
        log.error("nothing could be published or dead-lettered; failing so Lambda retries the payload", { summary, errors: unsent.map((u) => u.error) });
        throw new Error(`api-call-counter delivered none of ${datums.length} datums (PutMetricData and SQS both failed: ${unsent[0].error})`);
      }
      for (const { message, error } of unsent) {
        log.error("datums lost: neither published nor dead-lettered; the body below replays them", { lostDatums: message.datums, error, body: message.body });
      }
    }
    log.info("payload counted", { logGroup: decoded.logGroup, logStream: decoded.logStream, summary });
    return summary;
  };
}

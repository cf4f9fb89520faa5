/**
 * One invocation from payload to metrics: decode, count, chunk, publish, dead-letter what still
 * fails, and report a summary (also logged as one structured line).
 *
 * Delivery rule (DELIVERY_GUARANTEE): every datum is published, or dead-lettered, or the
 * invocation fails so that Lambda's retries and then its failure destination keep the payload.
 * Publishing stops DEAD_LETTER_RESERVE_MS before the deadline (the Lambda's remaining time minus
 * DEADLINE_MARGIN_MS) so what is left can still be dead-lettered. at-least-once (the default)
 * fails whenever a datum is left over: nothing is lost, but a retried payload counts the chunks
 * already published again. at-most-once fails only when nothing at all was delivered (a retry is
 * then exact) and otherwise leaves the left-over bodies in an error log line: nothing is counted
 * twice, but those datums are lost unless that line is replayed (`npm run replay`).
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Environment } from "../../contracts/environment";
import { Deadline, type RemainingTime } from "../shared/bounded-calls";
import { CounterConfig, readConfig } from "./config";
import { countCalls } from "./count";
import { decodeSubscriptionPayload } from "./decode";
import { CounterLog, Delivery, deliverDatums, deliveredNothing, logLostDatums } from "./deliver";
import { putMetricDataWindow } from "./record";

export type { CounterLog } from "./deliver";

export interface CounterDeps {
  readonly env: Environment;
  readonly cloudWatch: () => CloudWatchClient;
  readonly sqs: () => SQSClient;
  readonly log: () => CounterLog;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

/** What one invocation did: what it read, plus how its datums were delivered (their bodies, if any were lost, are in the error log). */
export interface CounterSummary extends Omit<Delivery, "unsent"> {
  readonly messageType: "DATA_MESSAGE" | "CONTROL_MESSAGE" | "UNREADABLE";
  readonly events: number;
  readonly counted: number;
  readonly malformed: number;
  readonly outsideWindow: number;
  readonly filtered: number;
  readonly datums: number;
}

const EMPTY: Omit<CounterSummary, "messageType"> = {
  events: 0, counted: 0, malformed: 0, outsideWindow: 0, filtered: 0, datums: 0, chunks: 0,
  calls: 0, retried: 0, published: 0, deadLettered: 0, deadLetterMessages: 0, lost: 0,
};

export function createCounter(deps: CounterDeps): (event: unknown, context?: RemainingTime) => Promise<CounterSummary> {
  return async (event, context) => {
    const config: CounterConfig = readConfig(deps.env);
    const deadline = Deadline.fromContext(context, config.calls.deadlineMarginMs);
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
    const delivery = await deliverDatums(config, datums, {
      cloudWatch: deps.cloudWatch(),
      sqs: deps.sqs(),
      log,
      sleep: deps.sleep,
      random: deps.random,
      deadline,
    });
    const { unsent, ...delivered } = delivery;
    const summary: CounterSummary = { messageType: "DATA_MESSAGE", ...counts, datums: datums.length, ...delivered };
    if (delivery.lost > 0) {
      if (config.deliveryGuarantee === "at-least-once" || deliveredNothing(delivery)) {
        log.error("datums could be neither published nor dead-lettered; failing so Lambda retries the payload", {
          summary,
          deliveryGuarantee: config.deliveryGuarantee,
          errors: unsent.map((u) => u.error),
        });
        const cause = `PutMetricData and SQS both failed: ${unsent[0].error}`;
        throw new Error(
          deliveredNothing(delivery)
            ? `api-call-counter delivered none of ${datums.length} datums (${cause})`
            : `api-call-counter could not deliver ${delivery.lost} of ${datums.length} datums (${cause}); ` +
                `the ${summary.published} published and ${summary.deadLettered} dead-lettered datums will be counted again when Lambda retries the payload`,
        );
      }
      logLostDatums(log, delivery);
    }
    log.info("payload counted", { logGroup: decoded.logGroup, logStream: decoded.logStream, summary });
    return summary;
  };
}

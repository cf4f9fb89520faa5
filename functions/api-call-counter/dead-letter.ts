/**
 * Datums that could not be published go to an SQS queue as JSON bodies that replay as a
 * PutMetricData input: `{"Namespace": ..., "MetricData": [...]}` with ISO 8601 timestamps
 * (`parseDeadLetterBody` turns one back into a command input). SQS takes at most 256 KiB per
 * message, attributes included, so a failed chunk is split into bodies of at most 200,000 bytes;
 * that size also fits a single CloudWatch Logs event, which is where a body goes if SQS refuses it.
 */
import type { MetricDatum, PutMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { callBefore, Deadline } from "../shared/bounded-calls";
import { describeError } from "./retry";

export const MAX_DEAD_LETTER_BODY_BYTES = 200_000;

export interface DeadLetterMessage {
  readonly body: string;
  readonly datums: number;
}

export function toDeadLetterMessages(
  namespace: string,
  datums: readonly MetricDatum[],
  maxBodyBytes: number = MAX_DEAD_LETTER_BODY_BYTES,
): DeadLetterMessage[] {
  const head = `{"Namespace":${JSON.stringify(namespace)},"MetricData":[`;
  const tail = "]}";
  const messages: DeadLetterMessage[] = [];
  let parts: string[] = [];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  const flush = (): void => {
    if (parts.length === 0) return;
    messages.push({ body: head + parts.join(",") + tail, datums: parts.length });
    parts = [];
    bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  };
  for (const datum of datums) {
    const part = JSON.stringify(datum);
    const partBytes = Buffer.byteLength(part) + 1;
    if (parts.length > 0 && bytes + partBytes > maxBodyBytes) flush();
    parts.push(part);
    bytes += partBytes;
  }
  flush();
  return messages;
}

/** The PutMetricData input a dead-letter body stands for, ready for `new PutMetricDataCommand()`. */
export function parseDeadLetterBody(body: string): PutMetricDataCommandInput {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== "object" || parsed === null) throw new Error("dead-letter body is not a JSON object");
  const { Namespace, MetricData } = parsed as { Namespace?: unknown; MetricData?: unknown };
  if (typeof Namespace !== "string" || !Array.isArray(MetricData)) {
    throw new Error("dead-letter body is invalid: expected {Namespace: string, MetricData: array}");
  }
  return {
    Namespace,
    MetricData: MetricData.map((datum: MetricDatum & { Timestamp?: Date | string }) => ({
      ...datum,
      ...(datum.Timestamp === undefined ? {} : { Timestamp: new Date(datum.Timestamp) }),
    })),
  };
}

export interface DeadLetterResult {
  readonly sentMessages: number;
  readonly sentDatums: number;
  readonly unsent: readonly { readonly message: DeadLetterMessage; readonly error: string }[];
}

export async function sendDeadLetters(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly DeadLetterMessage[],
  reason: string,
  deadline: Deadline = new Deadline(Number.POSITIVE_INFINITY),
): Promise<DeadLetterResult> {
  let sentMessages = 0;
  let sentDatums = 0;
  const unsent: { message: DeadLetterMessage; error: string }[] = [];
  for (const message of messages) {
    try {
      await callBefore(deadline, "SQS SendMessage", (abortSignal) =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.body,
            MessageAttributes: {
              reason: { DataType: "String", StringValue: (reason || "unknown").slice(0, 1000) },
              datums: { DataType: "Number", StringValue: String(message.datums) },
            },
          }),
          { abortSignal },
        ),
      );
      sentMessages++;
      sentDatums += message.datums;
    } catch (error) {
      unsent.push({ message, error: describeError(error) });
    }
  }
  return { sentMessages, sentDatums, unsent };
}

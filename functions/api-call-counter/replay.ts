/**
 * Replay: publishes dead-lettered datums to CloudWatch. A dead-letter body is the PutMetricData
 * input the counter could not publish (`parseDeadLetterBody`). Sources:
 *   --queue URL   the dead-letter queue itself: each message is deleted once its datums are published
 *   --file PATH   a body, or lines each holding a body or a logged line with a `body` attribute
 *                 (what DELIVERY_GUARANTEE=at-most-once leaves in the error log)
 * PutMetricData accepts timestamps up to two weeks back; older datums fail and are reported.
 * Replaying a body twice counts its calls twice, so a queue message is deleted right after it is
 * published, and a file should be replayed once.
 *
 * Exit codes: 0 every body published, 1 some body failed, 2 bad command line.
 */
import { readFileSync } from "node:fs";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { COUNTER_FAILURE_DEFAULTS } from "../../contracts/functions/api-call-counter";
import { boundedClientConfig } from "../shared/bounded-calls";
import { CommandIo, parseCommandLine, processIo, readCommand, UsageError } from "../shared/command-line";
import { chunkDatums } from "./chunk";
import { parseDeadLetterBody } from "./dead-letter";
import { describeError } from "./retry";

export type ReplaySource = { readonly file: string } | { readonly queueUrl: string; readonly maxMessages: number };

export interface ReplayRequest {
  readonly source: ReplaySource;
  /** Parse and count, publish nothing. */
  readonly dryRun: boolean;
}

export interface ReplaySummary {
  readonly bodies: number;
  readonly datums: number;
  readonly published: number;
  readonly deletedMessages: number;
  readonly failures: readonly string[];
}

export interface ReplayDeps {
  readonly cloudWatch: CloudWatchClient;
  readonly sqs: SQSClient;
  readonly readFile: (path: string) => string;
}

export const REPLAY_USAGE = `usage: npm run replay -- (--queue URL [--max N] | --file PATH) [--dry-run]

  --queue URL   replay the counter's dead-letter queue; a message is deleted once published
  --max N       stop after N messages, 1 to 100000 (default 1000)
  --file PATH   replay a dead-letter body, or lines of bodies or of logged lines with a "body"
                (the error log of DELIVERY_GUARANTEE=at-most-once)
  --dry-run     parse and count, publish and delete nothing
  -h, --help    print this and exit

environment: AWS_REGION (the counter's Region) and credentials allowed cloudwatch:PutMetricData
(and sqs:ReceiveMessage, sqs:DeleteMessage for --queue). Exit codes: 0 ok, 1 some body failed, 2 bad command line`;

export function parseReplayArgs(argv: readonly string[]): ReplayRequest | "help" {
  const { values } = parseCommandLine(argv, { queue: { type: "string" }, file: { type: "string" }, max: { type: "string" }, "dry-run": { type: "boolean" } });
  if (values.help) return "help";
  const dryRun = values["dry-run"] ?? false;
  if (values.queue !== undefined && values.file !== undefined) throw new UsageError("--queue and --file exclude each other: replay one source at a time");
  if (values.file !== undefined) {
    if (values.max !== undefined) throw new UsageError("--max applies to --queue only");
    return { source: { file: values.file }, dryRun };
  }
  if (values.queue === undefined) throw new UsageError("no source given: pass --queue URL or --file PATH");
  if (!/^https?:\/\/\S+\/\d{12}\/[A-Za-z0-9_-]{1,80}$/.test(values.queue)) {
    throw new UsageError(`--queue "${values.queue}" is invalid: expected an SQS queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq`);
  }
  const max = values.max ?? "1000";
  if (!/^\d+$/.test(max) || Number(max) < 1 || Number(max) > 100_000) throw new UsageError(`--max "${max}" is invalid: expected a whole number from 1 to 100000`);
  return { source: { queueUrl: values.queue, maxMessages: Number(max) }, dryRun };
}

/** The dead-letter bodies in a file's text: the whole text as one body, else one per line. */
export function bodiesInText(text: string): string[] {
  const whole = text.trim();
  if (whole === "") return [];
  if (isBody(tryJson(whole))) return [whole];
  const bodies: string[] = [];
  whole.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const value = tryJson(line);
    if (isBody(value)) bodies.push(line.trim());
    else if (typeof value === "object" && value !== null && typeof (value as { body?: unknown }).body === "string") bodies.push((value as { body: string }).body);
    else throw new Error(`line ${index + 1} is neither a dead-letter body ({"Namespace":…,"MetricData":[…]}) nor a logged line with a "body"`);
  });
  return bodies;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isBody(value: unknown): boolean {
  return typeof value === "object" && value !== null && "Namespace" in value && "MetricData" in value;
}

/** Publishes one body; returns how many datums it held. Throws what PutMetricData threw. */
export async function replayBody(cloudWatch: CloudWatchClient, body: string, dryRun: boolean): Promise<number> {
  const input = parseDeadLetterBody(body);
  const datums = input.MetricData ?? [];
  if (!dryRun) {
    for (const chunk of chunkDatums(datums, input.Namespace ?? "")) await cloudWatch.send(new PutMetricDataCommand({ Namespace: input.Namespace, MetricData: chunk }));
  }
  return datums.length;
}

export async function replay(request: ReplayRequest, deps: ReplayDeps): Promise<ReplaySummary> {
  let bodies = 0;
  let datums = 0;
  let published = 0;
  let deletedMessages = 0;
  const failures: string[] = [];
  const one = async (body: string, where: string): Promise<boolean> => {
    bodies++;
    try {
      const count = await replayBody(deps.cloudWatch, body, request.dryRun);
      datums += count;
      if (!request.dryRun) published += count;
      return true;
    } catch (error) {
      failures.push(`${where}: ${describeError(error)}`);
      return false;
    }
  };

  const { source } = request;
  if ("file" in source) {
    const found = bodiesInText(deps.readFile(source.file));
    for (let i = 0; i < found.length; i++) await one(found[i], `${source.file} body ${i + 1}`);
    return { bodies, datums, published, deletedMessages, failures };
  }
  // A message that fails stays in flight until its visibility timeout, so it is not received twice here.
  for (let received = 0; received < source.maxMessages; ) {
    const page = await deps.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: source.queueUrl, MaxNumberOfMessages: Math.min(10, source.maxMessages - received), WaitTimeSeconds: 1, VisibilityTimeout: 300 }),
    );
    const messages = page.Messages ?? [];
    if (messages.length === 0) break;
    for (const message of messages) {
      received++;
      const ok = await one(message.Body ?? "", `message ${message.MessageId}`);
      if (ok && !request.dryRun) {
        await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: source.queueUrl, ReceiptHandle: message.ReceiptHandle }));
        deletedMessages++;
      }
    }
    if (request.dryRun) break;
  }
  return { bodies, datums, published, deletedMessages, failures };
}

/** Bounded SDK clients (built from the environment at the call) and the file system. */
export function defaultReplayDeps(): ReplayDeps {
  const config = boundedClientConfig(COUNTER_FAILURE_DEFAULTS);
  return { cloudWatch: new CloudWatchClient(config), sqs: new SQSClient({ ...config, useQueueUrlAsEndpoint: false }), readFile: (path) => readFileSync(path, "utf8") };
}

/** Runs the command for `argv` (without node and the script) and returns its exit code. */
export async function main(argv: readonly string[], io: CommandIo = processIo, deps: () => ReplayDeps = defaultReplayDeps): Promise<number> {
  const request = readCommand(() => parseReplayArgs(argv), REPLAY_USAGE, io);
  if (typeof request === "number") return request;
  try {
    const summary = await replay(request, deps());
    io.out(
      `${request.dryRun ? "would replay" : "replayed"} ${summary.bodies} bodies, ${summary.datums} datums: ${summary.published} published, ` +
        `${summary.deletedMessages} queue messages deleted, ${summary.failures.length} failed`,
    );
    for (const failure of summary.failures) io.err(failure);
    return summary.failures.length > 0 ? 1 : 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

/**
 * api-call-counter on a 10,000-event subscription payload with a realistic mix of management
 * calls: handler time (PutMetricData mocked to resolve) against the floor (base64 + gunzip +
 * JSON.parse of the payload and of every message), and PutMetricData calls against
 * ceil(datums / 1000) and a 20-datum batcher.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import recordsFixture from "./support/cloudtrail-records.json";
import { medianMs, peakRssMiB, printTable, seededRandom } from "./measure";

process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
process.env.DEAD_LETTER_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq";

const EVENTS = 10_000;
const RUNS = 21;


function weighted<T>(random: () => number, entries: readonly [T, number][]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [value, weight] of entries) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return entries[entries.length - 1][0];
}

// Management-event traffic as a busy account sees it: KMS, STS and describe/list calls dominate.
const OPERATIONS: [string, string[], number][] = [
  ["kms.amazonaws.com", ["Decrypt", "GenerateDataKey", "Encrypt", "DescribeKey"], 22],
  ["sts.amazonaws.com", ["AssumeRole", "GetCallerIdentity", "AssumeRoleWithWebIdentity"], 15],
  ["ec2.amazonaws.com", ["DescribeInstances", "DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeVolumes", "CreateTags", "RunInstances", "TerminateInstances"], 12],
  ["s3.amazonaws.com", ["ListBuckets", "GetBucketAcl", "GetBucketLocation", "GetBucketPolicy", "PutBucketPolicy"], 9],
  ["dynamodb.amazonaws.com", ["DescribeTable", "ListTables", "UpdateTimeToLive"], 7],
  ["lambda.amazonaws.com", ["ListFunctions20150331", "GetFunction20150331v2", "UpdateFunctionCode20150331v2", "Invoke"], 6],
  ["logs.amazonaws.com", ["CreateLogStream", "DescribeLogGroups", "PutRetentionPolicy"], 6],
  ["iam.amazonaws.com", ["GetRole", "ListRoles", "GetPolicyVersion", "CreateUser", "AttachRolePolicy"], 5],
  ["secretsmanager.amazonaws.com", ["GetSecretValue", "DescribeSecret"], 5],
  ["ssm.amazonaws.com", ["GetParameter", "GetParameters", "DescribeInstanceInformation", "UpdateInstanceInformation"], 5],
  ["cloudformation.amazonaws.com", ["DescribeStacks", "DescribeStackEvents", "ListStacks"], 3],
  ["ecr.amazonaws.com", ["GetAuthorizationToken", "BatchGetImage", "DescribeRepositories"], 2],
  ["monitoring.amazonaws.com", ["DescribeAlarms", "GetMetricData"], 2],
  ["signin.amazonaws.com", ["ConsoleLogin"], 1],
];
const REGIONS: [string, number][] = [["us-east-1", 55], ["eu-west-1", 25], ["us-west-2", 12], ["ap-southeast-2", 8]];
const ERRORS: [string | undefined, number][] = [[undefined, 92], ["AccessDenied", 4], ["ThrottlingException", 2], ["ResourceNotFoundException", 1.5], ["ValidationException", 0.5]];
const TEMPLATES = recordsFixture.records as Record<string, unknown>[];

function buildPayload(now: number): string {
  const random = seededRandom(42);
  const logEvents = Array.from({ length: EVENTS }, (_, i) => {
    const [eventSource, names] = weighted(random, OPERATIONS.map(([source, ops, w]) => [[source, ops] as const, w]));
    const errorCode = weighted(random, ERRORS);
    // A subscription batch spans a few minutes of CloudTrail delivery.
    const eventTime = new Date(now - 10 * 60_000 + Math.floor(random() * 5 * 60_000)).toISOString().replace(/\.\d{3}Z$/, "Z");
    const record: Record<string, unknown> = {
      ...TEMPLATES[Math.floor(random() * TEMPLATES.length)],
      eventTime,
      eventSource,
      eventName: names[Math.floor(random() * names.length)],
      awsRegion: weighted(random, REGIONS),
      eventID: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    };
    if (errorCode === undefined) delete record.errorCode;
    else record.errorCode = errorCode;
    return { id: `${i}`, timestamp: now, message: JSON.stringify(record) };
  });
  const payload = {
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup: "aws-cloudtrail-logs-123456789012-management",
    logStream: "123456789012_CloudTrail_us-east-1",
    subscriptionFilters: ["api-call-counter"],
    logEvents,
  };
  return gzipSync(Buffer.from(JSON.stringify(payload))).toString("base64");
}

function floor(data: string): number {
  const payload = JSON.parse(gunzipSync(Buffer.from(data, "base64")).toString("utf8")) as { logEvents: { message: string }[] };
  let parsed = 0;
  for (const logEvent of payload.logEvents) if (JSON.parse(logEvent.message) !== null) parsed++;
  return parsed;
}

async function main(): Promise<void> {
  const cloudWatch = mockClient(CloudWatchClient);
  cloudWatch.on(PutMetricDataCommand).resolves({});
  // Imported after the environment is set so the logger is created silent.
  const { handler } = await import("../functions/api-call-counter");

  // Anchored to a minute boundary so the payload spans the same minutes, and datums, every run.
  const data = buildPayload(Math.floor(Date.now() / 60_000) * 60_000);
  const event = { awslogs: { data } };
  const summary = await handler(event);
  if (summary.counted !== EVENTS) throw new Error(`expected ${EVENTS} counted events, got ${summary.counted}`);
  cloudWatch.resetHistory();

  // Interleaved, one of each per round with a GC before each, so both see the same machine state
  // (the machine is shared); medians of RUNS rounds.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const floorTimes: number[] = [];
  const handlerTimes: number[] = [];
  floor(data);
  for (let round = 0; round < RUNS; round++) {
    gc();
    floorTimes.push(await medianMs(1, () => floor(data)));
    gc();
    cloudWatch.resetHistory();
    handlerTimes.push(await medianMs(1, () => handler(event)));
  }
  const median = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const floorBest = median(floorTimes);
  const handlerMs = median(handlerTimes);

  const calls = cloudWatch.commandCalls(PutMetricDataCommand).length;
  printTable([
    { measure: "payload", value: `${EVENTS} events, ${(Buffer.byteLength(data) / 1024).toFixed(0)} KiB base64`, note: `${summary.datums} datums` },
    { measure: "floor: base64+gunzip+JSON.parse (payload and each message)", value: `${floorBest.toFixed(1)} ms`, note: "" },
    { measure: "handler (PutMetricData mocked)", value: `${handlerMs.toFixed(1)} ms`, note: `${(handlerMs / floorBest).toFixed(2)}x the floor (target <= 1.5x)` },
    { measure: "PutMetricData calls, this handler", value: calls, note: `ceil(${summary.datums}/1000) = ${Math.ceil(summary.datums / 1000)}` },
    { measure: "PutMetricData calls, 20-datum batcher, same datums", value: Math.ceil(summary.datums / 20), note: `${(Math.ceil(summary.datums / 20) / calls).toFixed(0)}x ours` },
    { measure: "PutMetricData calls, 20-datum batcher, one datum per event", value: Math.ceil(EVENTS / 20), note: `${(Math.ceil(EVENTS / 20) / calls).toFixed(0)}x ours` },
    { measure: "peak RSS", value: `${peakRssMiB().toFixed(0)} MiB`, note: "whole process, payload built in-process" },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

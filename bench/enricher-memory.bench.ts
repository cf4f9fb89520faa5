/**
 * The enricher's memory and response budgets on the batches Firehose can hand it: CloudWatch Logs
 * envelopes (about 1 MiB of events each, the realistic worst case) as the pipeline's CloudWatch Logs
 * stream hands them over (decompressed by Firehose) at processor buffers of 1 and 3 MB (the largest
 * allowed), and still gzipped (a stream without decompression) at 0.25, 1 and 3 MB; and hostile 3 MB
 * batches (gzip bombs; records inflating to just under MAX_INFLATED_BYTES). Each shape runs in its own child process; its peak RSS is printed
 * next to the configured memory, its response size next to the limit.
 */
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import type { FirehoseTransformationEvent } from "aws-lambda";
import { ACCESS_LOG_PIPELINE_DEFAULTS } from "../components/access-log-pipeline/defaults";
import { readConfig } from "../functions/access-log-enricher/config";
import { MAX_RESPONSE_BYTES, transformBatch } from "../functions/access-log-enricher/transform";
import { printTable, seededRandom } from "./measure";

const MiB = 1024 * 1024;
const MB = 1_000_000;
const CONFIG = readConfig({});

type Shape = "decompressed-envelopes" | "realistic-envelopes" | "gzip-bombs" | "just-under-cap";
const RUNS: ReadonlyArray<readonly [Shape, number]> = [
  ["decompressed-envelopes", 1 * MB],
  ["decompressed-envelopes", 3 * MB],
  ["realistic-envelopes", 0.25 * MB],
  ["realistic-envelopes", 1 * MB],
  ["realistic-envelopes", 3 * MB],
  ["gzip-bombs", 3 * MB],
  ["just-under-cap", 3 * MB],
];

function accessLine(random: () => number, i: number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  return JSON.stringify({
    apiType: "REST",
    requestId: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    requestTimeEpoch: String(1795250623123 + i),
    apiId: "a1b2c3d4e5",
    stage: "prod",
    httpMethod: "GET",
    resourcePath: "/orders/{id}",
    path: `/orders/${Math.floor(random() * 1e6)}`,
    status: "200",
    responseLatency: String(Math.floor(random() * 300)),
    sourceIp: `198.51.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    claimsSub: hex(32),
    apiKeyId: "-",
  });
}

/** Records of `make()` until the next one would exceed the processor buffer (at least one record). */
function fill(bufferBytes: number, make: (i: number) => Buffer): FirehoseTransformationEvent {
  const records: FirehoseTransformationEvent["records"] = [];
  for (let bytes = 0, i = 0; ; i++) {
    const data = make(i);
    if (i > 0 && bytes + data.length > bufferBytes) break;
    bytes += data.length;
    records.push({ recordId: `record-${i}`, approximateArrivalTimestamp: 0, data: data.toString("base64") });
  }
  return { invocationId: "bench", deliveryStreamArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/x", region: "eu-west-1", records };
}

function build(shape: Shape, bufferBytes: number): FirehoseTransformationEvent {
  const random = seededRandom(13);
  if (shape === "realistic-envelopes" || shape === "decompressed-envelopes") {
    // One PutLogEvents batch is at most 1 MiB, so an envelope carries about that much of events.
    return fill(bufferBytes, (n) => {
      const logEvents = Array.from({ length: 2_200 }, (_, i) => ({ id: `${n}-${i}`, timestamp: 1795250623123 + i, message: accessLine(random, i) }));
      const envelope = Buffer.from(JSON.stringify({ messageType: "DATA_MESSAGE", owner: "123456789012", logGroup: "g", logStream: "s", subscriptionFilters: ["f"], logEvents }));
      return shape === "realistic-envelopes" ? gzipSync(envelope) : envelope;
    });
  }
  if (shape === "gzip-bombs") {
    const bomb = gzipSync(Buffer.alloc(60 * MiB, 0x20));
    return fill(bufferBytes, () => bomb);
  }
  // Valid NDJSON inflating to just under MAX_INFLATED_BYTES: every line is parsed and enriched.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < CONFIG.maxInflatedBytes - 2_000; i++) {
    const line = accessLine(random, i) + "\n";
    lines.push(line);
    size += line.length;
  }
  const record = gzipSync(lines.join(""));
  return fill(bufferBytes, () => record);
}

async function child(shape: Shape, bufferBytes: number): Promise<void> {
  const event = build(shape, bufferBytes);
  global.gc?.();
  const result = await transformBatch(event, { config: CONFIG, logger: { warn: () => undefined, info: () => undefined } });
  const responseBytes = Buffer.byteLength(JSON.stringify(result));
  const ok = result.records.filter((r) => r.result === "Ok").length;
  const sameIds = result.records.every((r, i) => r.recordId === event.records[i].recordId);
  process.stdout.write(JSON.stringify({ records: event.records.length, ok, responseBytes, sameIds, peak: process.resourceUsage().maxRSS * 1024 }));
}

function main(): void {
  const memory = ACCESS_LOG_PIPELINE_DEFAULTS.enricherMemorySizeMb;
  const rows = RUNS.map(([shape, bufferBytes]) => {
    const run = spawnSync(process.execPath, [...process.execArgv, __filename, "child", shape, String(bufferBytes)], { encoding: "utf8", env: process.env, maxBuffer: 16 * MiB });
    if (run.status !== 0) throw new Error(`${shape} failed: ${run.stderr}`);
    const m = JSON.parse(run.stdout) as { records: number; ok: number; responseBytes: number; sameIds: boolean; peak: number };
    return {
      batch: `${shape}, ${bufferBytes / MB} MB buffer`,
      records: m.records,
      "Ok / ProcessingFailed": `${m.ok} / ${m.records - m.ok}`,
      "response MB": (m.responseBytes / 1e6).toFixed(2),
      "response limit MB": (MAX_RESPONSE_BYTES / 1e6).toFixed(2),
      "peak RSS MiB": (m.peak / MiB).toFixed(0),
      "configured MiB": memory,
      "ids in order": m.sameIds ? "yes" : "NO",
    };
  });
  printTable(rows);
  console.log(`MAX_INFLATED_BYTES ${CONFIG.maxInflatedBytes} bytes; peak RSS includes Node itself and the batch held as the Lambda runtime would hold it`);
}

if (process.argv[2] === "child") {
  child(process.argv[3] as Shape, Number(process.argv[4])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}

/**
 * access-log-enricher against its floor on a ~6 MB Firehose batch of realistic access-log records.
 * Floor: base64 decode + JSON.parse + JSON.stringify + base64 encode of the same records, the least
 * any processor must do. Peak RSS is measured in child processes (one per side) as the growth of
 * the process's peak RSS while transforming a batch already in memory.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from "aws-lambda";
import { readConfig } from "../functions/access-log-enricher/config";

const DEFAULT_CONFIG = readConfig({});
import { transformBatch, type TransformDependencies } from "../functions/access-log-enricher/transform";
import { UsagePlanSnapshot } from "../functions/access-log-enricher/usage-plans";
import { medianMs, printTable, seededRandom } from "./measure";

const RECORDS = 6_000;
// The batch is larger than Firehose hands the enricher (its response would pass 6 MB), so the
// response budget is lifted to time every record's enrichment; its cost is still paid, and
// bench/enricher-memory.bench.ts measures the budget itself.
const UNBOUNDED = Number.POSITIVE_INFINITY;
const RUNS = 11;
const API_KEYS = 200;


function buildEvent(): FirehoseTransformationEvent {
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const agents = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "okhttp/4.12.0",
    "python-requests/2.32.3",
    "aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#22.11.0 api/api-gateway#3.700.0",
  ];
  const day = Date.UTC(2026, 10, 21);
  const records = Array.from({ length: RECORDS }, (_, i) => {
    const kind = random();
    const epoch = day + Math.floor(random() * 86_400_000);
    const id = Math.floor(random() * 100_000);
    const common = {
      requestId: uuid(),
      extendedRequestId: `${hex(14)}=`,
      requestTime: "21/Nov/2026:08:43:43 +0000",
      requestTimeEpoch: String(epoch),
      domainName: "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
      status: pick(["200", "200", "200", "201", "204", "400", "403", "404", "429", "500", "502"]),
      integrationLatency: String(Math.floor(random() * 300)),
      integrationStatus: "200",
      errorMessage: "-",
      errorResponseType: "-",
      sourceIp: `${Math.floor(random() * 223) + 1}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`,
      userAgent: pick(agents),
      principalId: "-",
      userArn: "-",
    };
    let line: Record<string, string>;
    if (kind < 0.7) {
      line = {
        apiType: "REST",
        ...common,
        apiId: "a1b2c3d4e5",
        stage: "prod",
        httpMethod: pick(["GET", "GET", "POST", "PUT", "DELETE"]),
        resourcePath: pick(["/users/{userId}", "/users/{userId}/orders", "/orders/{orderId}", "/reports", "/health"]),
        path: `/prod/users/${id}/orders`,
        protocol: "HTTP/1.1",
        responseLength: String(Math.floor(random() * 20_000)),
        responseLatency: String(Math.floor(random() * 400)),
        authorizerLatency: kind < 0.4 ? String(Math.floor(random() * 30)) : "-",
        claimsSub: kind < 0.4 ? uuid() : "-",
        cognitoIdentityId: "-",
        apiKeyId: kind >= 0.4 ? `key${i % API_KEYS}` : "-",
      };
    } else if (kind < 0.95) {
      line = {
        apiType: "HTTP",
        ...common,
        apiId: "h7t7p9api1",
        stage: "$default",
        httpMethod: "GET",
        routeKey: kind < 0.9 ? "GET /pets/{petId}" : "$default",
        path: kind < 0.9 ? `/pets/${id}` : `/orders/${uuid()}/items/${id}`,
        protocol: "HTTP/1.1",
        responseLength: String(Math.floor(random() * 20_000)),
        responseLatency: String(Math.floor(random() * 400)),
        claimsSub: `auth0|${hex(24)}`,
        cognitoIdentityId: "-",
      };
    } else {
      line = {
        apiType: "WEBSOCKET",
        ...common,
        apiId: "w5s0ck3t01",
        stage: "production",
        routeKey: pick(["$connect", "sendMessage", "$disconnect"]),
        authorizerLatency: "-",
        apiKeyId: "-",
        eventType: "MESSAGE",
        connectionId: `${hex(14)}=`,
      };
    }
    return { recordId: `49546986683135544286507457936321625675700192471156785154${i}`, approximateArrivalTimestamp: epoch, data: Buffer.from(JSON.stringify(line)).toString("base64") };
  });
  return { invocationId: "bench", deliveryStreamArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-bench", region: "eu-west-1", records };
}

function snapshot(): UsagePlanSnapshot {
  const keys = new Map(Array.from({ length: API_KEYS }, (_, i) => [`key${i}`, { name: `partner-${i}`, customerId: `cust-${i}` }]));
  const plan = { id: "up-gold", name: "Gold", stages: new Set(["a1b2c3d4e5/prod"]) };
  const plansByKey = new Map(Array.from({ length: API_KEYS }, (_, i) => [`key${i}`, [plan]]));
  return new UsagePlanSnapshot(keys, plansByKey);
}

function dependencies(): TransformDependencies {
  const current = Promise.resolve(snapshot());
  return {
    config: DEFAULT_CONFIG,
    usagePlans: { current: () => current },
    logger: { warn: () => undefined, info: () => undefined },
  };
}

function floor(event: FirehoseTransformationEvent): FirehoseTransformationResult {
  return {
    records: event.records.map((r) => ({
      recordId: r.recordId,
      result: "Ok" as const,
      data: Buffer.from(JSON.stringify(JSON.parse(Buffer.from(r.data, "base64").toString("utf8"))) + "\n").toString("base64"),
    })),
  };
}

function batchBytes(event: FirehoseTransformationEvent): number {
  return event.records.reduce((sum, r) => sum + r.data.length + r.recordId.length, 0);
}

const MiB = 1024 * 1024;

/** Child mode: load the batch, settle, then report how much one run raised the peak RSS. */
async function rssChild(side: string, file: string): Promise<void> {
  const event = JSON.parse(readFileSync(file, "utf8")) as FirehoseTransformationEvent;
  const deps = dependencies();
  global.gc?.();
  const before = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const result = side === "enricher" ? await transformBatch(event, deps, UNBOUNDED) : floor(event);
  const after = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ growth: Math.max(0, after - before), peak: after, outputs: result.records.length }));
}

function measureRss(side: string, file: string): { growth: number; peak: number } {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, "rss-child", side, file], { encoding: "utf8", env: process.env });
  if (child.status !== 0) throw new Error(`rss child for ${side} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { growth: number; peak: number };
}

async function mainUnused(): Promise<void> {
  const event = buildEvent();
  const bytes = batchBytes(event);
  const deps = dependencies();

  const check = await transformBatch(event, deps, UNBOUNDED);
  const failed = check.records.filter((r) => r.result !== "Ok").length;
  if (failed > 0) throw new Error(`${failed} bench records did not transform`);
  const outBytes = check.records.reduce((sum, r) => sum + (r.data?.length ?? 0), 0);

  // Warm both paths before timing.
  for (let i = 0; i < 3; i++) {
    floor(event);
    await transformBatch(event, deps, UNBOUNDED);
  }
  const floorMs = await medianMs(RUNS, () => floor(event));
  const enricherMs = await medianMs(RUNS, () => transformBatch(event, deps, UNBOUNDED));

  const dir = mkdtempSync(join(tmpdir(), "enricher-bench-"));
  const file = join(dir, "event.json");
  writeFileSync(file, JSON.stringify(event));
  let floorRss: { growth: number; peak: number };
  let enricherRss: { growth: number; peak: number };
  try {
    floorRss = measureRss("floor", file);
    enricherRss = measureRss("enricher", file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`batch: ${RECORDS} records, ${(bytes / MiB).toFixed(2)} MiB base64 in, ${(outBytes / MiB).toFixed(2)} MiB base64 out (${(outBytes / bytes).toFixed(2)}x)`);
  printTable([
    {
      side: "floor (decode+parse+stringify+encode)",
      "median ms": floorMs.toFixed(1),
      "records/s": Math.round((RECORDS / floorMs) * 1000),
      "RSS growth MiB": (floorRss.growth / MiB).toFixed(1),
      "RSS growth / batch": (floorRss.growth / bytes).toFixed(2),
    },
    {
      side: "access-log-enricher",
      "median ms": enricherMs.toFixed(1),
      "records/s": Math.round((RECORDS / enricherMs) * 1000),
      "RSS growth MiB": (enricherRss.growth / MiB).toFixed(1),
      "RSS growth / batch": (enricherRss.growth / bytes).toFixed(2),
    },
  ]);
  console.log(`enricher / floor time: ${(enricherMs / floorMs).toFixed(2)}x (target <= 1.5x)`);
  console.log(`enricher peak RSS growth / batch size: ${(enricherRss.growth / bytes).toFixed(2)}x (target <= 3x); child peak RSS ${(enricherRss.peak / MiB).toFixed(0)} MiB`);
}

(async () => {
  const event = buildEvent();
  const deps = dependencies();
  writeFileSync('/tmp/event.json', JSON.stringify(event)); if (process.env.ONLY_WRITE) return;
  for (let i = 0; i < 200; i++) await transformBatch(event, deps, UNBOUNDED);
  void mainUnused; void measureRss; void rssChild; void floor; void batchBytes; void medianMs; void printTable;
})();

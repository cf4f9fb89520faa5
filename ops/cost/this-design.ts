/** This project's design, priced: trail → counter → metrics; stages → Firehose → enricher → Parquet by day; SPICE; the CloudWatch dashboard. */
import { DAYS_PER_MONTH, GB, MB, SECONDS_PER_MONTH, TB, a } from "./assumptions";
import { component, estimate, type Component, type Estimate, Pricer } from "./estimate";
import type { StackProfile, Volume } from "./inputs";

/** Firehose bills each record rounded up to 5 KB. */
export const FIREHOSE_RECORD_INCREMENT_BYTES = 5 * 1024;
/** Athena bills at least 10 MB per query. */
export const ATHENA_MINIMUM_BYTES = 10 * MB;
/** Each paid QuickSight author brings this much SPICE. */
export const SPICE_PER_AUTHOR_BYTES = 10 * GB;

export const firehoseBilledBytes = (records: number, recordBytes: number) => records * Math.ceil(recordBytes / FIREHOSE_RECORD_INCREMENT_BYTES) * FIREHOSE_RECORD_INCREMENT_BYTES;
export const athenaBilledBytes = (queries: number, bytesPerQuery: number) => queries * Math.max(ATHENA_MINIMUM_BYTES, bytesPerQuery);
const duration = (p: StackProfile) => (p.lambdaArchitecture === "arm64" ? "lambda.durationArm64" : "lambda.durationX86");

export function apiCallMetricsCost(v: Volume, p: StackProfile, price: Pricer): Component {
  if (!p.apiCallMetrics) return component("API-call metrics", [], "off in this stack");
  const events = v.cloudTrailEventsPerMonth;
  const ingestedGb = (events * a("cloudTrailEventBytes")) / GB;
  const invocations = Math.max(events / a("counterEventsPerInvocation"), SECONDS_PER_MONTH / 300);
  return component("API-call metrics", [
    price.line(p.trailCopy === "first" ? "trail events (the Region's first copy: free)" : "trail events (an additional copy)", "cloudtrail.additionalManagementEvents", p.trailCopy === "first" ? 0 : events / 100_000),
    price.line("trail events into CloudWatch Logs", "logs.ingestion", ingestedGb),
    price.line(`trail log storage (${p.logRetentionDays} days)`, "logs.storage", ingestedGb * a("gzipRatio") * (p.logRetentionDays / DAYS_PER_MONTH)),
    price.line("counter invocations", "lambda.requests", invocations / 1e6),
    price.line("counter duration", duration(p), invocations * (a("counterMsPerInvocation") / 1000) * (p.counterMemoryMb / 1024)),
    price.line(`custom metrics (${p.metricSeries} series)`, "cloudwatch.customMetric", p.metricSeries),
    price.line("PutMetricData requests", "cloudwatch.putMetricData", invocations / 1000),
    price.line(`customer managed keys (${p.customerKeys})`, "kms.key", p.customerKeys),
    price.line("KMS requests", "kms.requests", p.customerKeys > 0 ? a("kmsRequestsPerMonth") / 10_000 : 0),
  ]);
}

export function pipelineCost(v: Volume, p: StackProfile, price: Pricer): Component {
  const records = v.requestsPerMonth;
  const direct = records * (1 - p.cloudWatchShare);
  const viaLogs = records * p.cloudWatchShare;
  const logsGb = (viaLogs * v.recordBytes) / GB;
  const ingestedGb = (firehoseBilledBytes(direct, v.recordBytes) + viaLogs * v.recordBytes * a("gzipRatio")) / GB;
  const storedRatio = p.format === "parquet" ? a("parquetRatio") : a("gzipRatio");
  const deliveredGb = (records * v.recordBytes * storedRatio) / GB;
  // One object per buffer interval and active partition (one day, or one hour, at a time).
  const objects = SECONDS_PER_MONTH / p.bufferIntervalSeconds;
  const invocations = Math.max(SECONDS_PER_MONTH / p.processorBufferIntervalSeconds, (records * v.recordBytes) / (p.processorBufferSizeMb * MB));
  const enricherSeconds = records * a("enricherMicrosecondsPerRecord") * 1e-6 + invocations * 0.05;
  return component("Access-log pipeline", [
    price.line("access logs into CloudWatch Logs (HTTP/WebSocket, REST with delivery: cloudwatch)", "logs.ingestion", logsGb),
    price.line(`access log storage in CloudWatch Logs (${p.logRetentionDays} days)`, "logs.storage", logsGb * a("gzipRatio") * (p.logRetentionDays / DAYS_PER_MONTH)),
    price.line("Firehose ingestion", "firehose.ingestion", ingestedGb),
    price.line("Firehose JSON → Parquet", "firehose.formatConversion", p.format === "parquet" ? ingestedGb : 0),
    price.line("Firehose dynamic partitioning (data)", "firehose.dynamicPartitioningData", deliveredGb),
    price.line("Firehose dynamic partitioning (objects)", "firehose.dynamicPartitioningObjects", objects / 1000),
    price.line("enricher invocations", "lambda.requests", invocations / 1e6),
    price.line("enricher duration", duration(p), enricherSeconds * (p.enricherMemoryMb / 1024)),
    price.line("S3 PUT requests", "s3.putRequests", objects / 1000),
    price.line(`data lake storage (${v.retentionDays} days)`, "s3.storage", deliveredGb * (v.retentionDays / DAYS_PER_MONTH)),
  ]);
}

/** Athena bytes of one day of the data lake in Parquet. */
const parquetDayBytes = (v: Volume) => (v.requestsPerMonth * v.recordBytes * a("parquetRatio")) / DAYS_PER_MONTH;

export function queriesCost(v: Volume, p: StackProfile, price: Pricer): Component {
  const day = parquetDayBytes(v);
  const window = p.lookbackDays * day * a("athenaColumnShare");
  const refreshQueries = p.quicksight && p.importMode === "SPICE" ? p.refreshesPerMonth : 0;
  const directQueries = p.quicksight && p.importMode === "DIRECT_QUERY" ? v.quicksightReaders * a("readerViewsPerMonth") * a("visualsPerView") : 0;
  const widgetQueries = p.dashboard ? v.dashboardViewers * a("viewsPerViewer") : 0;
  const scannedTb = (athenaBilledBytes(refreshQueries + directQueries, window) + athenaBilledBytes(widgetQueries, day * a("distinctUsersColumnShare"))) / TB;
  const queries = refreshQueries + directQueries + widgetQueries;
  return component("Queries", [
    price.line(`Athena scans (${Math.round(queries)} queries: SPICE refreshes, direct queries, distinct-users widget)`, "athena.scan", scannedTb),
    price.line("Glue Data Catalog requests (3 per query)", "glue.catalogRequests", (queries * 3) / 1e6),
  ]);
}

export function dashboardCost(v: Volume, p: StackProfile, price: Pricer): Component {
  if (!p.dashboard) return component("Dashboard", [], "off in this stack");
  const views = v.dashboardViewers * a("viewsPerViewer");
  const invocations = views * p.widgetFunctions;
  const windowGb = ((v.requestsPerMonth * p.cloudWatchShare * v.recordBytes) / GB) * (3 / (DAYS_PER_MONTH * 24));
  return component("Dashboard", [
    price.line("CloudWatch dashboard", "cloudwatch.dashboard", 1),
    price.line(`alarms (${p.alarms})`, "cloudwatch.alarm", p.alarms),
    price.line("widget invocations", "lambda.requests", invocations / 1e6),
    price.line("widget duration", duration(p), invocations * a("widgetSecondsPerView") * (p.widgetMemoryMb / 1024)),
    price.line("Logs Insights scans", "logs.insightsScan", views * a("logsInsightsWidgets") * windowGb),
  ]);
}

export function quicksightCost(v: Volume, p: StackProfile, price: Pricer, spice = p.importMode === "SPICE"): Component {
  if (!p.quicksight) return component("QuickSight", [], "off in this stack");
  const spiceBytes = spice ? ((v.requestsPerMonth * p.lookbackDays) / DAYS_PER_MONTH) * a("spiceBytesPerRow") : 0;
  return component("QuickSight", [
    price.line(`authors (${v.quicksightAuthors})`, "quicksight.author", v.quicksightAuthors),
    price.line(`readers (${v.quicksightReaders})`, "quicksight.reader", v.quicksightReaders),
    price.line("SPICE beyond the authors' 10 GB each", "quicksight.spice", Math.max(0, spiceBytes - SPICE_PER_AUTHOR_BYTES * v.quicksightAuthors) / GB),
  ]);
}

export function thisDesign(v: Volume, p: StackProfile, price = new Pricer(p.region)): Estimate {
  return estimate("this design", [apiCallMetricsCost(v, p, price), pipelineCost(v, p, price), queriesCost(v, p, price), dashboardCost(v, p, price), quicksightCost(v, p, price)]);
}

/**
 * The AWS sample this project replaces, priced for the same volume: every stage logs to
 * CloudWatch Logs, a subscription feeds Firehose, gzip JSON lands in S3 by arrival time, a Glue
 * crawler runs every 10 minutes to add partitions, QuickSight queries Athena directly on every view.
 * API-call metrics and the CloudWatch dashboard are not part of it: they are counted as in this
 * design so the totals compare like for like.
 */
import { DAYS_PER_MONTH, GB, SECONDS_PER_MONTH, TB, a } from "./assumptions";
import { component, estimate, type Component, type Estimate, Pricer } from "./estimate";
import type { StackProfile, Volume } from "./inputs";
import { apiCallMetricsCost, athenaBilledBytes, dashboardCost, quicksightCost } from "./this-design";

const SAME = "not in the sample; counted as in this design so totals compare";

function samplePipeline(v: Volume, p: StackProfile, price: Pricer): Component {
  const logsGb = (v.requestsPerMonth * v.recordBytes) / GB;
  const gzipGb = logsGb * a("gzipRatio");
  const objects = SECONDS_PER_MONTH / p.bufferIntervalSeconds;
  const crawlerRuns = a("crawlerRunsPerDay") * DAYS_PER_MONTH;
  return component("Access-log pipeline", [
    price.line("access logs into CloudWatch Logs (every stage)", "logs.ingestion", logsGb),
    price.line(`access log storage in CloudWatch Logs (${p.logRetentionDays} days)`, "logs.storage", gzipGb * (p.logRetentionDays / DAYS_PER_MONTH)),
    price.line("Firehose ingestion (subscription batches)", "firehose.ingestion", gzipGb),
    price.line("S3 PUT requests", "s3.putRequests", objects / 1000),
    price.line(`data lake storage, gzip JSON (${v.retentionDays} days)`, "s3.storage", gzipGb * (v.retentionDays / DAYS_PER_MONTH)),
    price.line(`Glue crawler (${crawlerRuns} runs × ${a("crawlerDpus")} DPU × 10 min)`, "glue.dpuHour", crawlerRuns * a("crawlerDpus") * (10 / 60)),
  ]);
}

function sampleQueries(v: Volume, p: StackProfile, price: Pricer): Component {
  // Direct query on gzip JSON: every visual reads every column of the window.
  const window = p.lookbackDays * ((v.requestsPerMonth * v.recordBytes * a("gzipRatio")) / DAYS_PER_MONTH);
  const queries = p.quicksight ? v.quicksightReaders * a("readerViewsPerMonth") * a("visualsPerView") : 0;
  return component("Queries", [
    price.line(`Athena scans (${queries} direct queries on gzip JSON)`, "athena.scan", athenaBilledBytes(queries, window) / TB),
    price.line("Glue Data Catalog requests (3 per query)", "glue.catalogRequests", (queries * 3) / 1e6),
  ]);
}

export function sampleDesign(v: Volume, p: StackProfile, price = new Pricer(p.region)): Estimate {
  const withNote = (c: Component): Component => ({ ...c, note: c.note ?? SAME });
  return estimate("AWS sample", [
    withNote(apiCallMetricsCost(v, p, price)),
    samplePipeline(v, p, price),
    sampleQueries(v, p, price),
    withNote(dashboardCost(v, p, price)),
    quicksightCost(v, p, price, false),
  ]);
}

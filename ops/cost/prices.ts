/**
 * The price table of the cost model: one line per price, with its Region, unit, the day it was
 * read and the public page it was read from. Where no figure could be read from a page (the AWS
 * pricing pages render their tables with scripts, and few other pages give eu-west-1), `usd` is
 * null, the line says so, and `unverifiedUsd` holds the figure the model uses until someone reads
 * it: the cost command names every such price in its output. Free tiers are not modelled (they are
 * per account and shared with everything else in it).
 */
export type PricedRegion = "us-east-1" | "eu-west-1";

export interface PriceLine {
  readonly id: PriceId;
  readonly region: PricedRegion;
  /** What one unit is, e.g. "GB ingested (records rounded up to 5 KB)". */
  readonly unit: string;
  /** The figure read from `source`, USD per unit; null when no figure could be read. */
  readonly usd: number | null;
  /** The figure used when `usd` is null, not read from any page: verify before relying on it. */
  readonly unverifiedUsd?: number;
  /** ISO date the source was read. */
  readonly readOn: string;
  readonly source: string;
  readonly note?: string;
}

export const PRICE_IDS = [
  "cloudtrail.additionalManagementEvents",
  "logs.ingestion",
  "logs.storage",
  "logs.insightsScan",
  "cloudwatch.customMetric",
  "cloudwatch.putMetricData",
  "cloudwatch.dashboard",
  "cloudwatch.alarm",
  "lambda.requests",
  "lambda.durationArm64",
  "lambda.durationX86",
  "firehose.ingestion",
  "firehose.formatConversion",
  "firehose.dynamicPartitioningData",
  "firehose.dynamicPartitioningObjects",
  "s3.storage",
  "s3.putRequests",
  "glue.dpuHour",
  "glue.catalogRequests",
  "athena.scan",
  "quicksight.author",
  "quicksight.reader",
  "quicksight.spice",
  "kms.key",
  "kms.requests",
] as const;
export type PriceId = (typeof PRICE_IDS)[number];

const READ_ON = "2026-12-01";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const FIREHOSE = "https://aws.amazon.com/firehose/pricing/";
const NO_EU = "no page read here gives the eu-west-1 figure (the official page renders its Region table with scripts)";

/** us-east-1 and eu-west-1 lines of one price. */
function both(id: PriceId, unit: string, us: Omit<PriceLine, "id" | "region" | "unit" | "readOn">, eu: Omit<PriceLine, "id" | "region" | "unit" | "readOn">): PriceLine[] {
  return [
    { id, region: "us-east-1", unit, readOn: READ_ON, ...us },
    { id, region: "eu-west-1", unit, readOn: READ_ON, ...eu },
  ];
}

const unreadEu = (source: string, unverifiedUsd: number): Omit<PriceLine, "id" | "region" | "unit" | "readOn"> => ({ usd: null, unverifiedUsd, source, note: NO_EU });

export const PRICES: readonly PriceLine[] = [
  ...both(
    "cloudtrail.additionalManagementEvents",
    "100,000 management events delivered by a trail that is not the Region's first copy",
    { usd: 2.0, source: "https://aws.amazon.com/cloudtrail/pricing/", note: "the first copy of management events is free; the page states one price, no Region table" },
    { usd: 2.0, source: "https://aws.amazon.com/cloudtrail/pricing/", note: "the page states one price, no Region table" },
  ),
  ...both(
    "logs.ingestion",
    "GB ingested into CloudWatch Logs (Standard class)",
    { usd: 0.5, source: "https://c3x.dev/blog/cloudwatch-logs-cost-optimization", note: `states "us-east-1, June 2026"; the official ${CLOUDWATCH} table could not be read` },
    unreadEu(CLOUDWATCH, 0.57),
  ),
  ...both(
    "logs.storage",
    "GB-month stored in CloudWatch Logs (compressed)",
    { usd: 0.03, source: "https://c3x.dev/blog/cloudwatch-logs-cost-optimization", note: "us-east-1, June 2026" },
    unreadEu(CLOUDWATCH, 0.03),
  ),
  ...both(
    "logs.insightsScan",
    "GB scanned by Logs Insights queries",
    { usd: 0.005, source: "https://c3x.dev/blog/cloudwatch-logs-cost-optimization", note: "us-east-1, June 2026" },
    unreadEu(CLOUDWATCH, 0.0057),
  ),
  ...both(
    "cloudwatch.customMetric",
    "custom metric-month (first 10,000 metrics)",
    { usd: 0.3, source: "https://c3x.dev/blog/aws-cloudwatch-metrics-cost/", note: "also https://signoz.io/guides/cloudwatch-pricing; no Region named, us-east-1 assumed" },
    unreadEu(CLOUDWATCH, 0.3),
  ),
  ...both(
    "cloudwatch.putMetricData",
    "1,000 PutMetricData requests",
    { usd: 0.01, source: "https://cloudonaut.io/aws-cloudwatch-dashboard-cost-efficiency-logs-vs-custom-metrics", note: "no Region named, us-east-1 assumed" },
    unreadEu(CLOUDWATCH, 0.01),
  ),
  ...both(
    "cloudwatch.dashboard",
    "dashboard-month",
    { usd: 3.0, source: "https://c3x.dev/blog/aws-cloudwatch-metrics-cost/", note: "beyond the free 3 dashboards" },
    unreadEu(CLOUDWATCH, 3.0),
  ),
  ...both(
    "cloudwatch.alarm",
    "standard-resolution alarm-month",
    { usd: 0.1, source: "https://c3x.dev/blog/aws-cloudwatch-metrics-cost/" },
    unreadEu(CLOUDWATCH, 0.1),
  ),
  ...both(
    "lambda.requests",
    "1,000,000 Lambda requests",
    { usd: 0.2, source: "https://cloudchipr.com/blog/aws-lambda-pricing", note: "US East (N. Virginia)" },
    unreadEu("https://aws.amazon.com/lambda/pricing/", 0.2),
  ),
  ...both(
    "lambda.durationArm64",
    "GB-second of Lambda duration, arm64 (first 7.5 billion GB-s a month)",
    { usd: 0.0000133334, source: "https://cloudchipr.com/blog/aws-lambda-pricing", note: "US East (N. Virginia)" },
    unreadEu("https://aws.amazon.com/lambda/pricing/", 0.0000133334),
  ),
  ...both(
    "lambda.durationX86",
    "GB-second of Lambda duration, x86_64 (first 6 billion GB-s a month)",
    { usd: 0.0000166667, source: "https://cloudchipr.com/blog/aws-lambda-pricing", note: "US East (N. Virginia)" },
    unreadEu("https://aws.amazon.com/lambda/pricing/", 0.0000166667),
  ),
  ...both(
    "firehose.ingestion",
    "GB ingested by Direct PUT (each record rounded up to 5 KB; first 500 TB a month)",
    { usd: null, unverifiedUsd: 0.029, source: "https://aws.amazon.com/de/kinesis/data-firehose/pricing/", note: "the page states the unit and the 5 KB rounding; no figure could be read" },
    { usd: null, unverifiedUsd: 0.031, source: FIREHOSE, note: `${NO_EU}; no figure could be read` },
  ),
  ...both(
    "firehose.formatConversion",
    "GB converted JSON → Parquet (ingested GB, 5 KB increments)",
    { usd: null, unverifiedUsd: 0.018, source: "https://aws.amazon.com/de/kinesis/data-firehose/pricing/", note: "the page states the unit; no figure could be read" },
    { usd: null, unverifiedUsd: 0.018, source: FIREHOSE, note: "no figure could be read" },
  ),
  ...both(
    "firehose.dynamicPartitioningData",
    "GB delivered to S3 with dynamic partitioning",
    { usd: null, unverifiedUsd: 0.02, source: "https://aws.amazon.com/de/kinesis/data-firehose/pricing/", note: "the page states the unit (per GB delivered, per object); no figure could be read" },
    { usd: null, unverifiedUsd: 0.02, source: FIREHOSE, note: "no figure could be read" },
  ),
  ...both(
    "firehose.dynamicPartitioningObjects",
    "1,000 S3 objects delivered with dynamic partitioning",
    { usd: null, unverifiedUsd: 0.005, source: "https://aws.amazon.com/de/kinesis/data-firehose/pricing/", note: "no figure could be read" },
    { usd: null, unverifiedUsd: 0.005, source: FIREHOSE, note: "no figure could be read" },
  ),
  ...both(
    "s3.storage",
    "GB-month in S3 Standard (first 50 TB)",
    { usd: 0.023, source: "https://deepeshsoni.com/archives/256", note: 'US East (N. Virginia), given as "approximate"; the official https://aws.amazon.com/s3/pricing/ table could not be read' },
    unreadEu("https://aws.amazon.com/s3/pricing/", 0.023),
  ),
  ...both(
    "s3.putRequests",
    "1,000 PUT, COPY, POST or LIST requests to S3 Standard",
    { usd: 0.005, source: "https://athena.guide/articles/athena-basics-pricing-model", note: '"list operations actually cost $5 per million" (most Regions)' },
    unreadEu("https://aws.amazon.com/s3/pricing/", 0.005),
  ),
  ...both(
    "glue.dpuHour",
    "DPU-hour of a Glue crawler or job (per second, 10-minute minimum per crawler run)",
    { usd: 0.44, source: "https://aws.amazon.com/jp/glue/pricing/", note: "the official page (Japanese edition) states $0.44 per DPU-hour; the 10-minute crawler minimum is from the English page's crawler tab, not read here" },
    unreadEu("https://aws.amazon.com/glue/pricing/", 0.44),
  ),
  ...both(
    "glue.catalogRequests",
    "1,000,000 Glue Data Catalog requests (beyond the free million)",
    { usd: 1.0, source: "https://athena.guide/articles/athena-basics-pricing-model" },
    unreadEu("https://aws.amazon.com/glue/pricing/", 1.0),
  ),
  ...both(
    "athena.scan",
    "TB scanned by Athena SQL queries (10 MB minimum per query)",
    { usd: 5.0, source: "https://athena.guide/articles/athena-basics-pricing-model", note: "also https://rcpedia.stanford.edu/services/athena.html; official https://aws.amazon.com/athena/pricing/ not readable here" },
    unreadEu("https://aws.amazon.com/athena/pricing/", 5.0),
  ),
  ...both(
    "quicksight.author",
    "QuickSight author-month (Enterprise, month to month)",
    { usd: 24, source: "https://community.amazonquicksight.com/t/quicksight-author-billing/25464", note: '"$24/user/month billing" for authors; no Region named' },
    unreadEu("https://aws.amazon.com/quicksight/pricing/", 24),
  ),
  ...both(
    "quicksight.reader",
    "QuickSight reader-month (Enterprise)",
    { usd: 3, source: "https://dev.classmethod.jp/articles/quicksight-new-reader-price", note: "every reader $3 per user-month for accounts created after the 2024 change (existing accounts from 2025-05-01)" },
    unreadEu("https://aws.amazon.com/quicksight/pricing/", 3),
  ),
  ...both(
    "quicksight.spice",
    "GB-month of SPICE beyond the 10 GB each paid user brings",
    { usd: 0.38, source: "https://dev.classmethod.jp/articles/quicksight-spice-bundle-user-delete", note: "the page does not name its Region" },
    unreadEu("https://aws.amazon.com/quicksight/pricing/", 0.38),
  ),
  ...both(
    "kms.key",
    "customer managed KMS key-month",
    { usd: 1.0, source: "https://aws.amazon.com/kms/pricing/", note: "each rotated backing key adds $1/month; the page states one price" },
    { usd: 1.0, source: "https://aws.amazon.com/kms/pricing/", note: "the page states one price for all Regions" },
  ),
  ...both(
    "kms.requests",
    "10,000 symmetric KMS requests",
    { usd: 0.03, source: "https://www.wring.co/blog/aws-kms-pricing-guide" },
    unreadEu("https://aws.amazon.com/kms/pricing/", 0.03),
  ),
];

export interface UsedPrice {
  readonly usd: number;
  readonly line: PriceLine;
  readonly verified: boolean;
}

/** The price the model uses for `id` in `region`; the table has both Regions of every id (a test checks). */
export function priceOf(id: PriceId, region: PricedRegion, table: readonly PriceLine[] = PRICES): UsedPrice {
  const line = table.find((p) => p.id === id && p.region === region);
  if (!line) throw new Error(`the price table has no ${id} for ${region}`);
  const usd = line.usd ?? line.unverifiedUsd;
  if (usd === undefined) throw new Error(`the price table's ${id} for ${region} has neither a read nor an unverified figure`);
  return { usd, line, verified: line.usd !== null };
}

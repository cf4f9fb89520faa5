/**
 * The technical assumptions of the cost model, each with the sentence the cost command prints.
 * They are estimates of how the deployed pieces behave, not prices; change one here and its
 * sentence changes with it.
 */
export const GB = 2 ** 30;
export const TB = 2 ** 40;
export const MB = 2 ** 20;
export const DAYS_PER_MONTH = 30;
export const SECONDS_PER_MONTH = DAYS_PER_MONTH * 86_400;

export const ASSUMPTIONS = {
  parquetRatio: { value: 0.12, text: (v: number) => `Parquet (Snappy) in S3 is ${v * 100}% of the JSON records' size` },
  gzipRatio: { value: 0.15, text: (v: number) => `gzip JSON (S3, CloudWatch Logs storage, subscription batches) is ${v * 100}% of the JSON size` },
  cloudTrailEventBytes: { value: 1500, text: (v: number) => `a CloudTrail event is ${v} bytes of JSON in CloudWatch Logs` },
  counterEventsPerInvocation: { value: 200, text: (v: number) => `the counter is invoked once per ${v} trail events (at least every 5 minutes)` },
  counterMsPerInvocation: { value: 150, text: (v: number) => `a counter invocation runs ${v} ms and publishes one PutMetricData request` },
  enricherMicrosecondsPerRecord: { value: 40, text: (v: number) => `the enricher spends ${v} µs per record (plus 50 ms per invocation)` },
  viewsPerViewer: { value: 40, text: (v: number) => `each dashboard viewer opens the CloudWatch dashboard ${v} times a month` },
  widgetSecondsPerView: { value: 2, text: (v: number) => `each custom widget runs ${v} s per dashboard view` },
  logsInsightsWidgets: { value: 3, text: (v: number) => `${v} Logs Insights widgets scan the dashboard's 3-hour window of CloudWatch-delivered access logs per view` },
  athenaColumnShare: { value: 0.6, text: (v: number) => `the QuickSight dataset reads ${v * 100}% of the Parquet columns` },
  distinctUsersColumnShare: { value: 0.08, text: (v: number) => `the distinct-users widget's Athena query reads ${v * 100}% of one day's Parquet (user and time columns)` },
  spiceBytesPerRow: { value: 250, text: (v: number) => `a SPICE row takes ${v} bytes` },
  readerViewsPerMonth: { value: 20, text: (v: number) => `each QuickSight reader opens the dashboard ${v} times a month` },
  visualsPerView: { value: 6, text: (v: number) => `a QuickSight view runs ${v} visual queries (direct query only)` },
  crawlerRunsPerDay: { value: 144, text: (v: number) => `the sample's Glue crawler runs every 10 minutes (${v} runs a day)` },
  crawlerDpus: { value: 2, text: (v: number) => `a crawler run uses ${v} DPUs for its 10-minute billing minimum` },
  kmsRequestsPerMonth: { value: 150_000, text: (v: number) => `the trail's key serves ${v.toLocaleString("en-US")} requests a month (a data key per log file per Region)` },
} as const;

export type AssumptionName = keyof typeof ASSUMPTIONS;

export const a = (name: AssumptionName): number => ASSUMPTIONS[name].value;

export function assumptionSentences(): string[] {
  return [
    "GB = 2^30 bytes, TB = 2^40 bytes, a month = 30 days; free tiers are not counted",
    ...Object.values(ASSUMPTIONS).map((x) => (x.text as (v: number) => string)(x.value)),
  ];
}

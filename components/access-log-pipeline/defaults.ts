import { DEFAULT_CONFIG, type IpAddressMode, type UserSource } from "../../functions/access-log-enricher/config";

export type DataFormat = "parquet" | "json";

/** Limits of Firehose and its Lambda processor that the arguments are checked against. */
export const FIREHOSE_LIMITS = {
  /** S3 destination buffer; dynamic partitioning and Parquet conversion each need at least 64 MiB. */
  minBufferSizeMiB: 64,
  maxBufferSizeMiB: 128,
  /** Dynamic partitioning needs at least 60 s; 900 s is the S3 destination maximum. */
  minBufferIntervalSeconds: 60,
  maxBufferIntervalSeconds: 900,
  /** Lambda processor buffer. The response limit is 6 MB and the enricher's output is ≈1.3× its input. */
  minProcessorBufferSizeMb: 0.2,
  maxProcessorBufferSizeMb: 3,
  minProcessorBufferIntervalSeconds: 60,
  maxProcessorBufferIntervalSeconds: 900,
};

export const ACCESS_LOG_PIPELINE_DEFAULTS = {
  bufferSizeMiB: 64,
  bufferIntervalSeconds: 300,
  /** 1 MB keeps the enricher's response far below Lambda's 6 MB limit. */
  processorBufferSizeMb: 1,
  processorBufferIntervalSeconds: 60,
  format: "parquet" as DataFormat,
  hourlyPartitions: false,
  ipHandling: DEFAULT_CONFIG.ipAddressMode as IpAddressMode,
  userIdOrder: [...DEFAULT_CONFIG.userIdOrder] as UserSource[],
  /** Usage plans, API key names and customer ids come from the API Gateway management API. */
  usagePlanLookup: true,
  usagePlanCacheTtlSeconds: DEFAULT_CONFIG.usagePlanCacheTtlMs / 1000,
  /** Days before data-lake objects move to Standard-IA; 0 = never (S3 needs at least 30). */
  transitionDays: 30,
  /** Days before data-lake objects expire; 0 = never. */
  expirationDays: 400,
  athenaBytesScannedCutoffMiB: 10_240,
  athenaResultsExpirationDays: 7,
  /** First day partition projection enumerates when a query has no date predicate. */
  projectionStartDate: "2024-01-01",
  tableName: "access_logs",
  crawlerSchedule: "cron(0 1 * * ? *)",
  logRetentionDays: 30,
  enricherMemorySizeMb: 512,
  enricherTimeoutSeconds: 120,
};

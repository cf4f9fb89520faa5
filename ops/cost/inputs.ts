/** What a cost estimate depends on: the volume the user states and the stack's own settings. */
import type { PricedRegion } from "./prices";

/** The volume a month, from the command line. */
export interface Volume {
  readonly requestsPerMonth: number;
  /** Average access-log record as API Gateway writes it (JSON), bytes. */
  readonly recordBytes: number;
  readonly cloudTrailEventsPerMonth: number;
  /** People who open the CloudWatch dashboard. */
  readonly dashboardViewers: number;
  readonly quicksightReaders: number;
  readonly quicksightAuthors: number;
  /** Days the data lake keeps access logs. */
  readonly retentionDays: number;
}

/** What the stack's config decides about cost (read from Pulumi.<stack>.yaml by scripts/cost.ts). */
export interface StackProfile {
  readonly region: PricedRegion;
  readonly apiCallMetrics: boolean;
  /** "first": the account has no other trail (its first copy of management events is free). */
  readonly trailCopy: "first" | "additional";
  /** Custom metric series the counter publishes (from its dimension sets). */
  readonly metricSeries: number;
  /** Share of the requests whose APIs log to CloudWatch Logs (the rest log to Firehose directly). */
  readonly cloudWatchShare: number;
  readonly logRetentionDays: number;
  readonly format: "parquet" | "json";
  readonly bufferIntervalSeconds: number;
  readonly hourlyPartitions: boolean;
  readonly processorBufferSizeMb: number;
  readonly processorBufferIntervalSeconds: number;
  readonly lambdaArchitecture: "arm64" | "x86_64";
  readonly counterMemoryMb: number;
  readonly enricherMemoryMb: number;
  readonly widgetMemoryMb: number;
  readonly dashboard: boolean;
  readonly alarms: number;
  readonly widgetFunctions: number;
  readonly quicksight: boolean;
  readonly importMode: "SPICE" | "DIRECT_QUERY";
  readonly refreshesPerMonth: number;
  readonly lookbackDays: number;
  /** Customer managed KMS keys the stack creates (the trail's key). */
  readonly customerKeys: number;
}

export const DEFAULT_VOLUME: Omit<Volume, "requestsPerMonth"> = {
  recordBytes: 1200,
  cloudTrailEventsPerMonth: 2_000_000,
  dashboardViewers: 5,
  quicksightReaders: 10,
  quicksightAuthors: 1,
  retentionDays: 365,
};

/** A stack profile and volume for cost tests, written out so a test changes one field and sees what that field does. */
import type { StackProfile, Volume } from "../../ops/cost/inputs";

export const PROFILE: StackProfile = {
  region: "us-east-1",
  apiCallMetrics: true,
  trailCopy: "additional",
  metricSeries: 280,
  cloudWatchShare: 0.5,
  logRetentionDays: 30,
  format: "parquet",
  bufferIntervalSeconds: 300,
  hourlyPartitions: false,
  processorBufferSizeMb: 1,
  processorBufferIntervalSeconds: 60,
  lambdaArchitecture: "arm64",
  counterMemoryMb: 512,
  enricherMemoryMb: 512,
  widgetMemoryMb: 256,
  dashboard: true,
  alarms: 7,
  widgetFunctions: 2,
  quicksight: true,
  importMode: "SPICE",
  refreshesPerMonth: 30,
  lookbackDays: 90,
  customerKeys: 1,
};

export const VOLUME: Volume = {
  requestsPerMonth: 100_000_000,
  recordBytes: 1200,
  cloudTrailEventsPerMonth: 2_000_000,
  dashboardViewers: 5,
  quicksightReaders: 10,
  quicksightAuthors: 1,
  retentionDays: 365,
};

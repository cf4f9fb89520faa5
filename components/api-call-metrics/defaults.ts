import { DEFAULT_DIMENSION_SETS, DEFAULT_NAMESPACE } from "../../functions/api-call-counter/config";

export type ReadWriteType = "All" | "ReadOnly" | "WriteOnly";

export const API_CALL_METRICS_DEFAULTS = {
  namespace: DEFAULT_NAMESPACE,
  dimensionSets: DEFAULT_DIMENSION_SETS.map((set) => [...set]),
  readWriteType: "All" as ReadWriteType,
  /** Data-event resource types (e.g. "AWS::S3::Object"); none by default: they are billed per event. */
  dataEvents: [] as string[],
  logRetentionDays: 30,
  /** Days the trail's S3 copy is kept. */
  trailLogExpirationDays: 365,
  /** Dead letters are kept the SQS maximum so they can be replayed. */
  deadLetterRetentionSeconds: 14 * 24 * 3600,
  counterTimeoutSeconds: 60,
  counterMemorySizeMb: 512,
};

import { API_CALL_METRICS_SCHEMA } from "./settings";

export type { ReadWriteType } from "./settings";

/** The schema's defaults (derived, never restated) and the counter's fixed sizing. */
export const API_CALL_METRICS_DEFAULTS = {
  ...API_CALL_METRICS_SCHEMA.resolve("defaults", {}),
  /** Dead letters are kept the SQS maximum so they can be replayed. */
  deadLetterRetentionSeconds: 14 * 24 * 3600,
  counterTimeoutSeconds: 60,
  counterMemorySizeMb: 512,
};

import { resolveSettings } from "./settings";

export type { DataFormat } from "./settings";

const resolved = resolveSettings("defaults", {});

/** The schema's defaults, resolved (derived, never restated), and the enricher's fixed sizing. */
export const ACCESS_LOG_PIPELINE_DEFAULTS = {
  ...resolved,
  athenaBytesScannedCutoffMiB: resolved.bytesScannedCutoffMiB,
  athenaResultsExpirationDays: resolved.resultsExpirationDays,
  enricherMemorySizeMb: 512,
  enricherTimeoutSeconds: 120,
};

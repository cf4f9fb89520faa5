/** How many custom metric series the counter's dimension sets make: each distinct combination of values is one billed metric. */
import type { DimensionName } from "../../contracts/functions/api-call-counter";

/** Assumed distinct values per dimension in an account (EventName counted per EventSource). */
export const DIMENSION_VALUES: Readonly<Record<DimensionName, number>> = {
  EventSource: 25,
  EventName: 8,
  Region: 4,
  Account: 1,
  ErrorCode: 3,
  IdentityType: 4,
  ReadOnly: 2,
};

export function metricSeries(dimensionSets: readonly (readonly DimensionName[])[]): number {
  return dimensionSets.reduce((total, set) => {
    // Without EventSource in the set, EventName ranges over every source's names.
    const names = set.includes("EventName") && !set.includes("EventSource") ? DIMENSION_VALUES.EventSource : 1;
    return total + set.reduce((n, d) => n * DIMENSION_VALUES[d], names);
  }, 0);
}

export function metricSeriesAssumption(): string {
  return `distinct values per dimension: ${Object.entries(DIMENSION_VALUES)
    .map(([d, n]) => `${d} ${n}`)
    .join(", ")} (EventName per EventSource)`;
}

/**
 * Runs every log event message through the record parser, the event-source filter and the
 * aggregator, and keeps count of what was skipped and why.
 */
import { CallAggregator } from "./aggregate";
import type { CounterConfig } from "./config";
import { parseCall, TimeWindow } from "./record";

export interface CallCounts {
  readonly events: number;
  /** Events counted into the metrics. */
  readonly counted: number;
  readonly malformed: number;
  readonly outsideWindow: number;
  /** Valid events whose source is not allowed (or is denied). */
  readonly filtered: number;
}

export interface SkippedSample {
  readonly id: string;
  readonly skip: "malformed" | "outsideWindow";
  readonly reason: string;
}

export interface CountResult {
  readonly counts: CallCounts;
  readonly aggregator: CallAggregator;
  /** The first few skipped events, for the log; the counts cover all of them. */
  readonly skippedSamples: readonly SkippedSample[];
}

export interface SourcedMessage {
  readonly id: string;
  readonly message: unknown;
}

const MAX_SAMPLES = 5;

export function countCalls(
  messages: Iterable<SourcedMessage>,
  config: Pick<CounterConfig, "dimensionSets" | "allowedEventSources" | "deniedEventSources">,
  window: TimeWindow,
): CountResult {
  const aggregator = new CallAggregator(config.dimensionSets);
  const { allowedEventSources: allowed, deniedEventSources: denied } = config;
  const samples: SkippedSample[] = [];
  let events = 0;
  let malformed = 0;
  let outsideWindow = 0;
  let filtered = 0;
  for (const { id, message } of messages) {
    events++;
    const parsed = parseCall(message, window);
    if (!parsed.ok) {
      if (parsed.skip === "malformed") malformed++;
      else outsideWindow++;
      if (samples.length < MAX_SAMPLES) samples.push({ id, skip: parsed.skip, reason: parsed.reason });
      continue;
    }
    const source = parsed.call.dimensions.EventSource;
    if ((allowed.size > 0 && !allowed.has(source)) || denied.has(source)) {
      filtered++;
      continue;
    }
    aggregator.add(parsed.call);
  }
  return {
    counts: { events, counted: aggregator.callCount, malformed, outsideWindow, filtered },
    aggregator,
    skippedSamples: samples,
  };
}

/**
 * Counts calls per minute for every configured dimension set and turns the counts into
 * PutMetricData datums: one datum per (dimension set, dimension values, minute) with Value = the
 * number of calls and Unit Count. Graph them with the Sum statistic.
 *
 * Why not Values/Counts or StatisticValues: a datum carries one Timestamp, and within one minute
 * every call with the same dimension values is already folded into a single count, so there is
 * nothing left for Values/Counts to merge; both forms would only make each datum larger.
 */
import type { Dimension, MetricDatum } from "@aws-sdk/client-cloudwatch";
import type { Call } from "./record";
import type { DimensionName } from "./dimensions";

interface Bucket {
  readonly setIndex: number;
  readonly minute: number;
  readonly dimensions: readonly Dimension[];
  count: number;
}

export class CallAggregator {
  private readonly buckets = new Map<string, Bucket>();
  private calls = 0;

  constructor(private readonly dimensionSets: readonly (readonly DimensionName[])[]) {}

  add(call: Call): void {
    this.calls++;
    for (let setIndex = 0; setIndex < this.dimensionSets.length; setIndex++) {
      const names = this.dimensionSets[setIndex];
      let key = `${setIndex}\u0000${call.minute}`;
      for (const name of names) key += `\u0000${call.dimensions[name]}`;
      const bucket = this.buckets.get(key);
      if (bucket !== undefined) {
        bucket.count++;
      } else {
        const dimensions = names.map((name) => ({ Name: name, Value: call.dimensions[name] }));
        this.buckets.set(key, { setIndex, minute: call.minute, dimensions, count: 1 });
      }
    }
  }

  /** Calls added so far. */
  get callCount(): number {
    return this.calls;
  }

  toDatums(metricName: string): MetricDatum[] {
    const datums: MetricDatum[] = [];
    for (const bucket of this.buckets.values()) {
      const datum: MetricDatum = { MetricName: metricName, Timestamp: new Date(bucket.minute), Value: bucket.count, Unit: "Count" };
      if (bucket.dimensions.length > 0) datum.Dimensions = [...bucket.dimensions];
      datums.push(datum);
    }
    return datums;
  }
}

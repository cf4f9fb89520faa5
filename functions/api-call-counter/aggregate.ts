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
import type { DimensionName } from "../../contracts/functions/api-call-counter";

interface Bucket {
  readonly minute: number;
  readonly dimensions: readonly Dimension[];
  count: number;
}

/** One level per key part (minute, then each dimension value): no key string built per call. */
interface Node {
  readonly children: Map<string | number, Node>;
  bucket?: Bucket;
}

export class CallAggregator {
  private readonly roots: Node[];
  private readonly buckets: Bucket[] = [];
  private calls = 0;

  constructor(private readonly dimensionSets: readonly (readonly DimensionName[])[]) {
    this.roots = dimensionSets.map(() => ({ children: new Map() }));
  }

  add(call: Call): void {
    this.calls++;
    for (let setIndex = 0; setIndex < this.dimensionSets.length; setIndex++) {
      const names = this.dimensionSets[setIndex];
      let node = child(this.roots[setIndex], call.minute);
      for (const name of names) node = child(node, call.dimensions[name]);
      if (node.bucket !== undefined) {
        node.bucket.count++;
      } else {
        node.bucket = { minute: call.minute, dimensions: names.map((name) => ({ Name: name, Value: call.dimensions[name] })), count: 1 };
        this.buckets.push(node.bucket);
      }
    }
  }

  /** Calls added so far. */
  get callCount(): number {
    return this.calls;
  }

  toDatums(metricName: string): MetricDatum[] {
    const datums: MetricDatum[] = [];
    for (const bucket of this.buckets) {
      const datum: MetricDatum = { MetricName: metricName, Timestamp: new Date(bucket.minute), Value: bucket.count, Unit: "Count" };
      if (bucket.dimensions.length > 0) datum.Dimensions = [...bucket.dimensions];
      datums.push(datum);
    }
    return datums;
  }
}

function child(node: Node, key: string | number): Node {
  let next = node.children.get(key);
  if (next === undefined) {
    next = { children: new Map() };
    node.children.set(key, next);
  }
  return next;
}

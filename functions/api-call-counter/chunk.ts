/**
 * Splits datums into PutMetricData requests of at most 1000 datums and, by a conservative
 * estimate, well under 1 MB. The estimate assumes the largest wire form the SDK may use (the
 * form-encoded query protocol, where every field repeats a long key such as
 * `MetricData.member.1000.Dimensions.member.30.Value=` and a percent-encoded value can triple),
 * because the bundle uses whichever SDK version the Lambda runtime ships.
 */
import type { MetricDatum } from "@aws-sdk/client-cloudwatch";

export const MAX_DATUMS_PER_REQUEST = 1000;
/** 1 MB is the documented limit; the rest is headroom for headers-in-body and estimate error. */
export const MAX_REQUEST_BYTES = 900_000;

const REQUEST_OVERHEAD_BYTES = 100;
const DATUM_OVERHEAD_BYTES = 220;
const DIMENSION_OVERHEAD_BYTES = 110;

export function estimateRequestBytes(namespace: string): number {
  return REQUEST_OVERHEAD_BYTES + 3 * namespace.length;
}

export function estimateDatumBytes(datum: MetricDatum): number {
  let bytes = DATUM_OVERHEAD_BYTES + 3 * (datum.MetricName?.length ?? 0);
  for (const dimension of datum.Dimensions ?? []) {
    bytes += DIMENSION_OVERHEAD_BYTES + 3 * ((dimension.Name?.length ?? 0) + (dimension.Value?.length ?? 0));
  }
  return bytes;
}

export function chunkDatums(
  datums: readonly MetricDatum[],
  namespace: string,
  limits: { maxDatums: number; maxBytes: number } = { maxDatums: MAX_DATUMS_PER_REQUEST, maxBytes: MAX_REQUEST_BYTES },
): MetricDatum[][] {
  const chunks: MetricDatum[][] = [];
  const requestBytes = estimateRequestBytes(namespace);
  let current: MetricDatum[] = [];
  let bytes = requestBytes;
  for (const datum of datums) {
    const datumBytes = estimateDatumBytes(datum);
    if (current.length > 0 && (current.length >= limits.maxDatums || bytes + datumBytes > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = requestBytes;
    }
    current.push(datum);
    bytes += datumBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

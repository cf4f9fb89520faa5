import assert from "node:assert/strict";
import type { MetricDatum } from "@aws-sdk/client-cloudwatch";
import { chunkDatums, estimateDatumBytes, MAX_REQUEST_BYTES } from "../../../functions/api-call-counter/chunk";

function datum(value: string): MetricDatum {
  return { MetricName: "CallCount", Dimensions: [{ Name: "EventName", Value: value }], Timestamp: new Date(0), Value: 1, Unit: "Count" };
}

/** The request as the form-encoded query protocol would send it: the largest wire form. */
function queryProtocolBytes(namespace: string, datums: readonly MetricDatum[]): number {
  const params = new URLSearchParams({ Action: "PutMetricData", Version: "2010-08-01", Namespace: namespace });
  datums.forEach((d, i) => {
    const p = `MetricData.member.${i + 1}`;
    params.append(`${p}.MetricName`, d.MetricName ?? "");
    (d.Dimensions ?? []).forEach((dim, j) => {
      params.append(`${p}.Dimensions.member.${j + 1}.Name`, dim.Name ?? "");
      params.append(`${p}.Dimensions.member.${j + 1}.Value`, dim.Value ?? "");
    });
    params.append(`${p}.Timestamp`, d.Timestamp?.toISOString() ?? "");
    params.append(`${p}.Value`, String(d.Value));
    params.append(`${p}.Unit`, d.Unit ?? "");
  });
  return Buffer.byteLength(params.toString());
}

describe("api-call-counter chunkDatums", () => {
  it("cuts at 1000 datums", () => {
    const chunks = chunkDatums(Array.from({ length: 2001 }, (_, i) => datum(`Op${i}`)), "ApiUsage/CloudTrail");
    assert.deepEqual(chunks.map((c) => c.length), [1000, 1000, 1]);
  });

  it("cuts by size first when values are long, and each chunk stays under 1 MB even form-encoded", () => {
    const long = "/:&=".repeat(256);
    const datums = Array.from({ length: 1000 }, (_, i) => datum(`${i}${long}`.slice(0, 1024)));
    const chunks = chunkDatums(datums, "ApiUsage/CloudTrail");
    assert.ok(chunks.length > 1);
    assert.equal(chunks.flat().length, 1000);
    for (const chunk of chunks) assert.ok(queryProtocolBytes("ApiUsage/CloudTrail", chunk) < 1_000_000);
  });

  it("never underestimates a datum's form-encoded size", () => {
    for (const value of ["s3.amazonaws.com", "x".repeat(1024), "%/:?".repeat(256)]) {
      const single = queryProtocolBytes("N", [datum(value)]) - queryProtocolBytes("N", []);
      assert.ok(estimateDatumBytes(datum(value)) >= single, `${value.slice(0, 20)}: ${estimateDatumBytes(datum(value))} < ${single}`);
    }
  });

  it("returns no chunk for no datums and a single chunk for a few", () => {
    assert.deepEqual(chunkDatums([], "N"), []);
    assert.equal(chunkDatums([datum("a"), datum("b")], "N").length, 1);
    assert.ok(MAX_REQUEST_BYTES < 1_000_000);
  });
});

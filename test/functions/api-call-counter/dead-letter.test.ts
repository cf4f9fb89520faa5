import assert from "node:assert/strict";
import { PutMetricDataCommand, type MetricDatum } from "@aws-sdk/client-cloudwatch";
import { parseDeadLetterBody, toDeadLetterMessages } from "../../../functions/api-call-counter/dead-letter";

const datums: MetricDatum[] = [
  { MetricName: "CallCount", Dimensions: [{ Name: "Region", Value: "us-east-1" }], Timestamp: new Date("2024-05-14T10:15:00Z"), Value: 2, Unit: "Count" },
  { MetricName: "CallCount", Timestamp: new Date("2024-05-14T10:16:00Z"), Value: 3, Unit: "Count" },
];

describe("api-call-counter dead-letter bodies", () => {
  it("round-trip into the PutMetricData input they came from, dates included", () => {
    const [message] = toDeadLetterMessages("ApiUsage/CloudTrail", datums);
    assert.equal(message.datums, 2);
    const input = parseDeadLetterBody(message.body);
    assert.deepEqual(input, { Namespace: "ApiUsage/CloudTrail", MetricData: datums });
    assert.ok(new PutMetricDataCommand(input).input.MetricData?.[0].Timestamp instanceof Date);
  });

  it("split when a body would pass the size limit, keeping every datum once and in order", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ ...datums[0], Value: i + 1 }));
    const messages = toDeadLetterMessages("N", many, 1000);
    assert.ok(messages.length > 1);
    for (const m of messages) assert.ok(Buffer.byteLength(m.body) <= 1000);
    const values = messages.flatMap((m) => (parseDeadLetterBody(m.body).MetricData ?? []).map((d) => d.Value));
    assert.deepEqual(values, many.map((d) => d.Value));
    assert.equal(messages.reduce((n, m) => n + m.datums, 0), 50);
  });

  it("reject a body that is not a PutMetricData input", () => {
    assert.throws(() => parseDeadLetterBody('{"MetricData":[]}'), /expected \{Namespace: string, MetricData: array\}/);
  });
});

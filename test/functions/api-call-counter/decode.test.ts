import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { decodeSubscriptionPayload } from "../../../functions/api-call-counter/decode";
import { controlEvent, encodePayload, RECORDS, recordsEvent } from "./payload";

describe("api-call-counter decodeSubscriptionPayload", () => {
  it("returns the log group, stream and every log event message of a DATA_MESSAGE", () => {
    const decoded = decodeSubscriptionPayload(recordsEvent(RECORDS.slice(0, 2)));
    assert.equal(decoded.kind, "data");
    if (decoded.kind !== "data") return;
    assert.equal(decoded.logGroup, "aws-cloudtrail-logs-123456789012-management");
    assert.equal(decoded.logStream, "123456789012_CloudTrail_us-east-1");
    assert.deepEqual(decoded.messages.map((m) => JSON.parse(String(m.message))), RECORDS.slice(0, 2));
  });

  it("recognises a CONTROL_MESSAGE", () => {
    assert.deepEqual(decodeSubscriptionPayload(controlEvent()), { kind: "control" });
  });

  it("keeps log events that are not objects, with a position as id, so they are counted as malformed", () => {
    const decoded = decodeSubscriptionPayload(encodePayload({ messageType: "DATA_MESSAGE", logEvents: [42, { id: "a", message: "x" }] }));
    assert.equal(decoded.kind, "data");
    if (decoded.kind !== "data") return;
    assert.deepEqual(decoded.messages, [{ id: "#0", message: undefined }, { id: "a", message: "x" }]);
  });

  const unreadable: [string, unknown, RegExp][] = [
    ["a non-object event", "hello", /event.awslogs.data is not a string/],
    ["data that is not gzip", { awslogs: { data: Buffer.from("{}").toString("base64") } }, /not base64 of a gzip stream/],
    ["a gzip stream cut short", { awslogs: { data: gzipSync(JSON.stringify(RECORDS)).subarray(0, 100).toString("base64") } }, /does not gunzip/],
    ["gzip of text that is not JSON", { awslogs: { data: gzipSync("{oops").toString("base64") } }, /does not hold JSON/],
    ["a JSON payload of another kind", encodePayload({ messageType: "SOMETHING_ELSE" }), /neither a DATA_MESSAGE/],
  ];
  for (const [what, event, reason] of unreadable) {
    it(`reports ${what} as unreadable with the reason`, () => {
      const decoded = decodeSubscriptionPayload(event);
      assert.equal(decoded.kind, "unreadable");
      if (decoded.kind !== "unreadable") return;
      assert.match(decoded.reason, reason);
      assert.ok(decoded.preview.length <= 200);
    });
  }
});

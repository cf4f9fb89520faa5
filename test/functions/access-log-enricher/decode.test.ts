import assert from "node:assert/strict";
import { decodeRecordData } from "../../../functions/access-log-enricher/decode";
import { b64, fixtureText, gzipB64 } from "./helpers";

describe("decodeRecordData", () => {
  it("reads one JSON object, with or without a trailing newline", () => {
    assert.deepEqual(decodeRecordData(b64('{"requestId":"a"}')), { kind: "lines", lines: [{ requestId: "a" }] });
    assert.deepEqual(decodeRecordData(b64('{"requestId":"a"}\n')), { kind: "lines", lines: [{ requestId: "a" }] });
  });

  it("reads NDJSON, skipping blank lines", () => {
    assert.deepEqual(decodeRecordData(b64('{"requestId":"a"}\n\n{"requestId":"b"}\r\n')), {
      kind: "lines",
      lines: [{ requestId: "a" }, { requestId: "b" }],
    });
  });

  it("reads a pretty-printed object", () => {
    assert.deepEqual(decodeRecordData(b64('{\n  "requestId": "a"\n}\n')), { kind: "lines", lines: [{ requestId: "a" }] });
  });

  it("unwraps a gzipped CloudWatch Logs envelope into its messages", () => {
    const decoded = decodeRecordData(gzipB64(fixtureText("cloudwatch-envelope.json")));
    assert.equal(decoded.kind, "lines");
    assert.deepEqual(
      decoded.kind === "lines" ? decoded.lines.map((l) => (l as { requestId: string }).requestId) : [],
      ["Ub6RzjWhoAMEMyD=", "Ub6S0kXioAMENzE="],
    );
  });

  it("unwraps an envelope Firehose already decompressed", () => {
    const decoded = decodeRecordData(b64(fixtureText("cloudwatch-envelope.json")));
    assert.equal(decoded.kind === "lines" ? decoded.lines.length : 0, 2);
  });

  it("recognises a control message", () => {
    assert.deepEqual(decodeRecordData(gzipB64(fixtureText("cloudwatch-control.json"))), { kind: "control" });
  });

  const invalid: Array<[string, string, RegExp]> = [
    ["empty data", "", /empty/],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("base64"), /not valid UTF-8/],
    ["a JSON array", b64("[1,2]"), /neither a JSON object nor NDJSON/],
    ["plain text", b64("203.0.113.1 - - [21/Nov/2026] GET /"), /neither a JSON object nor NDJSON/],
    ["NDJSON with one broken line", b64('{"a":1}\n{"a":'), /neither a JSON object nor NDJSON/],
    ["truncated gzip", gzipB64("{}").slice(0, 12), /gzip data does not decompress/],
    ["an envelope event that is not JSON", gzipB64(JSON.stringify({ messageType: "DATA_MESSAGE", logEvents: [{ message: "GET / 200" }] })), /event 0 message is not a JSON object/],
    ["an unknown message type", b64(JSON.stringify({ messageType: "OTHER", logEvents: [] })), /messageType "OTHER"/],
  ];
  for (const [what, data, reason] of invalid) {
    it(`refuses ${what} with a reason`, () => {
      const decoded = decodeRecordData(data);
      assert.equal(decoded.kind, "invalid");
      assert.match(decoded.kind === "invalid" ? decoded.reason : "", reason);
    });
  }
});

import assert from "node:assert/strict";
import { normalizeLogLine } from "../../../functions/access-log-enricher/normalize";
import { fixture } from "./helpers";

describe("normalizeLogLine", () => {
  it('turns "-" into null and numeric strings into numbers', () => {
    const result = normalizeLogLine(fixture("rest-api-key-quota.json"));
    assert.ok(result.ok);
    assert.equal(result.line.status, 429);
    assert.equal(result.line.responseLength, 28);
    assert.equal(result.line.integrationLatency, null);
    assert.equal(result.line.claimsSub, null);
    assert.equal(result.line.apiKeyId, "k3y1d0000a");
    assert.equal(result.line.requestTimeMs, 1795305599999);
  });

  it("falls back to requestTime when requestTimeEpoch is missing", () => {
    const result = normalizeLogLine(fixture("rest-iam.json"));
    assert.ok(result.ok);
    assert.equal(result.line.requestTimeMs, Date.UTC(2026, 10, 21, 23, 43, 43));
  });

  it("accepts numbers written unquoted and missing keys", () => {
    const result = normalizeLogLine({ requestTimeEpoch: 1795250623123, status: 200 });
    assert.ok(result.ok);
    assert.equal(result.line.status, 200);
    assert.equal(result.line.requestId, null);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a non-numeric status", { requestTimeEpoch: "1795250623123", status: "OK" }, /field status is "OK"; expected an integer/],
    ["a hex-looking number", { requestTimeEpoch: "1795250623123", responseLength: "0x10" }, /field responseLength is "0x10"/],
    ["a fractional latency", { requestTimeEpoch: "1795250623123", responseLatency: 1.5 }, /field responseLatency is 1.5/],
    ["a status beyond int range", { requestTimeEpoch: "1795250623123", status: "9999999999" }, /field status/],
    ["an object where a string belongs", { requestTimeEpoch: "1795250623123", requestId: { a: 1 } }, /field requestId is \{"a":1\}; expected a string/],
    ["an unknown api type", { requestTimeEpoch: "1795250623123", apiType: "SOAP" }, /field apiType is "SOAP"; expected one of REST, HTTP, WEBSOCKET/],
    ["no request time at all", { requestId: "x" }, /no usable request time: requestTimeEpoch is missing and requestTime is missing/],
    ["an unreadable request time", { requestTimeEpoch: "-", requestTime: "soon" }, /requestTimeEpoch is "-" and requestTime is "soon"/],
  ];
  for (const [what, raw, reason] of bad) {
    it(`refuses ${what}, naming the key and the value`, () => {
      const result = normalizeLogLine(raw);
      assert.equal(result.ok, false);
      assert.match(result.ok ? "" : result.reason, reason);
    });
  }

  it("shortens a huge value in its error message", () => {
    const result = normalizeLogLine({ requestTimeEpoch: "1795250623123", status: "9".repeat(100_000) });
    assert.ok(!result.ok && result.reason.length < 300);
  });
});

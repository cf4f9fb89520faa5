/**
 * The enricher's Lambda budgets: the response stays within the 6 MB synchronous limit (records
 * that do not fit come back ProcessingFailed with their original data) and no record inflates
 * beyond MAX_INFLATED_BYTES. Each at the limit and one step beyond.
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import type { FirehoseTransformationResult } from "aws-lambda";
import { decodeRecordData } from "../../../functions/access-log-enricher/decode";
import { MAX_RESPONSE_BYTES, transformBatch } from "../../../functions/access-log-enricher/transform";
import { b64, config, firehoseEvent, fixture, fixtureText, RecordingLogger } from "./helpers";

const responseBytes = (result: FirehoseTransformationResult) => Buffer.byteLength(JSON.stringify(result));

/** A CloudWatch Logs envelope of `events` access-log lines with distinct request ids, gzipped as delivered. */
function gzippedEnvelope(events: number, seed: number): string {
  const line = fixture("rest-cognito.json");
  const hex = (n: number) => ((n * 2654435761) >>> 0).toString(16).padStart(8, "0");
  const envelope = {
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup: "/aws/apigateway/access",
    logStream: "s",
    subscriptionFilters: ["f"],
    logEvents: Array.from({ length: events }, (_, i) => ({
      id: `${seed}${i}`,
      timestamp: 1795250623123 + i,
      message: JSON.stringify({ ...line, requestId: `${hex(seed + i)}-${hex(i + 7)}`, requestTimeEpoch: String(1795250623123 + i), sourceIp: `198.51.${i % 256}.${(seed * 7 + i) % 256}` }),
    })),
  };
  return gzipSync(JSON.stringify(envelope)).toString("base64");
}

describe("access-log-enricher budgets", () => {
  describe("the 6 MB response", () => {
    const batch = firehoseEvent(Array.from({ length: 5 }, () => b64(fixtureText("rest-cognito.json"))));
    const deps = { config: config(), logger: new RecordingLogger() };

    it("returns every record Ok when the response is exactly at the budget", async () => {
      const unbounded = await transformBatch(batch, deps);
      const result = await transformBatch(batch, deps, responseBytes(unbounded));
      assert.deepEqual(result.records.map((r) => r.result), ["Ok", "Ok", "Ok", "Ok", "Ok"]);
      assert.equal(responseBytes(result), responseBytes(unbounded));
    });

    it("returns the last record ProcessingFailed with its original data one byte beyond the budget", async () => {
      const unbounded = await transformBatch(batch, deps);
      const result = await transformBatch(batch, deps, responseBytes(unbounded) - 1);
      assert.deepEqual(result.records.map((r) => r.result), ["Ok", "Ok", "Ok", "Ok", "ProcessingFailed"]);
      assert.equal(result.records[4].data, batch.records[4].data);
      assert.ok(responseBytes(result) <= responseBytes(unbounded) - 1);
    });

    it("counts a failed record whose data is not base64 at its JSON size (escapes and UTF-8 included)", async () => {
      const hostile = firehoseEvent([b64(fixtureText("rest-cognito.json")), "é😀\uD800\u0001".repeat(50)]);
      const unbounded = await transformBatch(hostile, deps);
      assert.deepEqual(unbounded.records.map((r) => r.result), ["Ok", "ProcessingFailed"]);
      const result = await transformBatch(hostile, deps, responseBytes(unbounded) - 1);
      assert.deepEqual(result.records.map((r) => r.result), ["ProcessingFailed", "ProcessingFailed"]);
    });

    it("sizes ASCII control characters in a failed record's data exactly, though the first estimate counts them as one byte", async () => {
      // "\u0001" is one byte of ASCII but six in JSON: a batch the quick estimate admits is decided again exactly.
      const controls = firehoseEvent([b64(fixtureText("rest-cognito.json")), "\u0001".repeat(400)]);
      const unbounded = await transformBatch(controls, deps);
      assert.deepEqual(unbounded.records.map((r) => r.result), ["Ok", "ProcessingFailed"]);
      const budget = responseBytes(unbounded) - 1;
      const result = await transformBatch(controls, deps, budget);
      assert.deepEqual(result.records.map((r) => r.result), ["ProcessingFailed", "ProcessingFailed"]);
      assert.ok(responseBytes(result) <= budget, `${responseBytes(result)} > ${budget}`);
    });

    it("keeps a 3 MB processor buffer of gzipped CloudWatch Logs envelopes (10x on inflating) under 6 MB", async () => {
      const envelopes: string[] = [];
      for (let bytes = 0, seed = 0; bytes < 3 * 1024 * 1024; seed++) {
        envelopes.push(gzippedEnvelope(800, seed));
        bytes += Buffer.from(envelopes[envelopes.length - 1], "base64").length;
      }
      envelopes.pop();
      const count = envelopes.length;
      const event = firehoseEvent(envelopes);
      const logger = new RecordingLogger();
      const result = await transformBatch(event, { config: config(), logger });
      assert.ok(responseBytes(result) <= MAX_RESPONSE_BYTES, `${responseBytes(result)} bytes`);
      const failed = result.records.filter((r) => r.result === "ProcessingFailed");
      assert.ok(failed.length > 0 && failed.length < count, `${failed.length} of ${count} failed`);
      for (const r of failed) assert.equal(r.data, envelopes[result.records.indexOf(r)]);
      assert.equal(logger.infos[0].extra.overBudget, failed.length);
    });
  });

  describe("the inflate cap", () => {
    const MIB = 1024 * 1024;
    /** A JSON access-log object padded with spaces to exactly `bytes`, gzipped. */
    const gzippedOfSize = (bytes: number) => {
      const json = JSON.stringify(fixture("rest-cognito.json"));
      return gzipSync(Buffer.from(json + " ".repeat(bytes - Buffer.byteLength(json)))).toString("base64");
    };

    it("decodes a record that inflates to exactly MAX_INFLATED_BYTES", () => {
      assert.equal(decodeRecordData(gzippedOfSize(MIB), MIB).kind, "lines");
    });

    it("refuses a record that inflates one byte beyond MAX_INFLATED_BYTES, naming the variable", () => {
      assert.deepEqual(decodeRecordData(gzippedOfSize(MIB + 1), MIB), {
        kind: "invalid",
        reason: `gzip data inflates beyond MAX_INFLATED_BYTES (${MIB} bytes); refused to bound memory`,
      });
    });

    it("returns a gzip bomb as ProcessingFailed with its original data and the rest of the batch Ok", async () => {
      const bomb = gzipSync(Buffer.alloc(60 * MIB, 0x20)).toString("base64");
      const event = firehoseEvent([b64(fixtureText("rest-cognito.json")), bomb]);
      const result = await transformBatch(event, { config: config(), logger: new RecordingLogger() });
      assert.deepEqual(result.records.map((r) => r.result), ["Ok", "ProcessingFailed"]);
      assert.equal(result.records[1].data, bomb);
    });
  });
});

import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { LOG_FIELD_NAMES } from "../../../contracts/log-fields";
import { transformBatch } from "../../../functions/access-log-enricher/transform";
import { UsagePlanSnapshot } from "../../../functions/access-log-enricher/usage-plans";
import { assertRowMatchesSchema, config, firehoseEvent, fixture, outputRows, RecordingLogger } from "./helpers";

const FIXTURES = [
  "rest-cognito.json",
  "rest-api-key-quota.json",
  "rest-iam.json",
  "rest-lambda-authorizer.json",
  "rest-missing-token.json",
  "http-jwt.json",
  "http-default-route.json",
  "websocket-message.json",
].map(fixture);

const HUGE = "h".repeat(300_000);

/** Values a field may hold: the right shape, "-", the wrong shape, or something enormous. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant("-") },
  { weight: 4, arbitrary: fc.integer({ min: -1, max: 3_000_000_000 }).map(String) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 1, arbitrary: fc.array(fc.nat(), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom("21/Nov/2026:08:43:43 +0000", "31/Feb/2026:08:43:43 +0000", "2026-11-21T08:43:43Z", "1795250623", "0") },
);

/** A real-format line with some fields replaced by junk and some removed. */
const mutatedLine: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.array(fc.tuple(fc.constantFrom(...LOG_FIELD_NAMES), fieldValue), { maxLength: 3 }),
    fc.array(fc.constantFrom(...LOG_FIELD_NAMES), { maxLength: 2 }),
  )
  .map(([base, replaced, removed]) => {
    const line: Record<string, unknown> = { ...base };
    for (const [key, value] of replaced) line[key] = value;
    for (const key of removed) delete line[key];
    return line;
  });

const lineText = mutatedLine.map((line) => JSON.stringify(line));

const recordData: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: lineText.map((t) => Buffer.from(t).toString("base64")) },
  { weight: 3, arbitrary: fc.array(lineText, { minLength: 1, maxLength: 4 }).map((ls) => Buffer.from(ls.join("\n") + "\n").toString("base64")) },
  {
    weight: 3,
    arbitrary: fc.array(lineText, { minLength: 1, maxLength: 4 }).map((ls) =>
      gzipSync(JSON.stringify({ messageType: "DATA_MESSAGE", logGroup: "g", logStream: "s", logEvents: ls.map((message, i) => ({ id: String(i), timestamp: 0, message })) })).toString("base64"),
    ),
  },
  { weight: 1, arbitrary: fc.constant(gzipSync(JSON.stringify({ messageType: "CONTROL_MESSAGE", logGroup: "", logEvents: [] })).toString("base64")) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("base64")) },
  { weight: 1, arbitrary: fc.json().map((j) => Buffer.from(j).toString("base64")) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: lineText.map((t) => Buffer.from(t).toString("base64").slice(0, -3)) },
);

const snapshot = Promise.resolve(UsagePlanSnapshot.EMPTY);

describe("access-log-enricher on generated records", () => {
  it("answers every record once, in order, and every Ok record is JSON lines of the schema", async function () {
    this.timeout(120_000);
    let total = 0;
    let ok = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(recordData, { minLength: 25, maxLength: 40 }), fc.boolean(), async (datas, hourly) => {
        total += datas.length;
        const event = firehoseEvent(datas);
        const result = await transformBatch(event, {
          config: config({ partitionByHour: hourly }),
          usagePlans: { current: () => snapshot },
          logger: new RecordingLogger(),
        });
        assert.equal(result.records.length, datas.length);
        result.records.forEach((out, i) => {
          assert.equal(out.recordId, event.records[i].recordId);
          if (out.result !== "Ok") {
            assert.equal(out.data, datas[i]);
            return;
          }
          ok++;
          const rows = outputRows(out);
          rows.forEach(assertRowMatchesSchema);
          const first = rows[0].request_time as string;
          const expected: Record<string, string> = hourly ? { dt: first.slice(0, 10), hour: first.slice(11, 13) } : { dt: first.slice(0, 10) };
          assert.deepEqual(out.metadata?.partitionKeys, expected);
        });
      }),
      { numRuns: 400, seed: 20261121 },
    );
    assert.ok(total >= 10_000, `only ${total} records were generated`);
    assert.ok(ok > total / 4, `only ${ok} of ${total} records were Ok; the generator no longer exercises the happy path`);
  });
});

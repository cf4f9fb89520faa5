import assert from "node:assert/strict";
import fc from "fast-check";
import { counterWith, publishedDatums, resetMocks, useMockedClients } from "./harness";
import { encodePayload, FIXTURE_NOW, RECORDS } from "./payload";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A documented record with its time, source, name and error code varied. */
const validRecord = fc
  .record({
    base: fc.integer({ min: 0, max: RECORDS.length - 1 }),
    ageMs: fc.integer({ min: -DAY_MS / 24, max: 13 * DAY_MS }),
    eventSource: fc.constantFrom("s3.amazonaws.com", "ec2.amazonaws.com", "sts.amazonaws.com", "dynamodb.amazonaws.com"),
    eventName: fc.string({ minLength: 1, maxLength: 12 }).filter((name) => name.trim() !== ""),
    errorCode: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  })
  .map(({ base, ageMs, eventSource, eventName, errorCode }) => {
    const record: Record<string, unknown> = { ...RECORDS[base], eventTime: new Date(FIXTURE_NOW - ageMs).toISOString(), eventSource, eventName };
    if (errorCode === undefined) delete record.errorCode;
    else record.errorCode = errorCode;
    return JSON.stringify(record);
  });

/** Messages no CloudTrail reader should count: not JSON, JSON of another shape, records missing what identifies a call. */
const malformedMessage: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.json(),
  fc.constantFrom(null, 42, true, ["a"]),
  fc.constantFrom("eventTime", "eventSource", "eventName").map((field) => JSON.stringify({ ...RECORDS[0], [field]: undefined })),
  fc.string().map((time) => JSON.stringify({ ...RECORDS[2], eventTime: time })),
);

const event = fc.oneof(
  validRecord.map((message) => ({ valid: true, message: message as unknown })),
  malformedMessage.map((message) => ({ valid: false, message })),
);

function dataMessage(messages: readonly unknown[]) {
  return encodePayload({
    messageType: "DATA_MESSAGE",
    owner: "123456789012",
    logGroup: "trail",
    logStream: "stream",
    subscriptionFilters: ["api-call-counter"],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: FIXTURE_NOW, message })),
  });
}

describe("api-call-counter properties", () => {
  useMockedClients();

  it("publishes a total equal to the number of valid events, for any mix of valid and malformed events", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 60 }), async (events) => {
        resetMocks();
        const { handler } = counterWith();
        const summary = await handler(dataMessage(events.map((e) => e.message)));
        const valid = events.filter((e) => e.valid).length;
        const total = publishedDatums()
          .filter((datum) => datum.Dimensions === undefined)
          .reduce((sum, datum) => sum + (datum.Value ?? 0), 0);
        assert.equal(total, valid);
        assert.equal(summary.counted, valid);
        assert.equal(summary.malformed, events.length - valid);
      }),
      { numRuns: 150 },
    );
  });

  it("never throws, whatever the event", async () => {
    const anyEvent = fc.oneof(
      fc.anything(),
      fc.record({ awslogs: fc.record({ data: fc.oneof(fc.string(), fc.base64String()) }) }),
      fc.jsonValue().map((payload) => encodePayload(payload)),
      fc.array(fc.anything(), { maxLength: 5 }).map((logEvents) => encodePayload({ messageType: "DATA_MESSAGE", logEvents: logEvents.map((message) => ({ id: "x", message })) })),
      fc.array(fc.anything(), { maxLength: 5 }).map((messages) => dataMessage(messages)),
    );
    await fc.assert(
      fc.asyncProperty(anyEvent, async (input) => {
        resetMocks();
        const summary = await counterWith().handler(input);
        assert.equal(typeof summary.events, "number");
      }),
      { numRuns: 300 },
    );
  });
});

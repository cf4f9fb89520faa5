import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { parseDeadLetterBody, MAX_DEAD_LETTER_BODY_BYTES } from "../../../functions/api-call-counter/dead-letter";
import {
  cloudWatchMock,
  counterWith,
  datumsWithDimensions,
  deadLetterBodies,
  invalidParameter,
  publishedDatums,
  putMetricDataInputs,
  resetMocks,
  useMockedClients,
  serverError,
  sqsMock,
  throttling,
} from "./harness";
import { controlEvent, encodePayload, QUEUE_URL, record, RECORDS, recordsEvent, subscriptionEvent } from "./payload";

/** 2,500 distinct calls in one minute, counted by EventName only: 2,500 datums, 3 chunks. */
function manyOperationsEvent(count: number, nameLength = 0) {
  return recordsEvent(
    Array.from({ length: count }, (_, i) => record(0, { eventName: `Op${String(i).padStart(4, "0")}${"x".repeat(nameLength)}` })),
  );
}

describe("api-call-counter handler", () => {
  useMockedClients();

  describe("on the documented CloudTrail records", () => {
    it("publishes one datum per dimension set, dimension values and minute, with the call count as value", async () => {
      const { handler } = counterWith();
      const summary = await handler(recordsEvent(RECORDS));
      const datums = publishedDatums();

      assert.deepEqual(datumsWithDimensions(datums, []), ["10:15 (total) = 3", "10:16 (total) = 3", "10:17 (total) = 2"]);
      assert.deepEqual(datumsWithDimensions(datums, ["Region"]), [
        "10:15 Region=eu-west-1 = 1",
        "10:15 Region=us-east-1 = 2",
        "10:16 Region=eu-west-1 = 1",
        "10:16 Region=us-east-1 = 2",
        "10:17 Region=us-east-1 = 2",
      ]);
      assert.deepEqual(datumsWithDimensions(datums, ["EventSource", "ErrorCode"]), [
        "10:15 EventSource=ec2.amazonaws.com ErrorCode=None = 1",
        "10:15 EventSource=iam.amazonaws.com ErrorCode=AccessDenied = 1",
        "10:15 EventSource=s3.amazonaws.com ErrorCode=None = 1",
        "10:16 EventSource=dynamodb.amazonaws.com ErrorCode=ThrottlingException = 1",
        "10:16 EventSource=kms.amazonaws.com ErrorCode=None = 1",
        "10:16 EventSource=sts.amazonaws.com ErrorCode=None = 1",
        "10:17 EventSource=lambda.amazonaws.com ErrorCode=ResourceNotFoundException = 1",
        "10:17 EventSource=signin.amazonaws.com ErrorCode=None = 1",
      ]);
      assert.equal(datumsWithDimensions(datums, ["EventSource", "EventName"]).length, 8);
      assert.equal(datums.length, 24);
      assert.equal(summary.datums, 24);
      assert.equal(summary.counted, 8);
    });

    it("publishes to the default namespace with metric CallCount and unit Count", async () => {
      const { handler } = counterWith();
      await handler(recordsEvent(RECORDS));
      const inputs = putMetricDataInputs();
      assert.equal(inputs.length, 1);
      assert.equal(inputs[0].Namespace, "ApiUsage/CloudTrail");
      for (const datum of inputs[0].MetricData ?? []) {
        assert.equal(datum.MetricName, "CallCount");
        assert.equal(datum.Unit, "Count");
      }
    });

    it("stamps each datum with the start of its eventTime minute in UTC", async () => {
      const { handler } = counterWith({ DIMENSION_SETS: "[[]]" });
      await handler(
        recordsEvent([
          record(0, { eventTime: "2024-05-14T10:15:00Z" }),
          record(0, { eventTime: "2024-05-14T10:15:59.999Z" }),
          record(0, { eventTime: "2024-05-14T10:16:00Z" }),
        ]),
      );
      const stamps = publishedDatums().map((d) => [d.Timestamp?.toISOString(), d.Value]);
      assert.deepEqual(stamps.sort(), [
        ["2024-05-14T10:15:00.000Z", 2],
        ["2024-05-14T10:16:00.000Z", 1],
      ]);
    });

    it("reads Account, IdentityType and ReadOnly from the record, Unknown when the record lacks them", async () => {
      const { handler } = counterWith({ DIMENSION_SETS: '[["IdentityType","ReadOnly","Account"]]' });
      await handler(recordsEvent(RECORDS));
      const lines = publishedDatums().map((d) => (d.Dimensions ?? []).map((x) => x.Value).join(" ") + ` = ${d.Value}`);
      assert.deepEqual(lines.sort(), [
        "AWSService true 123456789012 = 2",
        "AssumedRole false 123456789012 = 1",
        "AssumedRole true 123456789012 = 1",
        "AssumedRole true 123456789012 = 1",
        "IAMUser Unknown 123456789012 = 1",
        "IAMUser false 123456789012 = 1",
        "Root Unknown 123456789012 = 1",
      ]);
    });

    it("uses the configured namespace and metric name", async () => {
      const { handler } = counterWith({ METRIC_NAMESPACE: "Acme/Api", METRIC_NAME: "Calls" });
      await handler(recordsEvent(RECORDS.slice(0, 1)));
      const [input] = putMetricDataInputs();
      assert.equal(input.Namespace, "Acme/Api");
      assert.ok((input.MetricData ?? []).every((d) => d.MetricName === "Calls"));
    });

    it("counts only allowed event sources and never denied ones", async () => {
      const allowed = await counterWith({ ALLOWED_EVENT_SOURCES: "s3.amazonaws.com, ec2.amazonaws.com" }).handler(recordsEvent(RECORDS));
      assert.equal(allowed.counted, 2);
      assert.equal(allowed.filtered, 6);
      const sources = new Set(publishedDatums().flatMap((d) => (d.Dimensions ?? []).filter((x) => x.Name === "EventSource").map((x) => x.Value)));
      assert.deepEqual([...sources].sort(), ["ec2.amazonaws.com", "s3.amazonaws.com"]);

      resetMocks();
      const denied = await counterWith({ DENIED_EVENT_SOURCES: "kms.amazonaws.com" }).handler(recordsEvent(RECORDS));
      assert.equal(denied.counted, 7);
      assert.equal(denied.filtered, 1);
      assert.ok(!JSON.stringify(publishedDatums()).includes("kms.amazonaws.com"));
    });
  });

  describe("on bad events inside a good payload", () => {
    it("skips and counts malformed events and publishes the rest", async () => {
      const { handler, log } = counterWith();
      const summary = await handler(
        subscriptionEvent([
          ...RECORDS.map((r) => JSON.stringify(r)),
          "not json at all",
          "{}",
          "[1,2,3]",
          JSON.stringify(record(0, { eventTime: "14/05/2024 10:15" })),
          JSON.stringify(record(0, { eventSource: "" })),
        ]),
      );
      assert.equal(summary.events, 13);
      assert.equal(summary.malformed, 5);
      assert.equal(summary.counted, 8);
      const total = publishedDatums().filter((d) => d.Dimensions === undefined).reduce((sum, d) => sum + (d.Value ?? 0), 0);
      assert.equal(total, 8);
      const warning = log.lines.find((line) => line.level === "warn");
      assert.equal(warning?.attributes.malformed, 5);
    });

    it("skips events CloudWatch would refuse as older than two weeks", async () => {
      const { handler } = counterWith();
      const summary = await handler(recordsEvent([record(0), record(0, { eventTime: "2024-04-29T10:15:07Z" })]));
      assert.equal(summary.outsideWindow, 1);
      assert.equal(summary.counted, 1);
    });
  });

  describe("on payloads that carry nothing to count", () => {
    it("ignores a control message without publishing", async () => {
      const { handler } = counterWith();
      const summary = await handler(controlEvent());
      assert.equal(summary.messageType, "CONTROL_MESSAGE");
      assert.equal(cloudWatchMock.commandCalls(PutMetricDataCommand).length, 0);
    });

    const garbage: [string, unknown][] = [
      ["text that is not base64", { awslogs: { data: "%%% not base64 %%%" } }],
      ["base64 of plain text", { awslogs: { data: Buffer.from("hello").toString("base64") } }],
      ["gzip of something that is not JSON", { awslogs: { data: gzipSync("nope").toString("base64") } }],
      ["a truncated gzip stream", { awslogs: { data: encodePayload({ messageType: "DATA_MESSAGE", logEvents: [] }).awslogs.data.slice(0, 20) } }],
      ["JSON that is not a subscription payload", encodePayload([1, 2, 3])],
      ["an event without awslogs", { Records: [] }],
      ["null", null],
    ];
    for (const [what, event] of garbage) {
      it(`logs ${what} as unreadable and returns an empty summary`, async () => {
        const { handler, log } = counterWith();
        const summary = await handler(event);
        assert.equal(summary.messageType, "UNREADABLE");
        assert.equal(summary.datums, 0);
        assert.equal(cloudWatchMock.commandCalls(PutMetricDataCommand).length, 0);
        assert.equal(log.lines.filter((line) => line.level === "error").length, 1);
      });
    }
  });

  describe("publishing", () => {
    it("sends at most 1000 datums per PutMetricData request", async () => {
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]' });
      const summary = await handler(manyOperationsEvent(2500));
      assert.deepEqual(putMetricDataInputs().map((input) => input.MetricData?.length), [1000, 1000, 500]);
      assert.equal(summary.calls, 3);
    });

    it("keeps each request under 1 MB even when dimension values are long", async () => {
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]' });
      await handler(manyOperationsEvent(1000, 1000));
      const inputs = putMetricDataInputs();
      assert.ok(inputs.length > 1);
      for (const input of inputs) assert.ok(Buffer.byteLength(JSON.stringify(input)) < 1_000_000);
      assert.equal(inputs.reduce((n, input) => n + (input.MetricData?.length ?? 0), 0), 1000);
    });

    it("retries only the chunk that was throttled, after a jittered wait", async () => {
      let throttledOnce = false;
      cloudWatchMock.on(PutMetricDataCommand).callsFake((input: { MetricData: { Dimensions: { Value: string }[] }[] }) => {
        if (input.MetricData[0].Dimensions[0].Value === "Op1000" && !throttledOnce) {
          throttledOnce = true;
          throw throttling();
        }
        return {};
      });
      const { handler, sleeps } = counterWith({ DIMENSION_SETS: '[["EventName"]]', PUBLISH_CONCURRENCY: "1" });
      const summary = await handler(manyOperationsEvent(2500));
      const firstNames = putMetricDataInputs().map((input) => input.MetricData?.[0].Dimensions?.[0].Value);
      assert.deepEqual(firstNames, ["Op0000", "Op1000", "Op1000", "Op2000"]);
      assert.equal(summary.retried, 1);
      assert.equal(summary.published, 2500);
      assert.deepEqual(sleeps, [50]);
    });

    it("retries a 5xx answer", async () => {
      cloudWatchMock.on(PutMetricDataCommand).rejectsOnce(serverError()).resolves({});
      const { handler } = counterWith();
      const summary = await handler(recordsEvent(RECORDS));
      assert.equal(summary.calls, 2);
      assert.equal(summary.published, 24);
    });

    it("dead-letters a chunk that stays throttled, as a replayable PutMetricData input, and succeeds", async () => {
      cloudWatchMock.on(PutMetricDataCommand).callsFake((input: { MetricData: { Dimensions: { Value: string }[] }[] }) => {
        if (input.MetricData[0].Dimensions[0].Value === "Op1000") throw throttling();
        return {};
      });
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]', PUBLISH_MAX_ATTEMPTS: "3", PUBLISH_CONCURRENCY: "1" });
      const summary = await handler(manyOperationsEvent(2500));

      assert.equal(summary.calls, 5);
      assert.equal(summary.published, 1500);
      assert.equal(summary.deadLettered, 1000);
      assert.equal(summary.lost, 0);
      const [send] = sqsMock.commandCalls(SendMessageCommand);
      assert.equal(send.args[0].input.QueueUrl, QUEUE_URL);
      const failedChunk = putMetricDataInputs()[1];
      assert.deepEqual(parseDeadLetterBody(deadLetterBodies()[0]), failedChunk);
    });

    it("dead-letters a chunk CloudWatch rejects as invalid without retrying it", async () => {
      cloudWatchMock.on(PutMetricDataCommand).rejects(invalidParameter());
      const { handler } = counterWith();
      const summary = await handler(recordsEvent(RECORDS));
      assert.equal(summary.calls, 1);
      assert.equal(summary.retried, 0);
      assert.equal(summary.deadLettered, 24);
      const attributes = sqsMock.commandCalls(SendMessageCommand)[0].args[0].input.MessageAttributes;
      assert.match(attributes?.reason.StringValue ?? "", /InvalidParameterValue/);
    });

    it("splits a dead-lettered chunk into SQS messages of at most 200,000 bytes", async () => {
      cloudWatchMock.on(PutMetricDataCommand).rejects(invalidParameter());
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]' });
      const summary = await handler(manyOperationsEvent(600, 1000));
      const bodies = deadLetterBodies();
      assert.ok(bodies.length > 2);
      for (const body of bodies) assert.ok(Buffer.byteLength(body) <= MAX_DEAD_LETTER_BODY_BYTES);
      const names = bodies.flatMap((body) => (parseDeadLetterBody(body).MetricData ?? []).map((d) => d.Dimensions?.[0].Value));
      assert.equal(new Set(names).size, 600);
      assert.equal(names.length, 600);
      assert.equal(summary.deadLettered, 600);
    });
  });

  describe("when the dead-letter queue fails too", () => {
    it("throws so Lambda retries the payload, when nothing was delivered anywhere", async () => {
      cloudWatchMock.on(PutMetricDataCommand).rejects(invalidParameter());
      sqsMock.on(SendMessageCommand).rejects(new Error("AccessDenied"));
      const { handler } = counterWith();
      await assert.rejects(handler(recordsEvent(RECORDS)), /delivered none of 24 datums/);
    });

    it("fails the invocation by default, once some chunk was published, so the payload is kept", async () => {
      cloudWatchMock.on(PutMetricDataCommand).callsFake((input: { MetricData: { Dimensions: { Value: string }[] }[] }) => {
        if (input.MetricData[0].Dimensions[0].Value === "Op1000") throw invalidParameter();
        return {};
      });
      sqsMock.on(SendMessageCommand).rejects(new Error("QueueDoesNotExist"));
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]', PUBLISH_CONCURRENCY: "1" });
      await assert.rejects(handler(manyOperationsEvent(2500)), /could not deliver 1000 of 2500 datums .*the 1500 published and 0 dead-lettered datums will be counted again/);
    });

    it("fails the invocation by default, once another chunk reached the dead-letter queue", async () => {
      cloudWatchMock.on(PutMetricDataCommand).rejects(invalidParameter());
      sqsMock.on(SendMessageCommand).resolvesOnce({ MessageId: "m-1" }).rejects(new Error("ServiceUnavailable"));
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]', PUBLISH_CONCURRENCY: "1" });
      await assert.rejects(handler(manyOperationsEvent(2000)), /could not deliver 1000 of 2000 datums/);
    });

    it("with at-most-once, succeeds and logs the lost datums with a replayable body, once some chunk was published", async () => {
      cloudWatchMock.on(PutMetricDataCommand).callsFake((input: { MetricData: { Dimensions: { Value: string }[] }[] }) => {
        if (input.MetricData[0].Dimensions[0].Value === "Op1000") throw invalidParameter();
        return {};
      });
      sqsMock.on(SendMessageCommand).rejects(new Error("QueueDoesNotExist"));
      const { handler, log } = counterWith({ DIMENSION_SETS: '[["EventName"]]', PUBLISH_CONCURRENCY: "1", DELIVERY_GUARANTEE: "at-most-once" });
      const summary = await handler(manyOperationsEvent(2500));
      assert.equal(summary.published, 1500);
      assert.equal(summary.lost, 1000);
      const lostLines = log.lines.filter((line) => line.level === "error" && line.attributes.body !== undefined);
      const replayed = lostLines.flatMap((line) => parseDeadLetterBody(String(line.attributes.body)).MetricData ?? []);
      assert.deepEqual(replayed, putMetricDataInputs()[1].MetricData);
    });

    it("with at-most-once, succeeds once another chunk reached the dead-letter queue, so that chunk is not queued twice", async () => {
      cloudWatchMock.on(PutMetricDataCommand).rejects(invalidParameter());
      sqsMock.on(SendMessageCommand).resolvesOnce({ MessageId: "m-1" }).rejects(new Error("ServiceUnavailable"));
      const { handler } = counterWith({ DIMENSION_SETS: '[["EventName"]]', PUBLISH_CONCURRENCY: "1", DELIVERY_GUARANTEE: "at-most-once" });
      const summary = await handler(manyOperationsEvent(2000));
      assert.equal(summary.published, 0);
      assert.equal(summary.deadLettered, 1000);
      assert.equal(summary.lost, 1000);
    });
  });

  describe("reporting", () => {
    it("logs the summary it returns as one structured line", async () => {
      const { handler, log } = counterWith();
      const summary = await handler(recordsEvent(RECORDS));
      const line = log.lines.find((l) => l.message === "payload counted");
      assert.deepEqual(line?.attributes.summary, summary);
      assert.deepEqual(
        { events: summary.events, malformed: summary.malformed, datums: summary.datums, calls: summary.calls, retried: summary.retried, deadLettered: summary.deadLettered },
        { events: 8, malformed: 0, datums: 24, calls: 1, retried: 0, deadLettered: 0 },
      );
    });

    it("fails with an error naming the variable when the configuration is invalid", async () => {
      const { handler } = counterWith({ DIMENSION_SETS: '[["Service"]]' });
      await assert.rejects(handler(recordsEvent(RECORDS)), {
        name: "EnvironmentError",
        message: 'DIMENSION_SETS[0][0] must be one of EventSource, EventName, Region, Account, ErrorCode, IdentityType, ReadOnly, got "Service"',
      });
    });
  });
});

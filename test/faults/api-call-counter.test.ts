/**
 * The counter through the real SDK against loopback CloudWatch and SQS under scripted faults:
 * every datum is published or dead-lettered, or the invocation fails (and Lambda keeps the
 * payload); no invocation outlives its deadline.
 */
import assert from "node:assert/strict";
import { createHandler, resetClientsForTests } from "../../functions/api-call-counter";
import { parseDeadLetterBody } from "../../functions/api-call-counter/dead-letter";
import { BASE_ENV, FIXTURE_NOW, record, recordingLog, recordsEvent } from "../functions/api-call-counter/payload";
import type { JsonDatum, LoopbackAws } from "../support/loopback-aws/server";
import { FAULTS, lambdaContext, timed, useLoopbackAws } from "./support";

const TIMEOUT_MS = 2_000;
const ENV = {
  ...BASE_ENV,
  DIMENSION_SETS: '[["EventName"]]',
  CONNECT_TIMEOUT_MS: "150",
  REQUEST_TIMEOUT_MS: "150",
  CALL_MAX_ATTEMPTS: "2",
  DEADLINE_MARGIN_MS: "100",
  DEAD_LETTER_RESERVE_MS: "700",
  PUBLISH_BASE_DELAY_MS: "1",
  PUBLISH_MAX_DELAY_MS: "5",
  PUBLISH_MAX_ATTEMPTS: "3",
  PUBLISH_CONCURRENCY: "2",
};

/** 2,500 distinct operations in one minute: 2,500 datums in three PutMetricData chunks. */
const EVENT = recordsEvent(Array.from({ length: 2500 }, (_, i) => record(0, { eventName: `Op${String(i).padStart(4, "0")}` })));
const EXPECTED = 2500;

function counter(env: Record<string, string> = {}) {
  resetClientsForTests();
  return createHandler({ env: { ...ENV, ...env }, log: () => recordingLog(), now: () => FIXTURE_NOW });
}

/** Metric, dimensions and minute; the JSON protocol sends timestamps as epoch seconds, dead-letter bodies as ISO text. */
function keyOf(datum: JsonDatum): string {
  const ms = typeof datum.Timestamp === "number" ? datum.Timestamp * 1000 : Date.parse(String(datum.Timestamp));
  return `${datum.MetricName}|${(datum.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(",")}|${ms}`;
}

/**
 * Datums that reached CloudWatch or the queue, by key, with how many times each arrived. A slow
 * answer the client gave up on may still be applied (as CloudWatch would), so a datum may arrive
 * twice; what must never happen is a key missing.
 */
function delivered(aws: LoopbackAws): Map<string, number> {
  const seen = new Map<string, number>();
  const add = (d: JsonDatum) => seen.set(keyOf(d), (seen.get(keyOf(d)) ?? 0) + 1);
  aws.state.cloudwatch.datums.forEach(add);
  for (const m of aws.state.sqs.messages) for (const d of parseDeadLetterBody(m.body).MetricData ?? []) add({ ...d, Timestamp: d.Timestamp?.toISOString() } as JsonDatum);
  return seen;
}

describe("fault suite: api-call-counter through the real SDK", function () {
  this.timeout(20_000);
  const aws = useLoopbackAws();

  it("publishes every datum when nothing fails (the baseline the faults are measured against)", async () => {
    // Timeouts no busy machine reaches: a loopback answer slower than 150 ms would be retried and
    // counted twice, which is the fault tests' business, not the baseline's.
    const outcome = await timed(() => counter({ CONNECT_TIMEOUT_MS: "5000", REQUEST_TIMEOUT_MS: "5000" })(EVENT, lambdaContext(15_000)));
    assert.equal(outcome.error, undefined);
    assert.equal(aws().state.cloudwatch.datums.length, EXPECTED);
    assert.equal(aws().callsOf("cloudwatch", "PutMetricData").length, 3);
  });

  for (const kind of FAULTS) {
    it(`loses no datum and returns before the deadline when every PutMetricData fails with ${kind}`, async () => {
      aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind, delayMs: 1_000 });
      const outcome = await timed(() => counter()(EVENT, lambdaContext(TIMEOUT_MS)));
      assert.ok(outcome.ms < TIMEOUT_MS, `took ${outcome.ms} ms`);
      assert.equal(outcome.error, undefined, String(outcome.error));
      const seen = delivered(aws());
      assert.equal(seen.size, EXPECTED);
      assert.equal(aws().state.sqs.messages.length > 0, true);
    });

    it(`loses no datum when one PutMetricData fails with ${kind} once`, async () => {
      aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind, times: 1, delayMs: 1_000 });
      const outcome = await timed(() => counter()(EVENT, lambdaContext(TIMEOUT_MS)));
      assert.ok(outcome.ms < TIMEOUT_MS, `took ${outcome.ms} ms`);
      assert.equal(outcome.error, undefined, String(outcome.error));
      assert.equal(delivered(aws()).size, EXPECTED);
    });
  }

  it("under a CloudWatch partial outage with a failing dead-letter queue, fails the invocation so Lambda keeps the payload", async () => {
    aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind: "500", when: (input) => JSON.stringify(input).includes('"Op1000"') });
    aws().fault({ service: "sqs", kind: "500" });
    const outcome = await timed(() => counter()(EVENT, lambdaContext(TIMEOUT_MS)));
    assert.ok(outcome.ms < TIMEOUT_MS, `took ${outcome.ms} ms`);
    assert.match(String(outcome.error), /could not deliver 1000 of 2500 datums/);
  });

  it("after that failure, Lambda's retry of the kept payload delivers every datum (some twice: may count twice, never loses)", async () => {
    aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind: "500", when: (input) => JSON.stringify(input).includes('"Op1000"') });
    aws().fault({ service: "sqs", kind: "hang" });
    const first = await timed(() => counter()(EVENT, lambdaContext(TIMEOUT_MS)));
    assert.ok(first.error !== undefined && first.ms < TIMEOUT_MS, `took ${first.ms} ms, error ${String(first.error)}`);
    aws().clearFaults();
    const retry = await timed(() => counter()(EVENT, lambdaContext(TIMEOUT_MS)));
    assert.equal(retry.error, undefined);
    const seen = delivered(aws());
    assert.equal(seen.size, EXPECTED);
    assert.equal([...seen.values()].filter((n) => n === 2).length, 1500);
  });

  it("with at-most-once, succeeds under the same outage and leaves the lost datums' bodies in the error log", async () => {
    aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind: "500", when: (input) => JSON.stringify(input).includes('"Op1000"') });
    aws().fault({ service: "sqs", kind: "500" });
    const outcome = await timed(() => counter({ DELIVERY_GUARANTEE: "at-most-once" })(EVENT, lambdaContext(TIMEOUT_MS)));
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.value?.lost, 1000);
  });

  it("dead-letters the chunks not yet sent when the publishing deadline passes under a hanging CloudWatch", async () => {
    aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind: "hang" });
    const outcome = await timed(() => counter({ REQUEST_TIMEOUT_MS: "60000", PUBLISH_CONCURRENCY: "1" })(EVENT, lambdaContext(TIMEOUT_MS)));
    assert.ok(outcome.ms < TIMEOUT_MS, `took ${outcome.ms} ms`);
    assert.equal(outcome.error, undefined, String(outcome.error));
    assert.equal(outcome.value?.deadLettered, EXPECTED);
  });
});

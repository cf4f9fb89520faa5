import assert from "node:assert/strict";
import {
  DEFAULT_DIMENSION_SETS,
  readConfig,
} from "../../../functions/api-call-counter/config";
import { BASE_ENV, QUEUE_URL } from "./payload";

describe("api-call-counter readConfig", () => {
  it("defaults to ApiUsage/CloudTrail, CallCount and the four default dimension sets", () => {
    const config = readConfig(BASE_ENV);
    assert.equal(config.namespace, "ApiUsage/CloudTrail");
    assert.equal(config.metricName, "CallCount");
    assert.deepEqual(config.dimensionSets, [["EventSource", "EventName"], ["EventSource", "ErrorCode"], ["Region"], []]);
    assert.equal(config.dimensionSets, DEFAULT_DIMENSION_SETS);
    assert.equal(config.allowedEventSources.size, 0);
    assert.equal(config.deniedEventSources.size, 0);
    assert.equal(config.deadLetterQueueUrl, QUEUE_URL);
    assert.deepEqual(config.retry, { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5000 });
    assert.equal(config.concurrency, 4);
  });

  it("reads dimension sets from JSON, the empty set being the total", () => {
    const config = readConfig({ ...BASE_ENV, DIMENSION_SETS: '[["Account","ReadOnly"],[]]' });
    assert.deepEqual(config.dimensionSets, [["Account", "ReadOnly"], []]);
  });

  it("reads allow and deny lists as comma-separated event sources", () => {
    const config = readConfig({ ...BASE_ENV, ALLOWED_EVENT_SOURCES: "s3.amazonaws.com, sts.amazonaws.com", DENIED_EVENT_SOURCES: "kms.amazonaws.com" });
    assert.deepEqual([...config.allowedEventSources], ["s3.amazonaws.com", "sts.amazonaws.com"]);
    assert.deepEqual([...config.deniedEventSources], ["kms.amazonaws.com"]);
  });

  const rejected: [string, Record<string, string>, RegExp][] = [
    ["a missing dead-letter queue URL", { DEAD_LETTER_QUEUE_URL: "" }, /^Error: DEAD_LETTER_QUEUE_URL="" is invalid: expected the URL of a standard SQS queue.*required/],
    ["a queue URL that is not a URL", { DEAD_LETTER_QUEUE_URL: "my-queue" }, /DEAD_LETTER_QUEUE_URL="my-queue" is invalid/],
    ["a FIFO queue URL", { DEAD_LETTER_QUEUE_URL: `${QUEUE_URL}.fifo` }, /DEAD_LETTER_QUEUE_URL=.*FIFO queues are not supported/],
    ["dimension sets that are not JSON", { DIMENSION_SETS: "EventSource,EventName" }, /DIMENSION_SETS="EventSource,EventName" is invalid: .*not JSON/],
    ["an empty list of dimension sets", { DIMENSION_SETS: "[]" }, /DIMENSION_SETS="\[\]" is invalid: .*got no sets/],
    ["a dimension set that is a string", { DIMENSION_SETS: '["Region"]' }, /set 0 is not an array/],
    ["an unknown dimension", { DIMENSION_SETS: '[["Region"],["Service"]]' }, /set 1 has unknown dimension "Service"/],
    ["a dimension repeated in a set", { DIMENSION_SETS: '[["Region","Region"]]' }, /set 0 repeats a dimension/],
    ["the same set twice in another order", { DIMENSION_SETS: '[["Region","Account"],["Account","Region"]]' }, /set 1 duplicates an earlier set/],
    ["a bare service name as event source", { ALLOWED_EVENT_SOURCES: "s3" }, /ALLOWED_EVENT_SOURCES="s3" is invalid: .*"s3.amazonaws.com,ec2.amazonaws.com" \(bad entry "s3"\)/],
    ["a source both allowed and denied", { ALLOWED_EVENT_SOURCES: "s3.amazonaws.com", DENIED_EVENT_SOURCES: "s3.amazonaws.com" }, /DENIED_EVENT_SOURCES=.*s3.amazonaws.com also appear/],
    ["a reserved AWS/ namespace", { METRIC_NAMESPACE: "AWS/CloudTrail" }, /METRIC_NAMESPACE="AWS\/CloudTrail" is invalid: .*reserved/],
    ["a namespace with non-ASCII characters", { METRIC_NAMESPACE: "Café/Api" }, /METRIC_NAMESPACE="Café\/Api" is invalid/],
    ["a metric name starting with a colon", { METRIC_NAME: ":Calls" }, /METRIC_NAME=":Calls" is invalid/],
    ["zero attempts", { PUBLISH_MAX_ATTEMPTS: "0" }, /PUBLISH_MAX_ATTEMPTS="0" is invalid: expected an integer from 1 to 10/],
    ["a fractional delay", { PUBLISH_BASE_DELAY_MS: "1.5" }, /PUBLISH_BASE_DELAY_MS="1.5" is invalid: expected an integer/],
    ["a maximum delay below the base delay", { PUBLISH_BASE_DELAY_MS: "500", PUBLISH_MAX_DELAY_MS: "100" }, /PUBLISH_MAX_DELAY_MS="100" is invalid: expected a value ≥ PUBLISH_BASE_DELAY_MS \(500\)/],
    ["a concurrency of 100", { PUBLISH_CONCURRENCY: "100" }, /PUBLISH_CONCURRENCY="100" is invalid: expected an integer from 1 to 16/],
  ];
  for (const [what, env, message] of rejected) {
    it(`rejects ${what} with an error naming the variable, the value and the expectation`, () => {
      assert.throws(() => readConfig({ ...BASE_ENV, ...env }), (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(String(error), message);
        return true;
      });
    });
  }
});

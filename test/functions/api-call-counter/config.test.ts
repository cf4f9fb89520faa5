import assert from "node:assert/strict";
import { DEFAULT_DIMENSION_SETS } from "../../../contracts/functions/api-call-counter";
import { readConfig } from "../../../functions/api-call-counter/config";
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

  it("reads the retry settings and the publish concurrency", () => {
    const config = readConfig({ ...BASE_ENV, PUBLISH_MAX_ATTEMPTS: "3", PUBLISH_BASE_DELAY_MS: "50", PUBLISH_MAX_DELAY_MS: "800", PUBLISH_CONCURRENCY: "2" });
    assert.deepEqual(config.retry, { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 800 });
    assert.equal(config.concurrency, 2);
  });

  const QUEUE = "the URL of a standard SQS queue, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq (FIFO queues are not supported)";
  const SETS = "a list of at least 1 of a list of one of EventSource, EventName, Region, Account, ErrorCode, IdentityType, ReadOnly (each once) (each once)";
  const NAMES = "one of EventSource, EventName, Region, Account, ErrorCode, IdentityType, ReadOnly";
  const rejected: [string, Record<string, string>, string][] = [
    ["a missing dead-letter queue URL", { DEAD_LETTER_QUEUE_URL: "" }, `DEAD_LETTER_QUEUE_URL is required (${QUEUE})`],
    ["a queue URL that is not a URL", { DEAD_LETTER_QUEUE_URL: "my-queue" }, `DEAD_LETTER_QUEUE_URL must be ${QUEUE}, got "my-queue"`],
    ["a FIFO queue URL", { DEAD_LETTER_QUEUE_URL: `${QUEUE_URL}.fifo` }, `DEAD_LETTER_QUEUE_URL must be ${QUEUE}, got "${QUEUE_URL}.fifo"`],
    ["dimension sets that are not JSON", { DIMENSION_SETS: "EventSource,EventName" }, `DIMENSION_SETS must be ${SETS}, got "EventSource,EventName"`],
    ["an empty list of dimension sets", { DIMENSION_SETS: "[]" }, `DIMENSION_SETS must be ${SETS}, got "[]"`],
    ["a dimension set that is a string", { DIMENSION_SETS: '["Region"]' }, `DIMENSION_SETS[0] must be a list of ${NAMES} (each once), got "Region"`],
    ["an unknown dimension", { DIMENSION_SETS: '[["Region"],["Service"]]' }, `DIMENSION_SETS[1][0] must be ${NAMES}, got "Service"`],
    ["a dimension repeated in a set", { DIMENSION_SETS: '[["Region","Region"]]' }, `DIMENSION_SETS[0][1] repeats "Region"; each entry must be unique`],
    ["the same set twice", { DIMENSION_SETS: '[["Region"],["Region"]]' }, `DIMENSION_SETS[1] repeats ["Region"]; each entry must be unique`],
    // One metric to CloudWatch, so every call would be counted twice.
    [
      "the same set twice in another order",
      { DIMENSION_SETS: '[["Region","Account"],["Account","Region"]]' },
      `DIMENSION_SETS[1] must be a set of dimensions not already in DIMENSION_SETS[0] (order does not matter), got ["Account","Region"]`,
    ],
    ["a bare service name as event source", { ALLOWED_EVENT_SOURCES: "s3" }, `ALLOWED_EVENT_SOURCES[0] must be a CloudTrail event source like "s3.amazonaws.com", got "s3"`],
    [
      "a source both allowed and denied",
      { ALLOWED_EVENT_SOURCES: "s3.amazonaws.com", DENIED_EVENT_SOURCES: "s3.amazonaws.com" },
      "DENIED_EVENT_SOURCES must not repeat entries of ALLOWED_EVENT_SOURCES, got s3.amazonaws.com in both",
    ],
    [
      "a reserved AWS/ namespace",
      { METRIC_NAMESPACE: "AWS/CloudTrail" },
      `METRIC_NAMESPACE must be a CloudWatch namespace (1-255 printable ASCII, not starting with AWS/ or :), got "AWS/CloudTrail"`,
    ],
    [
      "a namespace with non-ASCII characters",
      { METRIC_NAMESPACE: "Café/Api" },
      `METRIC_NAMESPACE must be a CloudWatch namespace (1-255 printable ASCII, not starting with AWS/ or :), got "Café/Api"`,
    ],
    ["a metric name starting with a colon", { METRIC_NAME: ":Calls" }, `METRIC_NAME must be a CloudWatch metric name (1-255 printable ASCII, not starting with :), got ":Calls"`],
    ["zero attempts", { PUBLISH_MAX_ATTEMPTS: "0" }, `PUBLISH_MAX_ATTEMPTS must be an integer from 1 to 10, got "0"`],
    ["a fractional delay", { PUBLISH_BASE_DELAY_MS: "1.5" }, `PUBLISH_BASE_DELAY_MS must be an integer from 1 to 10000, got "1.5"`],
    [
      "a maximum delay below the base delay",
      { PUBLISH_BASE_DELAY_MS: "500", PUBLISH_MAX_DELAY_MS: "100" },
      "PUBLISH_MAX_DELAY_MS must be at least PUBLISH_BASE_DELAY_MS (500), got 100",
    ],
    ["a concurrency of 100", { PUBLISH_CONCURRENCY: "100" }, `PUBLISH_CONCURRENCY must be an integer from 1 to 16, got "100"`],
  ];
  for (const [what, env, message] of rejected) {
    it(`rejects ${what} with an error naming the variable, the value and the expectation`, () => {
      assert.throws(() => readConfig({ ...BASE_ENV, ...env }), { name: "EnvironmentError", message, problems: [message] });
    });
  }
});

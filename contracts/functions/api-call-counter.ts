/** The api-call-counter's contract: its environment, its metric vocabulary and the AWS calls it makes. */
import { defineEnvironment, envVar } from "../environment";
import { arrayKind, enumKind, integerKind, stringKind, type Sameness } from "../kinds";
import { declarePermissions } from "../permissions";
import { callBudgetVars } from "./call-budget";

/** The dimensions a CloudTrail record can be counted by. */
export const DIMENSION_NAMES = ["EventSource", "EventName", "Region", "Account", "ErrorCode", "IdentityType", "ReadOnly"] as const;
export type DimensionName = (typeof DIMENSION_NAMES)[number];

/** Written when a record has no value for a dimension (ErrorCode uses "None" instead). */
export const UNKNOWN_VALUE = "Unknown";
export const NO_ERROR_VALUE = "None";

export const DEFAULT_NAMESPACE = "ApiUsage/CloudTrail";
export const DEFAULT_METRIC_NAME = "CallCount";
/**
 * CloudWatch treats a metric's dimensions as a set, so ["Region","Account"] and ["Account","Region"]
 * are one metric: publishing both would count every call twice.
 */
const SAME_DIMENSION_SET: Sameness<DimensionName[]> = {
  key: (set) => [...set].sort().join(","),
  entry: "a set of dimensions",
  because: "order does not matter",
  sample: [["Region", "Account"], ["Account", "Region"]],
};

/** [] is the total: one metric with no dimensions. */
export const DEFAULT_DIMENSION_SETS: DimensionName[][] = [["EventSource", "EventName"], ["EventSource", "ErrorCode"], ["Region"], []];

// CloudTrail event sources are service endpoints such as "s3.amazonaws.com"; a bare "s3" would
// silently match nothing, so it is rejected.
const eventSource = stringKind({
  pattern: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/,
  expected: 'a CloudTrail event source like "s3.amazonaws.com"',
  examples: { valid: ["s3.amazonaws.com"], invalid: ["s3"] },
});

export const metricNamespaceKind = stringKind({
  pattern: /^(?!AWS\/)(?!:)[\x20-\x7e]{1,255}$/,
  expected: "a CloudWatch namespace (1-255 printable ASCII, not starting with AWS/ or :)",
  examples: { valid: ["A", `Acme/${"x".repeat(250)}`], invalid: ["AWS/ApiGateway", `Acme/${"x".repeat(251)}`] },
});
export const metricNameKind = stringKind({
  pattern: /^(?!:)[\x20-\x7e]{1,255}$/,
  expected: "a CloudWatch metric name (1-255 printable ASCII, not starting with :)",
  examples: { valid: ["C", "x".repeat(255)], invalid: [":Calls", "x".repeat(256)] },
});

/**
 * What happens to datums that could be neither published nor dead-lettered. at-least-once (the
 * default) fails the invocation, so Lambda retries the whole payload and finally keeps it in the
 * failure destination: nothing is lost, but chunks already published are counted again.
 * at-most-once returns success and writes their replayable bodies to the error log only: nothing
 * is counted twice, but those datums are lost unless someone replays the log line.
 */
export const DELIVERY_GUARANTEES = ["at-least-once", "at-most-once"] as const;
export type DeliveryGuarantee = (typeof DELIVERY_GUARANTEES)[number];

/** The failure-handling variables the component leaves at their defaults (spread into toEnvironment). */
export const COUNTER_FAILURE_DEFAULTS = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  callMaxAttempts: 3,
  deadlineMarginMs: 2_000,
  deadLetterReserveMs: 10_000,
  deliveryGuarantee: "at-least-once" as DeliveryGuarantee,
};

export const COUNTER_ENVIRONMENT = defineEnvironment(
  {
    namespace: envVar("METRIC_NAMESPACE", metricNamespaceKind, { default: DEFAULT_NAMESPACE, description: "CloudWatch namespace of the API-call metrics." }),
    metricName: envVar("METRIC_NAME", metricNameKind, { default: DEFAULT_METRIC_NAME, description: "Metric name of the API-call counts." }),
    dimensionSets: envVar("DIMENSION_SETS", arrayKind(arrayKind(enumKind(DIMENSION_NAMES), { unique: true }), { unique: SAME_DIMENSION_SET, minItems: 1 }), {
      codec: "json",
      default: DEFAULT_DIMENSION_SETS,
      description: "Dimension sets of the API-call metrics; [] is the total. Each combination of values is a billed custom metric.",
    }),
    allowedEventSources: envVar("ALLOWED_EVENT_SOURCES", arrayKind(eventSource, { unique: true }), {
      codec: "list",
      default: [],
      description: "Count only these CloudTrail event sources (empty: all). Bounds the number of custom metrics.",
    }),
    deniedEventSources: envVar("DENIED_EVENT_SOURCES", arrayKind(eventSource, { unique: true }), {
      codec: "list",
      default: [],
      description: "Never count these CloudTrail event sources.",
    }),
    deadLetterQueueUrl: envVar(
      "DEAD_LETTER_QUEUE_URL",
      stringKind({
        pattern: /^https:\/\/[a-z0-9.-]+\/\d{12}\/[A-Za-z0-9_-]{1,80}$/,
        expected: "the URL of a standard SQS queue, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq (FIFO queues are not supported)",
        examples: { valid: ["https://sqs.us-east-1.amazonaws.com/123456789012/q"], invalid: ["https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo"] },
      }),
      { late: true, description: "Where datums that cannot be published go, as replayable PutMetricData JSON." },
    ),
    publishMaxAttempts: envVar("PUBLISH_MAX_ATTEMPTS", integerKind({ min: 1, max: 10 }), { default: 5, description: "PutMetricData attempts per chunk, the first one included." }),
    publishBaseDelayMs: envVar("PUBLISH_BASE_DELAY_MS", integerKind({ min: 1, max: 10_000 }), { default: 100, description: "First retry delay of a throttled chunk, in ms (doubles per attempt, with jitter)." }),
    publishMaxDelayMs: envVar("PUBLISH_MAX_DELAY_MS", integerKind({ min: 1, max: 60_000 }), { default: 5_000, description: "Longest retry delay, in ms." }),
    publishConcurrency: envVar("PUBLISH_CONCURRENCY", integerKind({ min: 1, max: 16 }), { default: 4, description: "PutMetricData requests in flight at once." }),
    ...callBudgetVars(COUNTER_FAILURE_DEFAULTS),
    deadLetterReserveMs: envVar("DEAD_LETTER_RESERVE_MS", integerKind({ min: 0, max: 300_000 }), {
      default: COUNTER_FAILURE_DEFAULTS.deadLetterReserveMs,
      description: "Publishing stops this long before the deadline so that what is left can still be dead-lettered, in ms.",
    }),
    deliveryGuarantee: envVar("DELIVERY_GUARANTEE", enumKind(DELIVERY_GUARANTEES), {
      default: COUNTER_FAILURE_DEFAULTS.deliveryGuarantee,
      description: "Datums neither published nor dead-lettered: at-least-once fails the invocation (may count twice), at-most-once logs them (may lose).",
    }),
  },
  [
    (v, vars) => (v.publishMaxDelayMs < v.publishBaseDelayMs ? [`${vars.publishMaxDelayMs.name} must be at least ${vars.publishBaseDelayMs.name} (${v.publishBaseDelayMs}), got ${v.publishMaxDelayMs}`] : []),
    (v, vars) => {
      const both = v.allowedEventSources.filter((s) => v.deniedEventSources.includes(s));
      return both.length ? [`${vars.deniedEventSources.name} must not repeat entries of ${vars.allowedEventSources.name}, got ${both.join(", ")} in both`] : [];
    },
  ],
);

export const COUNTER_PERMISSIONS = declarePermissions({
  functionName: "api-call-counter",
  resources: {
    namespace: "the metric namespace (a condition value, not an ARN)",
    deadLetterQueue: "the queue of datums that could not be published",
    failureDestination: "the queue of async invocations that failed after Lambda's retries",
  },
  calls: [
    {
      command: "PutMetricDataCommand",
      client: "@aws-sdk/client-cloudwatch",
      // PutMetricData supports no resource-level permissions; the namespace condition bounds it.
      grants: [{ sid: "PublishOwnNamespace", actions: ["cloudwatch:PutMetricData"], resource: "*", condition: { operator: "StringEquals", key: "cloudwatch:namespace", valuesFrom: "namespace" } }],
    },
    {
      command: "SendMessageCommand",
      client: "@aws-sdk/client-sqs",
      grants: [{ sid: "DeadLetter", actions: ["sqs:SendMessage"], resource: "deadLetterQueue", kms: ["kms:GenerateDataKey", "kms:Decrypt"] }],
    },
    {
      // Lambda sends a failed async event to the on-failure destination with the function's role.
      command: "lambda:OnFailureDestination",
      client: "platform",
      grants: [{ sid: "FailureDestination", actions: ["sqs:SendMessage"], resource: "failureDestination", kms: ["kms:GenerateDataKey", "kms:Decrypt"] }],
    },
  ],
});

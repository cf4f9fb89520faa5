import assert from "node:assert/strict";
import { EnvironmentError, type EnvVar } from "../../contracts/environment";
import { ENRICHER_ENVIRONMENT, ENRICHER_FAILURE_DEFAULTS } from "../../contracts/functions/access-log-enricher";
import { COUNTER_ENVIRONMENT, COUNTER_FAILURE_DEFAULTS } from "../../contracts/functions/api-call-counter";
import { DISTINCT_USERS_ENVIRONMENT, DISTINCT_USERS_FAILURE_DEFAULTS } from "../../contracts/functions/distinct-users-widget";
import { PERIOD_COMPARISON_ENVIRONMENT, PERIOD_COMPARISON_FAILURE_DEFAULTS } from "../../contracts/functions/period-comparison-widget";

const QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq";

/** Every function's environment, as its component writes it and its handler reads it. */
interface AnySchema {
  readonly vars: Readonly<Record<string, EnvVar<unknown>>>;
  fromEnvironment(env: Readonly<Record<string, string | undefined>>): Readonly<Record<string, unknown>>;
  toEnvironment(values: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
const SCHEMAS: Record<string, AnySchema> = {
  "access-log-enricher": ENRICHER_ENVIRONMENT as unknown as AnySchema,
  "api-call-counter": COUNTER_ENVIRONMENT as unknown as AnySchema,
  "distinct-users-widget": DISTINCT_USERS_ENVIRONMENT as unknown as AnySchema,
  "period-comparison-widget": PERIOD_COMPARISON_ENVIRONMENT as unknown as AnySchema,
};

/**
 * Pairs a cross-variable rule orders (lower <= upper): when a sample of one is at its limit, the
 * other moves just enough for the rule to hold, so each sample is tried on its own.
 */
const ORDERED_PAIRS: ReadonlyArray<readonly [lower: string, upper: string]> = [
  ["publishBaseDelayMs", "publishMaxDelayMs"],
  ["pollInitialMs", "pollMaxMs"],
];

function keepOrderedPairs(values: Record<string, unknown>, changed: string): void {
  for (const [lower, upper] of ORDERED_PAIRS) {
    if (changed === lower) values[upper] = Math.max(values[upper] as number, values[lower] as number);
    if (changed === upper) values[lower] = Math.min(values[lower] as number, values[upper] as number);
  }
}

/** What a component passes when it sets nothing: every default, a valid sample for each required variable. */
function baseValues(schema: AnySchema): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema.vars).map(([key, v]) => [key, v.default !== undefined || v.optional ? v.default : v.kind.samples.valid[0]]),
  );
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EnvironmentError, `expected an EnvironmentError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail("expected an EnvironmentError, nothing was thrown");
}

describe("function environments", () => {
  describe("fromEnvironment applies the defaults", () => {
    it("access-log-enricher", () => {
      assert.deepEqual(ENRICHER_ENVIRONMENT.fromEnvironment({}), {
        userIdOrder: ["claims_sub", "principal_id", "cognito_identity_id", "iam_user_arn", "api_key_id"],
        ipAddressMode: "truncate",
        partitionByHour: false,
        mixedPartitions: "first-row",
        usagePlanLookup: true,
        usagePlanCacheTtlSeconds: 300,
        usagePlanKeysConcurrency: 2,
        ...ENRICHER_FAILURE_DEFAULTS,
      });
    });

    it("api-call-counter, whose dead-letter queue is required", () => {
      assert.deepEqual(COUNTER_ENVIRONMENT.fromEnvironment({ DEAD_LETTER_QUEUE_URL: QUEUE_URL }), {
        namespace: "ApiUsage/CloudTrail",
        metricName: "CallCount",
        dimensionSets: [["EventSource", "EventName"], ["EventSource", "ErrorCode"], ["Region"], []],
        allowedEventSources: [],
        deniedEventSources: [],
        deadLetterQueueUrl: QUEUE_URL,
        publishMaxAttempts: 5,
        publishBaseDelayMs: 100,
        publishMaxDelayMs: 5_000,
        publishConcurrency: 4,
        ...COUNTER_FAILURE_DEFAULTS,
      });
    });

    it("distinct-users-widget, leaving the optional Athena defaults unset", () => {
      assert.deepEqual(DISTINCT_USERS_ENVIRONMENT.fromEnvironment({}), {
        deadlineSeconds: 50,
        cacheTtlSeconds: 60,
        maxConcurrentQueries: 4,
        maxQueries: 1000,
        pollInitialMs: 250,
        pollMaxMs: 3_000,
        athenaWorkgroup: undefined,
        athenaDatabase: undefined,
        athenaTable: undefined,
        ...DISTINCT_USERS_FAILURE_DEFAULTS,
      });
    });

    it("period-comparison-widget", () => {
      assert.deepEqual(PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment({}), { maxMetrics: 10, maxPoints: 288, ...PERIOD_COMPARISON_FAILURE_DEFAULTS });
    });

    it("treats an empty or blank variable as unset", () => {
      assert.deepEqual(PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment({ MAX_METRICS: "", MAX_POINTS: "  " }), { maxMetrics: 10, maxPoints: 288, ...PERIOD_COMPARISON_FAILURE_DEFAULTS });
    });
  });

  it("rejects a bad value with the variable, the expectation and the raw value", () => {
    assert.throws(() => PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment({ MAX_POINTS: "5" }), {
      name: "EnvironmentError",
      message: 'MAX_POINTS must be an integer from 10 to 1440, got "5"',
      problems: ['MAX_POINTS must be an integer from 10 to 1440, got "5"'],
    });
  });

  it("reads integers only as plain digits, so 1e1 and 0x10 are refused rather than read as 10 and 16", () => {
    assert.deepEqual(problemsOf(() => PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment({ MAX_POINTS: "1e2", MAX_METRICS: "0x10" })), [
      'MAX_METRICS must be an integer from 1 to 100, got "0x10"',
      'MAX_POINTS must be an integer from 10 to 1440, got "1e2"',
    ]);
    assert.equal(PERIOD_COMPARISON_ENVIRONMENT.fromEnvironment({ MAX_POINTS: " 100 " }).maxPoints, 100);
  });

  it("refuses a dimension set that repeats an earlier one in another order, naming both entries", () => {
    const env = { DEAD_LETTER_QUEUE_URL: QUEUE_URL, DIMENSION_SETS: '[["Region","Account"],["EventName"],["Account","Region"]]' };
    assert.deepEqual(problemsOf(() => COUNTER_ENVIRONMENT.fromEnvironment(env)), [
      'DIMENSION_SETS[2] must be a set of dimensions not already in DIMENSION_SETS[0] (order does not matter), got ["Account","Region"]',
    ]);
  });

  it("names a missing required variable and what it expects", () => {
    assert.deepEqual(problemsOf(() => COUNTER_ENVIRONMENT.fromEnvironment({})), [
      "DEAD_LETTER_QUEUE_URL is required (the URL of a standard SQS queue, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq (FIFO queues are not supported))",
    ]);
  });

  it("lists every problem at once, in declaration order", () => {
    assert.throws(() => ENRICHER_ENVIRONMENT.fromEnvironment({ USAGE_PLAN_KEYS_CONCURRENCY: "9", IP_ADDRESS_MODE: "hash", PARTITION_BY_HOUR: "1" }), {
      name: "EnvironmentError",
      message: [
        "3 environment problems:",
        '- IP_ADDRESS_MODE must be one of keep, truncate, drop, got "hash"',
        '- PARTITION_BY_HOUR must be true or false, got "1"',
        '- USAGE_PLAN_KEYS_CONCURRENCY must be an integer from 1 to 5, got "9"',
      ].join("\n"),
      problems: [
        'IP_ADDRESS_MODE must be one of keep, truncate, drop, got "hash"',
        'PARTITION_BY_HOUR must be true or false, got "1"',
        'USAGE_PLAN_KEYS_CONCURRENCY must be an integer from 1 to 5, got "9"',
      ],
    });
  });

  describe("cross-variable rules", () => {
    const counter = (env: Record<string, string>) => () => COUNTER_ENVIRONMENT.fromEnvironment({ DEAD_LETTER_QUEUE_URL: QUEUE_URL, ...env });

    it("PUBLISH_MAX_DELAY_MS must be at least PUBLISH_BASE_DELAY_MS", () => {
      assert.deepEqual(problemsOf(counter({ PUBLISH_BASE_DELAY_MS: "500", PUBLISH_MAX_DELAY_MS: "499" })), [
        "PUBLISH_MAX_DELAY_MS must be at least PUBLISH_BASE_DELAY_MS (500), got 499",
      ]);
      // The default maximum (5000) is checked against a base set alone, too.
      assert.deepEqual(problemsOf(counter({ PUBLISH_BASE_DELAY_MS: "6000" })), ["PUBLISH_MAX_DELAY_MS must be at least PUBLISH_BASE_DELAY_MS (6000), got 5000"]);
      assert.equal(counter({ PUBLISH_BASE_DELAY_MS: "500", PUBLISH_MAX_DELAY_MS: "500" })().publishMaxDelayMs, 500);
    });

    it("ALLOWED_EVENT_SOURCES and DENIED_EVENT_SOURCES must be disjoint", () => {
      assert.deepEqual(
        problemsOf(counter({ ALLOWED_EVENT_SOURCES: "s3.amazonaws.com,kms.amazonaws.com,sts.amazonaws.com", DENIED_EVENT_SOURCES: "sts.amazonaws.com,s3.amazonaws.com" })),
        ["DENIED_EVENT_SOURCES must not repeat entries of ALLOWED_EVENT_SOURCES, got s3.amazonaws.com, sts.amazonaws.com in both"],
      );
      const disjoint = counter({ ALLOWED_EVENT_SOURCES: "s3.amazonaws.com", DENIED_EVENT_SOURCES: "kms.amazonaws.com" })();
      assert.deepEqual([disjoint.allowedEventSources, disjoint.deniedEventSources], [["s3.amazonaws.com"], ["kms.amazonaws.com"]]);
    });

    it("POLL_MAX_MS must be at least POLL_INITIAL_MS", () => {
      assert.deepEqual(problemsOf(() => DISTINCT_USERS_ENVIRONMENT.fromEnvironment({ POLL_INITIAL_MS: "1000", POLL_MAX_MS: "999" })), [
        "POLL_MAX_MS must be at least POLL_INITIAL_MS (1000), got 999",
      ]);
      assert.equal(DISTINCT_USERS_ENVIRONMENT.fromEnvironment({ POLL_INITIAL_MS: "1000", POLL_MAX_MS: "1000" }).pollMaxMs, 1000);
    });

    it("are enforced on the component's side as well", () => {
      const values = { ...baseValues(SCHEMAS["distinct-users-widget"]), pollInitialMs: 1000, pollMaxMs: 999 };
      assert.deepEqual(problemsOf(() => SCHEMAS["distinct-users-widget"].toEnvironment(values)), ["POLL_MAX_MS must be at least POLL_INITIAL_MS (1000), got 999"]);
    });
  });

  for (const [functionName, schema] of Object.entries(SCHEMAS)) {
    describe(`${functionName}: what the component writes, the handler reads back`, () => {
      for (const [key, v] of Object.entries(schema.vars)) {
        it(`${v.name} (${v.codec}) round-trips each of its valid samples`, () => {
          assert.ok(v.kind.samples.valid.length > 0, `${v.name} has no valid samples`);
          for (const sample of v.kind.samples.valid) {
            const values: Record<string, unknown> = { ...baseValues(schema), [key]: sample };
            keepOrderedPairs(values, key);
            const env = schema.toEnvironment(values);
            assert.ok(Object.values(env).every((text) => typeof text === "string"), JSON.stringify(env));
            assert.deepEqual(schema.fromEnvironment(env as Record<string, string>), values, `${v.name}=${JSON.stringify(env[v.name])}`);
          }
        });

        it(`${v.name} is refused by the component beyond its limits`, () => {
          for (const sample of v.kind.samples.invalid) {
            const problems = problemsOf(() => schema.toEnvironment({ ...baseValues(schema), [key]: sample }));
            assert.ok(problems.length > 0 && problems.every((p) => p.startsWith(`${v.name} `) || p.startsWith(`${v.name}[`)), `${v.name}=${JSON.stringify(sample)}: ${problems.join("; ")}`);
          }
        });
      }
    });
  }
});

/** The API-call metrics' one schema: the trail's and the counter's settings, limits and defaults. */
import { COUNTER_ENVIRONMENT } from "../../contracts/functions/api-call-counter";
import { arrayKind, enumKind, integerKind, show, stringKind } from "../../contracts/kinds";
import { logRetentionKind } from "../../contracts/runtimes";
import { defineSchema, field, fieldOf, group, optionalField, type ArgsOf, type ValuesOf } from "../../contracts/schema";

export const READ_WRITE_TYPES = ["All", "ReadOnly", "WriteOnly"] as const;
export type ReadWriteType = (typeof READ_WRITE_TYPES)[number];
export const DATA_EVENT_TYPES = ["AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table"] as const;
export type DataEventType = (typeof DATA_EVENT_TYPES)[number];

const env = COUNTER_ENVIRONMENT.vars;

export const API_CALL_METRICS_SCHEMA = defineSchema(
  {
    existingLogGroupName: optionalField(
      stringKind({ pattern: /^[\w\-./#]{1,512}$/, expected: "a log group name", examples: { valid: ["/trail", "a".repeat(512)], invalid: ["a".repeat(513)] } }),
      "Count the events of an existing trail that already delivers to this log group instead of creating a trail.",
      { late: true },
    ),
    namespace: fieldOf(env.namespace),
    metricName: fieldOf(env.metricName),
    dimensionSets: fieldOf(env.dimensionSets),
    includeEventSources: fieldOf(env.allowedEventSources),
    excludeEventSources: fieldOf(env.deniedEventSources),
    publish: group({
      maxAttempts: fieldOf(env.publishMaxAttempts),
      baseDelayMs: fieldOf(env.publishBaseDelayMs),
      maxDelayMs: fieldOf(env.publishMaxDelayMs),
      concurrency: fieldOf(env.publishConcurrency),
    }),
    readWriteType: field(enumKind(READ_WRITE_TYPES), "All" as ReadWriteType, "Which management events the trail records."),
    dataEvents: field(arrayKind(enumKind(DATA_EVENT_TYPES), { unique: true }), [] as DataEventType[], "Data-event types the trail records (billed per event; none by default)."),
    trailLogExpirationDays: field(integerKind({ min: 1, max: 3650 }), 365, "Days the trail's S3 copy of the logs is kept."),
    logRetentionDays: field(logRetentionKind, 30, "Retention of the trail's and the counter's log groups, in days."),
  },
  [
    {
      limits: {
        "publish.maxDelayMs": (keyOf) => `at least ${keyOf("publish.baseDelayMs")}`,
        "publish.baseDelayMs": (keyOf) => `at most ${keyOf("publish.maxDelayMs")}`,
      },
      example: { "publish.baseDelayMs": 6_000, "publish.maxDelayMs": 5_000 },
      check: ({ publish }, keyOf) =>
        publish.maxDelayMs < publish.baseDelayMs
          ? [{ path: "publish.maxDelayMs", value: publish.maxDelayMs, expected: `at least ${keyOf("publish.baseDelayMs")} (${publish.baseDelayMs} ms)` }]
          : [],
    },
    {
      limits: {
        excludeEventSources: (keyOf) => `none of those in ${keyOf("includeEventSources")}`,
        includeEventSources: (keyOf) => `none of those in ${keyOf("excludeEventSources")}`,
      },
      example: { includeEventSources: ["s3.amazonaws.com"], excludeEventSources: ["s3.amazonaws.com"] },
      check: ({ includeEventSources, excludeEventSources }, keyOf) => {
        const both = excludeEventSources.filter((source) => includeEventSources.includes(source));
        return both.length
          ? [{ path: "excludeEventSources", value: excludeEventSources, expected: `free of the event sources ${keyOf("includeEventSources")} lists (${show(includeEventSources)})` }]
          : [];
      },
    },
  ],
);

export type ApiCallMetricsSettingsArgs = ArgsOf<typeof API_CALL_METRICS_SCHEMA.spec>;
export type ApiCallMetricsSettings = ValuesOf<typeof API_CALL_METRICS_SCHEMA.spec>;

/**
 * The pipeline's one schema: every setting's kind (limits), default and description, and the
 * rules that span settings. The component resolves its args with it; the stack settings are
 * composed from it (config/settings.ts), so config refuses exactly what the component would.
 */
import { API_LIST_RULES, apiKind, deliveryOf, type ApiSpec, type ApiType, type Delivery } from "../../contracts/api-types";
import { ENRICHER_ENVIRONMENT } from "../../contracts/functions/access-log-enricher";
import { arrayKind, booleanKind, enumKind, integerKind, stringKind } from "../../contracts/kinds";
import { logRetentionKind } from "../../contracts/runtimes";
import { defineSchema, field, fieldOf, group, optionalField, type ArgsOf, type ValuesOf } from "../../contracts/schema";

export type { Delivery } from "../../contracts/api-types";

export const DATA_FORMATS = ["parquet", "json"] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

const env = ENRICHER_ENVIRONMENT.vars;
const glueName = (expected: string) =>
  stringKind({ pattern: /^[a-z][a-z0-9_]{0,254}$/, expected, examples: { valid: ["a", `a${"b".repeat(254)}`], invalid: [`a${"b".repeat(255)}`, "Access-Logs"] } });

export const PIPELINE_SCHEMA = defineSchema(
  {
    apis: field(arrayKind(apiKind), [] as ApiSpec<unknown>[], "The API stages to watch: list of {name, type: REST|HTTP|WEBSOCKET, apiId, stage, delivery?: firehose|cloudwatch, apiName?: the REST API's name (its metrics are keyed by it), alarms?: this API's own dashboard thresholds {serverErrorRatePercent, clientErrorRatePercent, latencyP90Ms, quotaExceededPerPeriod, trafficStoppedPeriods}}."),
    format: field(enumKind(DATA_FORMATS), "parquet" as DataFormat, "How the data lake stores access logs: SNAPPY Parquet, or GZIP JSON."),
    hourlyPartitions: fieldOf(env.partitionByHour),
    bufferHints: group({
      sizeMiB: field(integerKind({ min: 64, max: 128, because: "dynamic partitioning and Parquet conversion need at least 64 MiB" }), 64, "Firehose S3 buffer size, MiB."),
      intervalSeconds: field(integerKind({ min: 60, max: 900, because: "dynamic partitioning needs at least 60 s" }), 300, "Firehose S3 buffer interval, seconds."),
    }),
    processorBuffer: group({
      // The enricher's response is at most about 1.4x its input (bench/enricher-memory) and a Lambda response is at most 6 MB.
      sizeMb: field(integerKind({ min: 1, max: 3, because: "Firehose hands a Lambda processor at most 3 MB, and the enricher's response stays within 6 MB for it" }), 1, "Batch size handed to the enricher, MB."),
      intervalSeconds: field(integerKind({ min: 60, max: 900 }), 60, "Longest wait before Firehose hands a batch to the enricher, seconds."),
    }),
    ipHandling: fieldOf(env.ipAddressMode),
    userIdOrder: fieldOf(env.userIdOrder),
    mixedPartitions: fieldOf(env.mixedPartitions),
    usagePlanLookup: fieldOf(env.usagePlanLookup),
    usagePlanCacheTtlSeconds: fieldOf(env.usagePlanCacheTtlSeconds),
    usagePlanKeysConcurrency: fieldOf(env.usagePlanKeysConcurrency),
    dataLake: group({
      transitionDays: field(
        integerKind({ min: 30, max: 36_500, alsoAllowed: [0], because: "S3 moves objects to Standard-IA after 30 days at the earliest" }),
        30,
        "Days before data-lake objects move to S3 Standard-IA (0 keeps them in Standard).",
      ),
      expirationDays: field(integerKind({ min: 0, max: 36_500 }), 400, "Days before data-lake objects expire (0 keeps them forever)."),
    }),
    athena: group({
      bytesScannedCutoffMiB: field(integerKind({ min: 10, max: 10_000_000, because: "Athena's minimum is 10 MB" }), 10_240, "Per-query scan limit of the Athena workgroup, MiB."),
      resultsExpirationDays: field(integerKind({ min: 1, max: 3650 }), 7, "Days Athena query results are kept."),
    }),
    glue: group({
      databaseName: optionalField(glueName("a Glue name: lower-case letters, digits and _, starting with a letter (at most 255)"), "Glue database name; default <component>_<stack>."),
      tableName: field(glueName("a Glue name: lower-case letters, digits and _, starting with a letter (at most 255)"), "access_logs", "Glue table name."),
      projectionStartDate: field(
        stringKind({ pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, expected: "a date as yyyy-MM-dd", examples: { valid: ["2024-01-01"], invalid: ["2024-13-01", "01/01/2024"] } }),
        "2024-01-01",
        "First day partition projection enumerates when a query has no date predicate.",
      ),
    }),
    crawler: group({
      enabled: field(booleanKind(), false, "Opt-in Glue crawler (Athena does not need it: the table uses partition projection)."),
      schedule: field(stringKind({ pattern: /^cron\(.+\)$/, expected: 'a Glue schedule such as "cron(0 1 * * ? *)"', examples: { valid: ["cron(0 1 * * ? *)"], invalid: ["daily"] } }), "cron(0 1 * * ? *)", "When the crawler runs."),
    }),
    logRetentionDays: field(logRetentionKind, 30, "Retention of every log group the pipeline creates, in days."),
  },
  [
    ...API_LIST_RULES,
    {
      limits: {
        "dataLake.expirationDays": (keyOf) => `0 (never) or more than ${keyOf("dataLake.transitionDays")}`,
        "dataLake.transitionDays": (keyOf) => `0 or less than ${keyOf("dataLake.expirationDays")} (unless that is 0)`,
      },
      example: { "dataLake.transitionDays": 36_500 },
      check: ({ dataLake }, keyOf) =>
        dataLake.expirationDays > 0 && dataLake.transitionDays > 0 && dataLake.expirationDays <= dataLake.transitionDays
          ? [
              {
                path: "dataLake.expirationDays",
                value: dataLake.expirationDays,
                expected: `0 (never) or more than ${keyOf("dataLake.transitionDays")} (${dataLake.transitionDays} days)`,
              },
            ]
          : [],
    },
  ],
);

export type PipelineSettingsArgs = ArgsOf<typeof PIPELINE_SCHEMA.spec>;
export type PipelineValues = ValuesOf<typeof PIPELINE_SCHEMA.spec>;

/** What the component's args give for one API; apiId may be an Output. */
export type AccessLogApi = ApiSpec<unknown>;

export interface ResolvedApi {
  name: string;
  type: ApiType;
  apiId: unknown;
  stage: string;
  delivery: Delivery;
  /** Only for delivery "cloudwatch". */
  logGroupName?: string;
}

export type PipelineSettings = ReturnType<typeof resolveSettings>;

/** Defaults applied and every value checked; throws a SchemaError naming every bad argument. */
export function resolveSettings(component: string, args: PipelineSettingsArgs, nameScope?: string) {
  const values = PIPELINE_SCHEMA.resolve(`AccessLogPipeline ${component}`, args);
  return {
    apis: values.apis.map((api): ResolvedApi => {
      const delivery = deliveryOf(api);
      return { name: api.name, type: api.type, apiId: api.apiId, stage: api.stage, delivery, ...(delivery === "cloudwatch" ? { logGroupName: accessLogGroupName(api.name, api.stage, nameScope) } : {}) };
    }),
    format: values.format,
    bufferSizeMiB: values.bufferHints.sizeMiB,
    bufferIntervalSeconds: values.bufferHints.intervalSeconds,
    processorBufferSizeMb: values.processorBuffer.sizeMb,
    processorBufferIntervalSeconds: values.processorBuffer.intervalSeconds,
    hourlyPartitions: values.hourlyPartitions,
    ipHandling: values.ipHandling,
    userIdOrder: values.userIdOrder,
    mixedPartitions: values.mixedPartitions,
    usagePlanLookup: values.usagePlanLookup,
    usagePlanCacheTtlSeconds: values.usagePlanCacheTtlSeconds,
    usagePlanKeysConcurrency: values.usagePlanKeysConcurrency,
    transitionDays: values.dataLake.transitionDays,
    expirationDays: values.dataLake.expirationDays,
    bytesScannedCutoffMiB: values.athena.bytesScannedCutoffMiB,
    resultsExpirationDays: values.athena.resultsExpirationDays,
    projectionStartDate: values.glue.projectionStartDate,
    databaseName: values.glue.databaseName,
    tableName: values.glue.tableName,
    crawlerEnabled: values.crawler.enabled,
    crawlerSchedule: values.crawler.schedule,
    logRetentionDays: values.logRetentionDays,
  };
}

/**
 * `/aws/apigateway/[<scope>/]<api>/<stage>`; HTTP's `$default` stage becomes `default` (log group
 * names cannot hold `$`).
 */
export function accessLogGroupName(apiName: string, stage: string, scope?: string): string {
  return `/aws/apigateway/${scope ? `${scope}/` : ""}${apiName}/${stage.replace(/^\$/, "")}`;
}

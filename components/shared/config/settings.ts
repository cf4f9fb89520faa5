/**
 * Every setting of the `api-usage-insights` namespace: kind, default and description. This table is
 * the source of truth; Pulumi.yaml's `config:` block and the README's config reference are checked
 * against it by tests (test/components/shared/config-docs.test.ts).
 */
import { DEFAULT_DIMENSION_SETS, DEFAULT_NAMESPACE } from "../../../functions/api-call-counter/config";
import { DIMENSION_NAMES, DimensionName } from "../../../functions/api-call-counter/dimensions";
import { USER_SOURCES } from "../../../functions/access-log-enricher/config";
import { arrayKind, booleanKind, enumKind, integerKind, Kind, objectKind, stringKind } from "./kinds";

export const PROJECT = "api-usage-insights";

export interface Setting<T> {
  readonly kind: Kind<T>;
  readonly default: T;
  readonly description: string;
}

const setting = <T>(kind: Kind<T>, defaultValue: T, description: string): Setting<T> => ({
  kind,
  default: defaultValue,
  description,
});

export const API_TYPES = ["REST", "HTTP", "WEBSOCKET"] as const;
export type ApiType = (typeof API_TYPES)[number];
export const DELIVERIES = ["firehose", "cloudwatch"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface ApiSpec {
  /** Short name used in resource names and dashboards. */
  name: string;
  type: ApiType;
  /** The API Gateway id (10 lowercase letters/digits). */
  apiId: string;
  stage: string;
  /** REST: firehose (default) or cloudwatch. HTTP/WebSocket: cloudwatch only. */
  delivery?: Delivery;
  /** REST metrics are keyed by the API's name in API Gateway, not its id; default: `name`. */
  apiName?: string;
}

const apiKind = objectKind<ApiSpec>("API", {
  name: { kind: stringKind({ pattern: /^[a-z][a-z0-9-]{0,39}$/, expected: "a lowercase name (a-z, 0-9, -; at most 40)" }), required: true },
  type: { kind: enumKind(API_TYPES), required: true },
  apiId: { kind: stringKind({ pattern: /^[a-z0-9]{10}$/, expected: "an API Gateway id (10 lowercase letters or digits)" }), required: true },
  stage: { kind: stringKind({ pattern: /^[A-Za-z0-9_$-]{1,128}$/, expected: "a stage name (letters, digits, _, -, $)" }), required: true },
  delivery: { kind: enumKind(DELIVERIES), required: false },
  apiName: { kind: stringKind({ pattern: /^.{1,1024}$/, expected: "the API's name in API Gateway" }), required: false },
});

/** Values CloudWatch Logs accepts for retentionInDays. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const arn = (service: string) =>
  stringKind({ pattern: new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:.+$`), expected: `a ${service} ARN or ""`, allowEmpty: true });

export const SETTINGS = {
  role: setting(
    enumKind(["source", "monitoring"] as const),
    "source",
    "source: an account whose APIs are watched; monitoring: the central account with the OAM sink and the cross-account dashboard.",
  ),
  apis: setting(
    arrayKind(apiKind),
    [] as ApiSpec[],
    "The API stages to watch: list of {name, type: REST|HTTP|WEBSOCKET, apiId, stage, delivery?: firehose|cloudwatch, apiName?: the REST API's name (its metrics are keyed by it)}.",
  ),
  logRetentionDays: setting(
    integerKind({ allowed: LOG_RETENTION_DAYS }),
    30,
    "Retention of every log group this stack creates, in days (a value CloudWatch Logs accepts).",
  ),
  kmsKeyArn: setting(arn("kms"), "", "A customer-managed KMS key for buckets, logs and queues; empty uses AWS-managed encryption."),
  lambdaRuntime: setting(
    enumKind(["nodejs24.x", "nodejs22.x"] as const, {
      "nodejs20.x": "nodejs20.x is past its Lambda deprecation date",
      "nodejs18.x": "nodejs18.x is past its Lambda deprecation date",
    }),
    "nodejs24.x",
    "Lambda runtime of every function.",
  ),
  lambdaArchitecture: setting(enumKind(["arm64", "x86_64"] as const), "arm64", "Lambda architecture of every function."),
  dataLakeTransitionDays: setting(
    integerKind({ min: 0, max: 3650 }),
    30,
    "Days before data-lake objects move to S3 Standard-IA (0 keeps them in Standard; S3 needs at least 30).",
  ),
  dataLakeExpirationDays: setting(integerKind({ min: 0, max: 36500 }), 400, "Days before data-lake objects expire (0 keeps them forever)."),
  accessLogFormat: setting(enumKind(["parquet", "json"] as const), "parquet", "How the data lake stores access logs: SNAPPY Parquet, or GZIP JSON."),
  accessLogHourlyPartitions: setting(booleanKind(), false, "Add an hour=HH/ partition below dt=yyyy-MM-dd/."),
  accessLogBufferSizeMiB: setting(
    integerKind({ min: 64, max: 128 }),
    64,
    "Firehose S3 buffer size; dynamic partitioning and Parquet conversion need at least 64 MiB.",
  ),
  accessLogBufferIntervalSeconds: setting(integerKind({ min: 60, max: 900 }), 300, "Firehose S3 buffer interval."),
  accessLogProcessorBufferSizeMb: setting(
    integerKind({ min: 1, max: 3 }),
    1,
    "Batch size handed to the enricher; its output is about 1.3x its input and Lambda returns at most 6 MB.",
  ),
  accessLogIpHandling: setting(enumKind(["keep", "truncate", "drop"] as const), "truncate", "Source IPs: keep, truncate (/24 IPv4, /48 IPv6) or drop."),
  accessLogUserIdOrder: setting(
    arrayKind(enumKind(USER_SOURCES), { unique: true }),
    [...USER_SOURCES],
    "Which identity becomes user_id; the first one present wins.",
  ),
  accessLogUsagePlanLookup: setting(booleanKind(), true, "Add usage plan, API key name and customer id from the API Gateway management API."),
  accessLogUsagePlanCacheTtlSeconds: setting(integerKind({ min: 1, max: 86400 }), 300, "How long the enricher caches usage plans and keys."),
  athenaBytesScannedCutoffMiB: setting(integerKind({ min: 10, max: 10_000_000 }), 10240, "Per-query scan limit of the Athena workgroup."),
  athenaResultsExpirationDays: setting(integerKind({ min: 1, max: 3650 }), 7, "Days Athena query results are kept."),
  glueCrawlerEnabled: setting(booleanKind(), false, "Opt-in Glue crawler (Athena does not need it: the table uses partition projection)."),
  apiCallMetricsEnabled: setting(booleanKind(), true, "Deploy the CloudTrail trail and the api-call-counter function."),
  apiCallMetricsNamespace: setting(
    stringKind({ pattern: /^(?!AWS\/)(?!:)[\x20-\x7e]{1,255}$/, expected: "a CloudWatch namespace (printable ASCII, not starting with AWS/)" }),
    DEFAULT_NAMESPACE,
    "CloudWatch namespace of the API-call metrics.",
  ),
  apiCallMetricsDimensionSets: setting(
    arrayKind(arrayKind(enumKind(DIMENSION_NAMES), { unique: true }), { unique: true }),
    DEFAULT_DIMENSION_SETS.map((set) => [...set]) as DimensionName[][],
    "Dimension sets of the API-call metrics; [] is the total. Each combination of values is a billed custom metric.",
  ),
  apiCallMetricsIncludeEventSources: setting(
    arrayKind(stringKind({ pattern: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/, expected: 'an event source like "s3.amazonaws.com"' }), { unique: true }),
    [] as string[],
    "Count only these CloudTrail event sources (empty: all). Bounds the number of custom metrics.",
  ),
  apiCallMetricsExcludeEventSources: setting(
    arrayKind(stringKind({ pattern: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/, expected: 'an event source like "s3.amazonaws.com"' }), { unique: true }),
    [] as string[],
    "Never count these CloudTrail event sources.",
  ),
  cloudTrailExistingLogGroupName: setting(
    stringKind({ pattern: /^[\w\-./#]{1,512}$/, expected: 'a log group name or ""', allowEmpty: true }),
    "",
    "Count the events of an existing trail that already delivers to this log group instead of creating a trail.",
  ),
  cloudTrailReadWriteType: setting(enumKind(["All", "ReadOnly", "WriteOnly"] as const), "All", "Which management events the trail records."),
  cloudTrailDataEvents: setting(
    arrayKind(enumKind(["AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table"] as const), { unique: true }),
    [] as Array<"AWS::S3::Object" | "AWS::Lambda::Function" | "AWS::DynamoDB::Table">,
    "Data-event types the trail records (billed per event; none by default).",
  ),
  cloudTrailS3RetentionDays: setting(integerKind({ min: 1, max: 3650 }), 365, "Days the trail's S3 copy of the logs is kept."),
  quicksightEnabled: setting(booleanKind(), false, "Deploy the QuickSight data source, dataset, analysis and dashboard."),
  quicksightAdminUserNames: setting(
    arrayKind(stringKind({ pattern: /^[\w+=,.@/-]{1,128}$/, expected: "a QuickSight user name" }), { unique: true }),
    [] as string[],
    "Existing QuickSight users added to <name>-admins (owners of every asset).",
  ),
  quicksightReaderUserNames: setting(
    arrayKind(stringKind({ pattern: /^[\w+=,.@/-]{1,128}$/, expected: "a QuickSight user name" }), { unique: true }),
    [] as string[],
    "Existing QuickSight users added to <name>-readers (dashboard viewers).",
  ),
  quicksightImportMode: setting(
    enumKind(["SPICE", "DIRECT_QUERY"] as const),
    "SPICE",
    "SPICE loads the dataset on a schedule; DIRECT_QUERY runs Athena on every view.",
  ),
  quicksightRefreshInterval: setting(enumKind(["HOURLY", "DAILY", "WEEKLY"] as const), "DAILY", "SPICE refresh interval (ignored with DIRECT_QUERY)."),
  quicksightRefreshTimeOfDay: setting(
    stringKind({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, expected: "a time HH:MM" }),
    "03:00",
    "Time of the SPICE refresh, UTC (not used for HOURLY).",
  ),
  quicksightLookbackDays: setting(integerKind({ min: 1, max: 3650 }), 90, "Days of partitions the QuickSight dataset reads."),
  quicksightNamespace: setting(
    stringKind({ pattern: /^[a-zA-Z0-9._-]{1,64}$/, expected: "a QuickSight namespace" }),
    "default",
    "QuickSight namespace of the groups.",
  ),
  dashboardEnabled: setting(booleanKind(), true, "Deploy the unified CloudWatch dashboard, its widgets and alarms."),
  dashboardAlarmTopicArn: setting(arn("sns"), "", "SNS topic notified on ALARM and OK; empty keeps alarms on the dashboard only."),
  dashboardServerErrorRatePercent: setting(integerKind({ min: 1, max: 100 }), 1, "5xx rate (%) per API that alarms after 3 periods of 5 minutes."),
  dashboardLatencyP90Ms: setting(integerKind({ min: 1, max: 60000 }), 2000, "p90 latency (ms) per API that alarms after 3 periods of 5 minutes."),
  dashboardQuotaExceededPerPeriod: setting(integerKind({ min: 1 }), 10, "QUOTA_EXCEEDED responses per 5 minutes that alarm (APIs logged to CloudWatch Logs)."),
  dashboardFirehoseFreshnessSeconds: setting(integerKind({ min: 60, max: 86400 }), 900, "Age of the oldest undelivered access-log record that alarms."),
  dashboardFunctionErrorsPerPeriod: setting(integerKind({ min: 0 }), 0, "Errors per 5 minutes per function above which its alarm fires."),
  dashboardWidgetReservedConcurrency: setting(
    integerKind({ min: 1, max: 10 }),
    2,
    "Reserved concurrency of each widget function, so a busy dashboard cannot use up the Logs Insights query quota.",
  ),
  monitoringSourceAccountIds: setting(
    arrayKind(stringKind({ pattern: /^\d{12}$/, expected: "a 12-digit AWS account id" }), { unique: true }),
    [] as string[],
    "role monitoring: accounts allowed to link to the observability sink.",
  ),
  monitoringOrganizationId: setting(
    stringKind({ pattern: /^o-[a-z0-9]{10,32}$/, expected: 'an AWS Organizations id like "o-a1b2c3d4e5" or ""', allowEmpty: true }),
    "",
    "role monitoring: every account of this organization may link to the sink.",
  ),
  monitoringStack: setting(
    stringKind({ pattern: /^[\w.-]+\/[\w.-]+\/[\w.-]+$/, expected: 'a fully qualified stack name "org/project/stack" or ""', allowEmpty: true }),
    "",
    "role source: the monitoring stack whose oamSinkArn output this account links to.",
  ),
  monitoringSinkArn: setting(arn("oam"), "", "role source: link to this sink directly instead of reading it from monitoringStack."),
} satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: (typeof SETTINGS)[K] extends Setting<infer T> ? T : never };

/**
 * Every setting of the `api-usage-insights` namespace, composed from the component schemas: a
 * setting bound to a component field takes that field's kind (limits), default and description,
 * so each exists once. Pulumi.yaml's `config:` block and the config reference in docs/configuration.md
 * are generated from this table (`npm run docs`) and checked by tests.
 */
import { API_CALL_METRICS_SCHEMA } from "../components/api-call-metrics/settings";
import { PIPELINE_SCHEMA } from "../components/access-log-pipeline/settings";
import { DASHBOARD_SCHEMA } from "../components/dashboard/settings";
import { USAGE_ANALYTICS_SCHEMA } from "../components/quicksight/settings";
import { SINK_SCHEMA } from "../components/monitoring/settings";
import { arrayKind, booleanKind, enumKind, Kind, stringKind } from "../contracts/kinds";
import { regionKind } from "../contracts/regions";
import { lambdaArchitectureKind, lambdaRuntimeKind, logRetentionKind, type LambdaArchitecture, type LambdaRuntime } from "../contracts/runtimes";
import { withValueAt, type ArgsOf, type Schema, type Spec } from "../contracts/schema";

export const PROJECT = "api-usage-insights";

export interface Setting<T> {
  readonly kind: Kind<T>;
  /** What Pulumi.yaml and docs/configuration.md show; "" for a setting that is unset when empty. */
  readonly default: T;
  readonly description: string;
  /** "" means unset: the program sees undefined (converted once, in readStackConfig). */
  readonly emptyMeansUnset?: boolean;
}

const setting = <T>(kind: Kind<T>, defaultValue: T, description: string): Setting<T> => ({ kind, default: defaultValue, description });
const unsetWhenEmpty = (kind: Kind<string>, description: string): Setting<string> & { readonly emptyMeansUnset: true } => ({
  kind: { ...kind, samples: { valid: ["", ...kind.samples.valid.filter((v) => v !== "")], invalid: kind.samples.invalid.filter((v) => v !== "") } },
  default: "",
  description,
  emptyMeansUnset: true,
});

/** A component schema's fields, by the stack setting key each is exposed as. */
export interface Binding<S extends Spec> {
  readonly schema: Schema<S>;
  /** stack setting key → field path in the schema */
  readonly keys: Readonly<Record<string, string>>;
}
const bind = <S extends Spec>(schema: Schema<S>, keys: Record<string, string>): Binding<S> => ({ schema, keys });

export const PIPELINE_BINDING = bind(PIPELINE_SCHEMA, {
  apis: "apis",
  logRetentionDays: "logRetentionDays",
  dataLakeTransitionDays: "dataLake.transitionDays",
  dataLakeExpirationDays: "dataLake.expirationDays",
  accessLogFormat: "format",
  accessLogHourlyPartitions: "hourlyPartitions",
  accessLogBufferSizeMiB: "bufferHints.sizeMiB",
  accessLogBufferIntervalSeconds: "bufferHints.intervalSeconds",
  accessLogProcessorBufferSizeMb: "processorBuffer.sizeMb",
  accessLogProcessorBufferIntervalSeconds: "processorBuffer.intervalSeconds",
  accessLogIpHandling: "ipHandling",
  accessLogUserIdOrder: "userIdOrder",
  accessLogMixedPartitions: "mixedPartitions",
  accessLogUsagePlanLookup: "usagePlanLookup",
  accessLogUsagePlanCacheTtlSeconds: "usagePlanCacheTtlSeconds",
  accessLogUsagePlanKeysConcurrency: "usagePlanKeysConcurrency",
  athenaBytesScannedCutoffMiB: "athena.bytesScannedCutoffMiB",
  athenaResultsExpirationDays: "athena.resultsExpirationDays",
  glueCrawlerEnabled: "crawler.enabled",
});

export const API_CALL_METRICS_BINDING = bind(API_CALL_METRICS_SCHEMA, {
  logRetentionDays: "logRetentionDays",
  apiCallMetricsNamespace: "namespace",
  apiCallMetricsMetricName: "metricName",
  apiCallMetricsDimensionSets: "dimensionSets",
  apiCallMetricsIncludeEventSources: "includeEventSources",
  apiCallMetricsExcludeEventSources: "excludeEventSources",
  apiCallMetricsPublishMaxAttempts: "publish.maxAttempts",
  apiCallMetricsPublishBaseDelayMs: "publish.baseDelayMs",
  apiCallMetricsPublishMaxDelayMs: "publish.maxDelayMs",
  apiCallMetricsPublishConcurrency: "publish.concurrency",
  cloudTrailExistingLogGroupName: "existingLogGroupName",
  cloudTrailReadWriteType: "readWriteType",
  cloudTrailDataEvents: "dataEvents",
  cloudTrailS3RetentionDays: "trailLogExpirationDays",
});

export const USAGE_ANALYTICS_BINDING = bind(USAGE_ANALYTICS_SCHEMA, {
  quicksightAdminUserNames: "adminUserNames",
  quicksightReaderUserNames: "readerUserNames",
  quicksightImportMode: "importMode",
  quicksightRefreshInterval: "refreshSchedule.interval",
  quicksightRefreshTimeOfDay: "refreshSchedule.timeOfDay",
  quicksightLookbackDays: "lookbackDays",
  quicksightNamespace: "namespace",
});

export const DASHBOARD_BINDING = bind(DASHBOARD_SCHEMA, {
  logRetentionDays: "logRetentionDays",
  dashboardServerErrorRatePercent: "alarms.serverErrorRatePercent",
  dashboardClientErrorRatePercent: "alarms.clientErrorRatePercent",
  dashboardTrafficStoppedPeriods: "alarms.trafficStoppedPeriods",
  dashboardLatencyP90Ms: "alarms.latencyP90Ms",
  dashboardQuotaExceededPerPeriod: "alarms.quotaExceededPerPeriod",
  dashboardFirehoseFreshnessSeconds: "alarms.firehoseFreshnessSeconds",
  dashboardFunctionErrorsPerPeriod: "alarms.functionErrorsPerPeriod",
  dashboardWidgetReservedConcurrency: "widgetReservedConcurrency",
  dashboardDistinctUsersDeadlineSeconds: "distinctUsers.deadlineSeconds",
  dashboardDistinctUsersCacheTtlSeconds: "distinctUsers.cacheTtlSeconds",
  dashboardDistinctUsersMaxConcurrentQueries: "distinctUsers.maxConcurrentQueries",
  dashboardDistinctUsersMaxQueries: "distinctUsers.maxQueries",
  dashboardDistinctUsersPollInitialMs: "distinctUsers.pollInitialMs",
  dashboardDistinctUsersPollMaxMs: "distinctUsers.pollMaxMs",
  dashboardPeriodComparisonMaxMetrics: "periodComparison.maxMetrics",
  dashboardPeriodComparisonMaxPoints: "periodComparison.maxPoints",
});

export const SINK_BINDING = bind(SINK_SCHEMA, {
  monitoringSourceAccountIds: "accountIds",
  monitoringOrganizationId: "organizationId",
});

/** Each component's binding, in the order the program builds them. */
export const BINDINGS = [PIPELINE_BINDING, API_CALL_METRICS_BINDING, USAGE_ANALYTICS_BINDING, DASHBOARD_BINDING, SINK_BINDING] as const;


function fromBinding(binding: Binding<Spec>, key: string): Setting<unknown> {
  const path = binding.keys[key];
  const found = binding.schema.fields.find((f) => f.path === path);
  if (!found) throw new Error(`config/settings.ts: ${key} is bound to ${path}, which the schema does not have`);
  const { field } = found;
  return field.default === undefined
    ? unsetWhenEmpty(field.kind as Kind<string>, field.description)
    : setting(field.kind, field.default, field.description);
}

const arn = (service: string, example: string) =>
  stringKind({
    pattern: new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:.+$`),
    expected: `a ${service} ARN or ""`,
    allowEmpty: true,
    examples: { valid: [example], invalid: [`arn:aws:${service}:us-east-1:123:x`] },
  });

/** The program's component names: the start of every child's URN and of the physical names. */
export const COMPONENT_NAMES = {
  apiCallMetrics: "api-calls",
  pipeline: "access-logs",
  analytics: "usage-analytics",
  dashboard: "usage",
  link: "monitoring-link",
  sink: "org-view",
} as const;

/** Firehose stream names are at most 64 characters: amazon-apigateway-<pipeline>-<stack> must fit. */
export const MAX_SCOPED_STACK_NAME = 64 - "amazon-apigateway-".length - COMPONENT_NAMES.pipeline.length - 1;

/** Settings the program itself reads (not bound to one component field), typed. */
export const PROGRAM_SETTINGS = {
  role: setting(
    enumKind(["source", "monitoring"] as const),
    "source" as "source" | "monitoring",
    "source: an account whose APIs are watched; monitoring: the central account with the OAM sink and the cross-account dashboard.",
  ),
  logRetentionDays: setting(logRetentionKind, 30, "Retention of every log group this stack creates, in days (a value CloudWatch Logs accepts, at least a week)."),
  kmsKeyArn: unsetWhenEmpty(arn("kms", "arn:aws:kms:us-east-1:123456789012:key/k"), "A customer-managed KMS key for buckets, logs, queues and function environments; empty uses AWS-managed encryption."),
  lambdaRuntime: setting<LambdaRuntime>(lambdaRuntimeKind, "nodejs24.x", "Lambda runtime of every function."),
  lambdaArchitecture: setting<LambdaArchitecture>(lambdaArchitectureKind, "arm64", "Lambda architecture of every function."),
  apiCallMetricsEnabled: setting(booleanKind(), true, "Deploy the CloudTrail trail and the api-call-counter function."),
  quicksightEnabled: setting(booleanKind(), false, "Deploy the QuickSight data source, dataset, analysis and dashboard."),
  dashboardEnabled: setting(booleanKind(), true, "Deploy the unified CloudWatch dashboard, its widgets and alarms."),
  protectData: setting(
    booleanKind(),
    true,
    "Protect the stateful resources (data-lake and trail buckets, KMS keys, Glue database and table, the trail, access-log groups) with protect and retainOnDelete. Set false only for throw-away stacks: then `pulumi destroy` deletes them and their data.",
  ),
  stackScopedNames: setting(
    booleanKind(),
    true,
    "Put the stack name in every explicit physical name (Firehose stream, access-log groups, dashboard, alarms, QuickSight ids), so dev, staging and prod can share an account and Region. Set false on stacks deployed before this setting existed: changing it renames, and so replaces, those resources (protected log groups refuse).",
  ),
  dashboardAlarmTopicArn: unsetWhenEmpty(arn("sns", "arn:aws:sns:us-east-1:123456789012:alarms"), "SNS topic notified on ALARM and OK; empty keeps alarms on the dashboard only."),
  monitoringStack: unsetWhenEmpty(
    stringKind({
      pattern: /^([\w.-]+\/[\w.-]+\/)?[\w.-]+$/,
      expected: 'a stack of this project ("monitoring"), a fully qualified stack name "org/project/stack", or ""',
      allowEmpty: true,
      examples: { valid: ["monitoring", "acme/api-usage-insights/monitoring"], invalid: ["acme/monitoring"] },
    }),
    "role source: the monitoring stack whose sink for this stack's Region this account links to; a bare stack name is looked up in this project and organization.",
  ),
  monitoringRegions: setting(
    arrayKind(regionKind, { unique: true }),
    [] as string[],
    "role monitoring: Regions served besides aws:region, one OAM sink and cross-account dashboard each (a source links only to a sink in its own Region).",
  ),
  monitoringSinkArn: unsetWhenEmpty(arn("oam", "arn:aws:oam:us-east-1:123456789012:sink/s"), "role source: link to this sink directly instead of reading it from monitoringStack."),
} as const;

/** Settings bound to a component field, derived from its schema. */
export const BOUND_SETTINGS: Readonly<Record<string, Setting<unknown>>> = Object.fromEntries(
  BINDINGS.flatMap((binding) =>
    Object.keys(binding.keys)
      .filter((key) => !(key in PROGRAM_SETTINGS))
      .map((key) => [key, fromBinding(binding as unknown as Binding<Spec>, key)]),
  ),
);

export const SETTINGS: typeof PROGRAM_SETTINGS & Readonly<Record<string, Setting<unknown>>> = { ...PROGRAM_SETTINGS, ...BOUND_SETTINGS };

export type SettingName = keyof typeof SETTINGS;

/** The program's own settings, typed; "" already turned into undefined where it means unset. */
export type ProgramSettings = {
  -readonly [K in keyof typeof PROGRAM_SETTINGS]: (typeof PROGRAM_SETTINGS)[K] extends { emptyMeansUnset: true }
    ? string | undefined
    : (typeof PROGRAM_SETTINGS)[K] extends Setting<infer T>
      ? T
      : never;
};

/** A component's args from decoded setting values: each bound key's value at its field path. */
export function argsFor<S extends Spec>(binding: Binding<S>, values: Readonly<Record<string, unknown>>): ArgsOf<S> {
  let args: Record<string, unknown> = {};
  for (const [key, path] of Object.entries(binding.keys)) {
    if (values[key] !== undefined) args = withValueAt(args, path, values[key]);
  }
  return args as ArgsOf<S>;
}

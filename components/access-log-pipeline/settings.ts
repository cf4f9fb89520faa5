/**
 * The pipeline's arguments merged over ACCESS_LOG_PIPELINE_DEFAULTS and checked before any
 * resource is declared: a bad value throws an Error naming the argument, the value and what was
 * expected.
 */
import * as pulumi from "@pulumi/pulumi";
import { IP_ADDRESS_MODES, USER_SOURCES, type IpAddressMode, type UserSource } from "../../functions/access-log-enricher/config";
import { API_TYPES, type ApiType } from "../../functions/access-log-enricher/log-fields";
import { LOG_RETENTION_DAYS } from "../shared/config/settings";
import { ACCESS_LOG_PIPELINE_DEFAULTS, FIREHOSE_LIMITS, type DataFormat } from "./defaults";
import { checkProjectionStartDate } from "./glue-schema";

export const DELIVERIES = ["firehose", "cloudwatch"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface AccessLogApi {
  /** Short unique name: the key of the per-API outputs and part of the log group name. */
  name: string;
  type: ApiType;
  apiId: pulumi.Input<string>;
  stage: string;
  /** REST: firehose (default) or cloudwatch; HTTP and WebSocket: cloudwatch only (the default). */
  delivery?: Delivery;
}

export interface ResolvedApi {
  name: string;
  type: ApiType;
  apiId: pulumi.Input<string>;
  stage: string;
  delivery: Delivery;
  /** Only for delivery "cloudwatch". */
  logGroupName?: string;
}

export interface PipelineSettingsArgs {
  apis?: AccessLogApi[];
  bufferHints?: { sizeMiB?: number; intervalSeconds?: number };
  processorBuffer?: { sizeMb?: number; intervalSeconds?: number };
  format?: DataFormat;
  hourlyPartitions?: boolean;
  ipHandling?: IpAddressMode;
  userIdOrder?: UserSource[];
  usagePlanLookup?: boolean;
  usagePlanCacheTtlSeconds?: number;
  dataLake?: { transitionDays?: number; expirationDays?: number };
  athena?: { bytesScannedCutoffMiB?: number; resultsExpirationDays?: number };
  glue?: { databaseName?: string; tableName?: string; projectionStartDate?: string };
  crawler?: { enabled?: boolean; schedule?: string };
  logRetentionDays?: number;
}

export type PipelineSettings = ReturnType<typeof resolveSettings>;

const D = ACCESS_LOG_PIPELINE_DEFAULTS;
const L = FIREHOSE_LIMITS;

/** Defaults applied and every value checked; throws on the first bad one. */
export function resolveSettings(component: string, args: PipelineSettingsArgs) {
  const fail = (key: string, value: unknown, expected: string): never => {
    throw new Error(`AccessLogPipeline ${component}: ${key} is ${JSON.stringify(value)}; expected ${expected}`);
  };
  const integer = (key: string, value: number, min: number, max: number, unit = ""): number => {
    if (!Number.isInteger(value) || value < min || value > max) fail(key, value, `an integer from ${min} to ${max}${unit}`);
    return value;
  };

  const format = args.format ?? D.format;
  if (format !== "parquet" && format !== "json") fail("format", format, '"parquet" or "json"');

  const bufferSizeMiB = args.bufferHints?.sizeMiB ?? D.bufferSizeMiB;
  if (!Number.isInteger(bufferSizeMiB) || bufferSizeMiB < L.minBufferSizeMiB || bufferSizeMiB > L.maxBufferSizeMiB) {
    fail(
      "bufferHints.sizeMiB",
      bufferSizeMiB,
      `an integer from ${L.minBufferSizeMiB} to ${L.maxBufferSizeMiB} MiB: Firehose needs at least ${L.minBufferSizeMiB} MiB with dynamic partitioning (always on here)` +
        (format === "parquet" ? " and with Parquet conversion" : ""),
    );
  }
  const bufferIntervalSeconds = integer(
    "bufferHints.intervalSeconds",
    args.bufferHints?.intervalSeconds ?? D.bufferIntervalSeconds,
    L.minBufferIntervalSeconds,
    L.maxBufferIntervalSeconds,
    " seconds (dynamic partitioning needs at least 60)",
  );

  const processorBufferSizeMb = args.processorBuffer?.sizeMb ?? D.processorBufferSizeMb;
  if (!Number.isFinite(processorBufferSizeMb) || processorBufferSizeMb < L.minProcessorBufferSizeMb || processorBufferSizeMb > L.maxProcessorBufferSizeMb) {
    fail(
      "processorBuffer.sizeMb",
      processorBufferSizeMb,
      `${L.minProcessorBufferSizeMb} to ${L.maxProcessorBufferSizeMb} MB (the enricher's response is ≈1.3× its input and Lambda returns at most 6 MB; 1 MB is safest)`,
    );
  }
  const processorBufferIntervalSeconds = integer(
    "processorBuffer.intervalSeconds",
    args.processorBuffer?.intervalSeconds ?? D.processorBufferIntervalSeconds,
    L.minProcessorBufferIntervalSeconds,
    L.maxProcessorBufferIntervalSeconds,
    " seconds",
  );

  const ipHandling = args.ipHandling ?? D.ipHandling;
  if (!IP_ADDRESS_MODES.includes(ipHandling)) fail("ipHandling", ipHandling, `one of ${IP_ADDRESS_MODES.join(", ")}`);

  const userIdOrder = args.userIdOrder ?? D.userIdOrder;
  if (userIdOrder.length === 0 || new Set(userIdOrder).size !== userIdOrder.length || userIdOrder.some((s) => !USER_SOURCES.includes(s))) {
    fail("userIdOrder", userIdOrder, `a non-empty list of distinct sources from ${USER_SOURCES.join(", ")}`);
  }

  const usagePlanCacheTtlSeconds = integer("usagePlanCacheTtlSeconds", args.usagePlanCacheTtlSeconds ?? D.usagePlanCacheTtlSeconds, 1, 86_400, " seconds");

  const transitionDays = integer("dataLake.transitionDays", args.dataLake?.transitionDays ?? D.transitionDays, 0, 36_500);
  if (transitionDays > 0 && transitionDays < 30) fail("dataLake.transitionDays", transitionDays, "0 (never) or at least 30: S3 moves objects to Standard-IA after 30 days at the earliest");
  const expirationDays = integer("dataLake.expirationDays", args.dataLake?.expirationDays ?? D.expirationDays, 0, 36_500);
  if (expirationDays > 0 && transitionDays > 0 && expirationDays <= transitionDays) {
    fail("dataLake.expirationDays", expirationDays, `0 (never) or more than dataLake.transitionDays (${transitionDays})`);
  }

  const bytesScannedCutoffMiB = integer("athena.bytesScannedCutoffMiB", args.athena?.bytesScannedCutoffMiB ?? D.athenaBytesScannedCutoffMiB, 10, 1_048_576_000, " MiB (Athena's minimum is 10 MB)");
  const resultsExpirationDays = integer("athena.resultsExpirationDays", args.athena?.resultsExpirationDays ?? D.athenaResultsExpirationDays, 1, 3650);

  const projectionStartDate = args.glue?.projectionStartDate ?? D.projectionStartDate;
  try {
    checkProjectionStartDate(projectionStartDate);
  } catch {
    fail("glue.projectionStartDate", projectionStartDate, "a date as yyyy-MM-dd");
  }
  const databaseName = args.glue?.databaseName;
  const tableName = args.glue?.tableName ?? D.tableName;
  for (const [key, value] of [["glue.databaseName", databaseName], ["glue.tableName", tableName]] as const) {
    if (value !== undefined && !/^[a-z][a-z0-9_]{0,254}$/.test(value)) fail(key, value, "a Glue name: lower-case letters, digits and _, starting with a letter");
  }

  const logRetentionDays = args.logRetentionDays ?? D.logRetentionDays;
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) fail("logRetentionDays", logRetentionDays, `one of ${LOG_RETENTION_DAYS.join(", ")}`);

  const crawlerSchedule = args.crawler?.schedule ?? D.crawlerSchedule;
  if (!/^cron\(.+\)$/.test(crawlerSchedule)) fail("crawler.schedule", crawlerSchedule, 'a Glue schedule such as "cron(0 1 * * ? *)"');

  return {
    apis: resolveApis(args.apis ?? [], fail),
    format,
    bufferSizeMiB,
    bufferIntervalSeconds,
    processorBufferSizeMb,
    processorBufferIntervalSeconds,
    hourlyPartitions: args.hourlyPartitions ?? D.hourlyPartitions,
    ipHandling,
    userIdOrder,
    usagePlanLookup: args.usagePlanLookup ?? D.usagePlanLookup,
    usagePlanCacheTtlSeconds,
    transitionDays,
    expirationDays,
    bytesScannedCutoffMiB,
    resultsExpirationDays,
    projectionStartDate,
    databaseName,
    tableName,
    crawlerEnabled: args.crawler?.enabled ?? false,
    crawlerSchedule,
    logRetentionDays,
  };
}

function resolveApis(apis: AccessLogApi[], fail: (key: string, value: unknown, expected: string) => never): ResolvedApi[] {
  const seen = new Set<string>();
  return apis.map((api, i) => {
    const at = `apis[${i}]`;
    if (typeof api.name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(api.name)) {
      fail(`${at}.name`, api.name, "a name of letters, digits, _, . and - (at most 64)");
    }
    if (seen.has(api.name)) fail(`${at}.name`, api.name, "a name no other API uses (list one stage per entry, each with its own name)");
    seen.add(api.name);
    if (!API_TYPES.includes(api.type)) fail(`${at}.type`, api.type, `one of ${API_TYPES.join(", ")}`);
    if (typeof api.stage !== "string" || !/^\$?[A-Za-z0-9_-]{1,128}$/.test(api.stage)) fail(`${at}.stage`, api.stage, "a stage name (letters, digits, _, -; $default)");
    const delivery = api.delivery ?? (api.type === "REST" ? "firehose" : "cloudwatch");
    if (!DELIVERIES.includes(delivery)) fail(`${at}.delivery`, delivery, `one of ${DELIVERIES.join(", ")}`);
    if (delivery === "firehose" && api.type !== "REST") {
      fail(`${at}.delivery`, delivery, `"cloudwatch": ${api.type} APIs write access logs to CloudWatch Logs only`);
    }
    return {
      name: api.name,
      type: api.type,
      apiId: api.apiId,
      stage: api.stage,
      delivery,
      ...(delivery === "cloudwatch" ? { logGroupName: accessLogGroupName(api.name, api.stage) } : {}),
    };
  });
}

/** `/aws/apigateway/<api>/<stage>`; HTTP's `$default` stage becomes `default` (log group names cannot hold `$`). */
export function accessLogGroupName(apiName: string, stage: string): string {
  return `/aws/apigateway/${apiName}/${stage.replace(/^\$/, "")}`;
}

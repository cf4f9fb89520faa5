import * as pulumi from "@pulumi/pulumi";
import * as aws from "../shared/aws";
import { ENRICHER_ENVIRONMENT, ENRICHER_FAILURE_DEFAULTS, ENRICHER_PERMISSIONS } from "../../contracts/functions/access-log-enricher";
import { arnOf, placeOf, type DeployedPlace } from "../shared/arns";
import { BundledFunction, LambdaArchitecture, LambdaRuntime } from "../shared/bundled-function";
import { assumeRolePolicy, policyDocument, statementsFor, toJson } from "../shared/iam";
import { secureLogGroup } from "../shared/log-group";
import { SecureBucket } from "../shared/secure-bucket";
import { buildAccessLogFormat } from "./access-log-format";
import { ACCESS_LOG_PIPELINE_DEFAULTS } from "./defaults";
import {
  crawlerStatements,
  enricherSlots,
  firehoseRoleStatements,
  glueTableArns,
  logsToFirehoseStatements,
  logsToFirehoseTrust,
} from "./documents";
import { DATA_PREFIX, REQUEST_TIME_FORMAT, glueName, partitionKeys, partitionProjectionParameters, storageFormat, tableColumns } from "./glue-schema";
import { namedQueries } from "./named-queries";
import { AccessLogApi, PipelineSettings, PipelineSettingsArgs, resolveSettings } from "./settings";

export { ACCESS_LOG_PIPELINE_DEFAULTS } from "./defaults";
export { PIPELINE_SCHEMA } from "./settings";
export type { AccessLogApi, DataFormat, Delivery } from "./settings";

export interface AccessLogPipelineArgs extends Omit<PipelineSettingsArgs, "apis"> {
  /** The API stages to watch; apiId may be an Output of an API declared in the same program. */
  apis?: Array<AccessLogApi & { apiId: pulumi.Input<string> }>;
  /** Customer-managed key for the stream, buckets, log groups, Athena results and the enricher's environment. */
  kmsKeyArn?: pulumi.Input<string>;
  runtime?: LambdaRuntime;
  architecture?: LambdaArchitecture;
  /** protect + retainOnDelete on the data lake, the Glue database and table and the access-log groups (default true). */
  protectData?: boolean;
  /**
   * Added to the explicit physical names (the stream amazon-apigateway-<name>-<scope>, the access-log
   * groups /aws/apigateway/<scope>/<api>/<stage>), so several stacks can share an account and Region;
   * the program passes the stack name. Unset keeps the names of stacks deployed before it existed.
   */
  nameScope?: string;
}

/** What an app stack puts in its stage's access-log settings. */
export interface AccessLogSettings {
  apiId: string;
  stage: string;
  destinationArn: string;
  format: string;
}

/** Firehose requires this prefix on streams that REST stages log to. */
export const API_GATEWAY_STREAM_PREFIX = "amazon-apigateway-";
const ERROR_LOG_STREAM = "DestinationDelivery";
const CLOUDWATCH_ERROR_LOG_STREAM = "CloudWatchLogsDestinationDelivery";

/**
 * The stream of the CloudWatch Logs path. It keeps "apigateway" as a word of its name (the fleet
 * view searches the streams by it) and is never longer than the REST stream's name.
 */
export function cloudWatchStreamName(name: string, nameScope?: string): string {
  return `apigateway-${name}-cwlogs${nameScope ? `-${nameScope}` : ""}`;
}

/** The stream REST stages log to: API Gateway requires the prefix, Firehose at most 64 characters. */
function restStreamName(name: string, nameScope: string | undefined): string {
  const streamName = `${API_GATEWAY_STREAM_PREFIX}${name}${nameScope ? `-${nameScope}` : ""}`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(streamName)) {
    throw new Error(`AccessLogPipeline ${name}: the stream name ${JSON.stringify(streamName)} is not a valid Firehose name; expected a component name and name scope of letters, digits, _, . and - making at most 64 characters with the prefix`);
  }
  return streamName;
}

/** Per API, the destination (its log group, else the REST stream) and the format its stage must use. */
function accessLogSettingsOf(
  apis: PipelineSettings["apis"],
  groups: ReadonlyArray<{ api: string; group: aws.cloudwatch.LogGroup }>,
  stream: aws.kinesis.FirehoseDeliveryStream,
): pulumi.Output<Record<string, AccessLogSettings>> {
  const groupArnOf = new Map(groups.map((g) => [g.api, g.group.arn]));
  return pulumi.output(
    Object.fromEntries(
      apis.map((api) => [
        api.name,
        { apiId: api.apiId as pulumi.Input<string>, stage: api.stage, destinationArn: groupArnOf.get(api.name) ?? stream.arn, format: buildAccessLogFormat(api.type) },
      ]),
    ),
  );
}

/**
 * API Gateway access logs → Firehose (enriched by the access-log-enricher, partitioned by request
 * date, Parquet or GZIP JSON) → S3 data lake → Glue table with partition projection → Athena
 * workgroup with named queries. REST stages log to the stream directly; HTTP, WebSocket and REST
 * stages that choose CloudWatch Logs get a log group subscribed to a second stream that
 * decompresses the envelopes before the same enricher, into the same data lake and table.
 */
export class AccessLogPipeline extends pulumi.ComponentResource {
  readonly restAccessLogDestinationArn: pulumi.Output<string>;
  readonly restAccessLogFormat: string;
  readonly httpAccessLogFormat: string;
  readonly webSocketAccessLogFormat: string;
  /** API name → access-log group ARN, for every API delivered through CloudWatch Logs (any type). */
  readonly accessLogGroupArns: pulumi.Output<Record<string, string>>;
  readonly accessLogGroupNames: pulumi.Output<Record<string, string>>;
  /** @deprecated the same as accessLogGroupArns (it was never HTTP-only); removed in the next release. */
  readonly httpAccessLogGroupArns: pulumi.Output<Record<string, string>>;
  /** @deprecated the same as accessLogGroupNames. */
  readonly httpAccessLogGroupNames: pulumi.Output<Record<string, string>>;
  /** API name → the destination and format its stage must use. */
  readonly accessLogSettings: pulumi.Output<Record<string, AccessLogSettings>>;
  readonly dataLakeBucket: pulumi.Output<string>;
  readonly dataLakeBucketArn: pulumi.Output<string>;
  readonly glueDatabase: pulumi.Output<string>;
  readonly glueTable: pulumi.Output<string>;
  readonly athenaWorkgroup: pulumi.Output<string>;
  readonly athenaResultsBucketArn: pulumi.Output<string>;
  readonly firehoseStreamName: pulumi.Output<string>;
  /** The stream the access-log groups are subscribed to (Firehose decompresses their envelopes); only with a CloudWatch-delivered API. */
  readonly cloudWatchLogsStreamName: pulumi.Output<string> | undefined;
  readonly enricherFunctionName: pulumi.Output<string>;
  readonly enricherLogGroupName: pulumi.Output<string>;

  /** Options of the children that hold data: protect and retainOnDelete unless protectData is false. */
  private readonly keep: { protect: boolean; retainOnDelete: boolean };

  constructor(name: string, args: AccessLogPipelineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:access-log-pipeline:AccessLogPipeline", name, {}, opts);
    const { kmsKeyArn: _key, runtime: _runtime, architecture: _architecture, protectData = true, nameScope, ...settingArgs } = args;
    const settings = resolveSettings(name, settingArgs as PipelineSettingsArgs, nameScope);
    this.keep = { protect: protectData, retainOnDelete: protectData };
    const streamName = restStreamName(name, nameScope);
    const kmsKeyArn = args.kmsKeyArn || undefined;
    const account = placeOf({ parent: this });

    // In order: where the data lands, what reads it, what writes it, what delivers to the writer, what queries it.
    const buckets = this.createBuckets(name, settings, kmsKeyArn, protectData);
    const catalog = this.createCatalog(name, settings, account, buckets.dataLake.bucketName);
    const enricher = this.createEnricher(name, streamName, settings, account, args, kmsKeyArn);
    const deliveryLogs = this.createDeliveryLogs(name, streamName, settings, kmsKeyArn);
    const firehoseRole = this.createFirehoseRole(name, settings, account, { dataLake: buckets.dataLake, enricher, deliveryLogs, glue: catalog.glue, kmsKeyArn });

    const streamTo = { ...firehoseRole, table: catalog.table, database: catalog.database, dataLakeArn: buckets.dataLake.arn, enricherArn: enricher.arn, errorLogGroup: deliveryLogs.group, account, kmsKeyArn };
    const stream = this.createStream(name, streamName, settings, { ...streamTo, errorLogStream: deliveryLogs.stream, decompress: false });
    // CloudWatch Logs delivers gzipped envelopes that inflate about tenfold: Firehose decompresses them
    // before the enricher on a stream of their own (decompression may not see REST's direct records),
    // so the enricher's batch and its 6 MB response are sized on the log events themselves.
    const cloudWatchStream = deliveryLogs.cloudWatchStream
      ? this.createStream(`${name}-cloudwatch`, cloudWatchStreamName(name, nameScope), settings, { ...streamTo, errorLogStream: deliveryLogs.cloudWatchStream, decompress: true })
      : undefined;
    const groups = cloudWatchStream ? this.subscribeCloudWatchApis(name, settings, account, cloudWatchStream, kmsKeyArn) : [];

    const workgroup = this.createWorkgroup(name, settings, buckets.results, catalog, kmsKeyArn);
    if (settings.crawlerEnabled) this.createCrawler(name, settings, account, buckets.dataLake.arn, catalog.database, catalog.table, catalog.glue, kmsKeyArn);

    this.restAccessLogDestinationArn = stream.arn;
    this.restAccessLogFormat = buildAccessLogFormat("REST");
    this.httpAccessLogFormat = buildAccessLogFormat("HTTP");
    this.webSocketAccessLogFormat = buildAccessLogFormat("WEBSOCKET");
    this.accessLogGroupArns = pulumi.output(Object.fromEntries(groups.map((g) => [g.api, g.group.arn])));
    this.accessLogGroupNames = pulumi.output(Object.fromEntries(groups.map((g) => [g.api, g.group.name])));
    this.httpAccessLogGroupArns = this.accessLogGroupArns;
    this.httpAccessLogGroupNames = this.accessLogGroupNames;
    this.accessLogSettings = accessLogSettingsOf(settings.apis, groups, stream);
    this.dataLakeBucket = buckets.dataLake.bucketName;
    this.dataLakeBucketArn = buckets.dataLake.arn;
    this.glueDatabase = catalog.database.name;
    this.glueTable = catalog.table.name;
    this.athenaWorkgroup = workgroup.name;
    this.athenaResultsBucketArn = buckets.results.arn;
    this.firehoseStreamName = stream.name;
    this.cloudWatchLogsStreamName = cloudWatchStream?.name;
    this.enricherFunctionName = enricher.functionName;
    this.enricherLogGroupName = enricher.logGroup.name;
    this.registerOutputs({
      restAccessLogDestinationArn: this.restAccessLogDestinationArn,
      restAccessLogFormat: this.restAccessLogFormat,
      httpAccessLogFormat: this.httpAccessLogFormat,
      webSocketAccessLogFormat: this.webSocketAccessLogFormat,
      accessLogGroupArns: this.accessLogGroupArns,
      dataLakeBucket: this.dataLakeBucket,
      glueDatabase: this.glueDatabase,
      glueTable: this.glueTable,
      athenaWorkgroup: this.athenaWorkgroup,
    });
  }

  /** The data lake and the bucket of Athena's query results. */
  private createBuckets(name: string, settings: PipelineSettings, kmsKeyArn: pulumi.Input<string> | undefined, protectData: boolean) {
    const parent = { parent: this };
    const dataLake = new SecureBucket(
      `${name}-data-lake`,
      { kmsKeyArn, transitionToIaDays: settings.transitionDays, expirationDays: settings.expirationDays, protect: protectData },
      parent,
    );
    const results = new SecureBucket(`${name}-athena-results`, { kmsKeyArn, expirationDays: settings.resultsExpirationDays, protect: protectData }, parent);
    return { dataLake, results };
  }

  /** The Glue database and table over the data lake, and the ARNs that grant them. */
  private createCatalog(name: string, settings: PipelineSettings, account: DeployedPlace, bucketName: pulumi.Output<string>) {
    const databaseName = settings.databaseName ?? glueName(`${name}_${pulumi.getStack()}`);
    const database = new aws.glue.CatalogDatabase(
      `${name}-database`,
      { name: databaseName, description: "Enriched API Gateway access logs" },
      { parent: this, ...this.keep },
    );
    const table = this.createTable(name, settings, database, bucketName);
    return { databaseName, database, table, glue: glueTableArns(account, databaseName, settings.tableName) };
  }

  /** The access-log-enricher: Firehose's Lambda processor. */
  private createEnricher(
    name: string,
    streamName: string,
    settings: PipelineSettings,
    account: DeployedPlace,
    args: Pick<AccessLogPipelineArgs, "runtime" | "architecture">,
    kmsKeyArn: pulumi.Input<string> | undefined,
  ): BundledFunction {
    return new BundledFunction(
      `${name}-enricher`,
      {
        bundle: "access-log-enricher",
        description: "Enriches API Gateway access logs for the Firehose stream " + streamName,
        statements: statementsFor(ENRICHER_PERMISSIONS, settings.usagePlanLookup ? enricherSlots(account) : {}),
        environment: ENRICHER_ENVIRONMENT.toEnvironment({
          userIdOrder: settings.userIdOrder,
          ipAddressMode: settings.ipHandling,
          partitionByHour: settings.hourlyPartitions,
          mixedPartitions: settings.mixedPartitions,
          usagePlanLookup: settings.usagePlanLookup,
          usagePlanCacheTtlSeconds: settings.usagePlanCacheTtlSeconds,
          usagePlanKeysConcurrency: settings.usagePlanKeysConcurrency,
          ...ENRICHER_FAILURE_DEFAULTS,
        }),
        timeoutSeconds: ACCESS_LOG_PIPELINE_DEFAULTS.enricherTimeoutSeconds,
        memorySizeMb: ACCESS_LOG_PIPELINE_DEFAULTS.enricherMemorySizeMb,
        runtime: args.runtime,
        architecture: args.architecture,
        logRetentionDays: settings.logRetentionDays,
        kmsKeyArn,
      },
      { parent: this },
    );
  }

  /** Where Firehose reports failed deliveries: one group, a stream per delivery stream (the CloudWatch one only when an API uses it). */
  private createDeliveryLogs(name: string, streamName: string, settings: PipelineSettings, kmsKeyArn: pulumi.Input<string> | undefined) {
    const parent = { parent: this };
    const group = secureLogGroup(
      `${name}-delivery-errors`,
      { logGroupName: `/aws/kinesisfirehose/${streamName}`, retentionInDays: settings.logRetentionDays, kmsKeyArn },
      parent,
    );
    const stream = new aws.cloudwatch.LogStream(`${name}-delivery-errors`, { logGroupName: group.name, name: ERROR_LOG_STREAM }, parent);
    const viaCloudWatch = settings.apis.some((api) => api.delivery === "cloudwatch");
    const cloudWatchStream = viaCloudWatch
      ? new aws.cloudwatch.LogStream(`${name}-cloudwatch-delivery-errors`, { logGroupName: group.name, name: CLOUDWATCH_ERROR_LOG_STREAM }, parent)
      : undefined;
    return { group, stream, cloudWatchStream };
  }

  /** The role both delivery streams write with: the data lake, the enricher, their error logs, the table's schema. */
  private createFirehoseRole(
    name: string,
    settings: PipelineSettings,
    account: DeployedPlace,
    to: {
      dataLake: SecureBucket;
      enricher: BundledFunction;
      deliveryLogs: ReturnType<AccessLogPipeline["createDeliveryLogs"]>;
      glue: ReturnType<typeof glueTableArns>;
      kmsKeyArn: pulumi.Input<string> | undefined;
    },
  ): { role: aws.iam.Role; rolePolicy: aws.iam.RolePolicy } {
    const parent = { parent: this };
    const role = new aws.iam.Role(`${name}-firehose`, { assumeRolePolicy: toJson(assumeRolePolicy("firehose.amazonaws.com", account.accountId)) }, parent);
    const { group, stream, cloudWatchStream } = to.deliveryLogs;
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-firehose`,
      {
        role: role.id,
        policy: toJson(
          policyDocument(
            firehoseRoleStatements({
              bucketArn: to.dataLake.arn,
              functionArn: to.enricher.arn,
              errorLogGroupArn: arnOf.logGroup(account, group.name),
              errorLogStreamNames: [stream.name, ...(cloudWatchStream ? [cloudWatchStream.name] : [])],
              glue: settings.format === "parquet" ? to.glue : undefined,
              kmsKeyArn: to.kmsKeyArn,
              region: account.region,
            }),
          ),
        ),
      },
      parent,
    );
    return { role, rolePolicy };
  }

  /** The Athena workgroup over the data lake, with the named queries. */
  private createWorkgroup(
    name: string,
    settings: PipelineSettings,
    results: SecureBucket,
    catalog: ReturnType<AccessLogPipeline["createCatalog"]>,
    kmsKeyArn: pulumi.Input<string> | undefined,
  ): aws.athena.Workgroup {
    const workgroup = new aws.athena.Workgroup(
      `${name}-workgroup`,
      {
        name: `${name}-${pulumi.getStack()}`,
        description: "Queries over the enriched API Gateway access logs",
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: settings.bytesScannedCutoffMiB * 1024 * 1024,
          engineVersion: { selectedEngineVersion: "AUTO" },
          resultConfiguration: {
            outputLocation: pulumi.interpolate`s3://${results.bucketName}/results/`,
            encryptionConfiguration: kmsKeyArn ? { encryptionOption: "SSE_KMS", kmsKeyArn } : { encryptionOption: "SSE_S3" },
          },
        },
      },
      { parent: this },
    );
    for (const q of namedQueries(catalog.databaseName, settings.tableName)) {
      new aws.athena.NamedQuery(
        `${name}-${q.key}`,
        { name: q.key, description: q.description, database: catalog.database.name, workgroup: workgroup.name, query: q.query },
        { parent: this, dependsOn: [catalog.table] },
      );
    }
    return workgroup;
  }

  /** A delivery stream into the data lake through the enricher; `decompress` for CloudWatch Logs envelopes. */
  private createStream(
    name: string,
    streamName: string,
    settings: PipelineSettings,
    to: {
      role: aws.iam.Role;
      rolePolicy: aws.iam.RolePolicy;
      table: aws.glue.CatalogTable;
      database: aws.glue.CatalogDatabase;
      dataLakeArn: pulumi.Output<string>;
      enricherArn: pulumi.Output<string>;
      errorLogGroup: aws.cloudwatch.LogGroup;
      errorLogStream: aws.cloudwatch.LogStream;
      account: { accountId: pulumi.Input<string>; region: pulumi.Input<string> };
      kmsKeyArn: pulumi.Input<string> | undefined;
      decompress: boolean;
    },
  ): aws.kinesis.FirehoseDeliveryStream {
    const enrich = {
      type: "Lambda",
      parameters: [
        { parameterName: "LambdaArn", parameterValue: to.enricherArn },
        { parameterName: "BufferSizeInMBs", parameterValue: String(settings.processorBufferSizeMb) },
        { parameterName: "BufferIntervalInSeconds", parameterValue: String(settings.processorBufferIntervalSeconds) },
      ],
    };
    const decompress = { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] };
    return new aws.kinesis.FirehoseDeliveryStream(
      name,
      {
        name: streamName,
        destination: "extended_s3",
        serverSideEncryption: to.kmsKeyArn ? { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: to.kmsKeyArn } : { enabled: true, keyType: "AWS_OWNED_CMK" },
        extendedS3Configuration: {
          roleArn: to.role.arn,
          bucketArn: to.dataLakeArn,
          bufferingSize: settings.bufferSizeMiB,
          bufferingInterval: settings.bufferIntervalSeconds,
          prefix: firehosePrefix(settings.hourlyPartitions),
          errorOutputPrefix: FIREHOSE_ERROR_PREFIX,
          compressionFormat: settings.format === "json" ? "GZIP" : "UNCOMPRESSED",
          dynamicPartitioningConfiguration: { enabled: true },
          processingConfiguration: { enabled: true, processors: to.decompress ? [decompress, enrich] : [enrich] },
          dataFormatConversionConfiguration:
            settings.format === "parquet"
              ? {
                  enabled: true,
                  inputFormatConfiguration: { deserializer: { hiveJsonSerDe: { timestampFormats: [REQUEST_TIME_FORMAT] } } },
                  outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
                  schemaConfiguration: {
                    catalogId: to.account.accountId,
                    databaseName: to.database.name,
                    tableName: to.table.name,
                    region: to.account.region,
                    roleArn: to.role.arn,
                  },
                }
              : undefined,
          cloudwatchLoggingOptions: { enabled: true, logGroupName: to.errorLogGroup.name, logStreamName: to.errorLogStream.name },
        },
      },
      // Firehose checks its role (S3, Lambda, Glue) when the stream is created.
      { parent: this, dependsOn: [to.rolePolicy, to.table] },
    );
  }

  private createTable(name: string, settings: PipelineSettings, database: aws.glue.CatalogDatabase, bucketName: pulumi.Output<string>): aws.glue.CatalogTable {
    const fmt = storageFormat(settings.format);
    return new aws.glue.CatalogTable(
      `${name}-table`,
      {
        name: settings.tableName,
        databaseName: database.name,
        description: "API Gateway access logs as written by the access-log-enricher",
        tableType: "EXTERNAL_TABLE",
        parameters: bucketName.apply((bucket) => ({
          EXTERNAL: "TRUE",
          ...fmt.tableParameters,
          ...partitionProjectionParameters(bucket, settings.hourlyPartitions, settings.projectionStartDate),
        })),
        partitionKeys: partitionKeys(settings.hourlyPartitions),
        storageDescriptor: {
          location: pulumi.interpolate`s3://${bucketName}/${DATA_PREFIX}`,
          inputFormat: fmt.inputFormat,
          outputFormat: fmt.outputFormat,
          compressed: settings.format === "json",
          serDeInfo: { name: settings.format, serializationLibrary: fmt.serializationLibrary, parameters: fmt.serDeParameters },
          columns: tableColumns(),
        },
      },
      { parent: this, ...this.keep },
    );
  }

  /** A log group per CloudWatch-delivered API, each subscribed to the stream through one shared role. */
  private subscribeCloudWatchApis(
    name: string,
    settings: PipelineSettings,
    account: Parameters<typeof logsToFirehoseTrust>[0],
    stream: aws.kinesis.FirehoseDeliveryStream,
    kmsKeyArn: pulumi.Input<string> | undefined,
  ): Array<{ api: string; group: aws.cloudwatch.LogGroup }> {
    const apis = settings.apis.filter((api) => api.delivery === "cloudwatch");
    if (apis.length === 0) return [];
    const parent = { parent: this };
    const role = new aws.iam.Role(`${name}-logs-to-firehose`, { assumeRolePolicy: toJson(logsToFirehoseTrust(account)) }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-logs-to-firehose`,
      { role: role.id, policy: toJson(policyDocument(logsToFirehoseStatements(arnOf.deliveryStream(account, stream.name)))) },
      parent,
    );
    return apis.map((api) => {
      const group = secureLogGroup(`${name}-${api.name}-access-logs`, { logGroupName: api.logGroupName, retentionInDays: settings.logRetentionDays, kmsKeyArn }, { ...parent, ...this.keep });
      new aws.cloudwatch.LogSubscriptionFilter(
        `${name}-${api.name}-to-firehose`,
        { name: "access-logs-to-firehose", logGroup: group.name, filterPattern: "", destinationArn: stream.arn, roleArn: role.arn },
        // CloudWatch Logs tests delivery when the filter is created: the role must already allow it.
        { parent: this, dependsOn: [rolePolicy] },
      );
      return { api: api.name, group };
    });
  }

  private createCrawler(
    name: string,
    settings: PipelineSettings,
    account: Parameters<typeof crawlerStatements>[0],
    bucketArn: pulumi.Output<string>,
    database: aws.glue.CatalogDatabase,
    table: aws.glue.CatalogTable,
    glue: ReturnType<typeof glueTableArns>,
    kmsKeyArn: pulumi.Input<string> | undefined,
  ): void {
    const parent = { parent: this };
    const role = new aws.iam.Role(`${name}-crawler`, { assumeRolePolicy: toJson(assumeRolePolicy("glue.amazonaws.com", account.accountId)) }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-crawler`,
      { role: role.id, policy: toJson(policyDocument(crawlerStatements(account, bucketArn, glue, kmsKeyArn))) },
      parent,
    );
    new aws.glue.Crawler(
      `${name}-crawler`,
      {
        description: "Adds partitions to the access-log table for engines without partition projection",
        role: role.arn,
        databaseName: database.name,
        catalogTargets: [{ databaseName: database.name, tables: [table.name] }],
        schedule: settings.crawlerSchedule,
        // Catalog targets only add partitions; they never change or delete the table.
        schemaChangePolicy: { updateBehavior: "LOG", deleteBehavior: "LOG" },
        configuration: JSON.stringify({ Version: 1.0, CrawlerOutput: { Partitions: { AddOrUpdateBehavior: "InheritFromTable" } } }),
      },
      { parent: this, dependsOn: [rolePolicy] },
    );
  }
}

/** Objects land under the request's UTC date (and hour) that the enricher returns as partition keys. */
export function firehosePrefix(hourly: boolean): string {
  return `${DATA_PREFIX}dt=!{partitionKeyFromLambda:dt}/${hourly ? "hour=!{partitionKeyFromLambda:hour}/" : ""}`;
}

/** Failed records by failure type and arrival day; `yyyy` is the calendar year (`YYYY` would be the week-based one). */
export const FIREHOSE_ERROR_PREFIX = "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/";

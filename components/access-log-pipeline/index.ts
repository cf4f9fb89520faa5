import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ENRICHER_ENVIRONMENT, ENRICHER_FAILURE_DEFAULTS, ENRICHER_PERMISSIONS } from "../../contracts/functions/access-log-enricher";
import { arnOf } from "../shared/arns";
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
    const s = resolveSettings(name, settingArgs as PipelineSettingsArgs, nameScope);
    this.keep = { protect: protectData, retainOnDelete: protectData };
    const streamName = `${API_GATEWAY_STREAM_PREFIX}${name}${nameScope ? `-${nameScope}` : ""}`;
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(streamName)) {
      throw new Error(`AccessLogPipeline ${name}: the stream name ${JSON.stringify(streamName)} is not a valid Firehose name; expected a component name and name scope of letters, digits, _, . and - making at most 64 characters with the prefix`);
    }
    const parent = { parent: this };
    const kmsKeyArn = args.kmsKeyArn || undefined;
    const account = {
      accountId: aws.getCallerIdentityOutput({}, parent).accountId,
      partition: aws.getPartitionOutput({}, parent).partition,
      region: aws.getRegionOutput({}, parent).region,
    };

    const dataLake = new SecureBucket(
      `${name}-data-lake`,
      { kmsKeyArn, transitionToIaDays: s.transitionDays, expirationDays: s.expirationDays, protect: protectData },
      parent,
    );
    const results = new SecureBucket(`${name}-athena-results`, { kmsKeyArn, expirationDays: s.resultsExpirationDays, protect: protectData }, parent);

    const databaseName = s.databaseName ?? glueName(`${name}_${pulumi.getStack()}`);
    const database = new aws.glue.CatalogDatabase(
      `${name}-database`,
      { name: databaseName, description: "Enriched API Gateway access logs" },
      { ...parent, ...this.keep },
    );
    const table = this.createTable(name, s, database, dataLake.bucketName);
    const glue = glueTableArns(account, databaseName, s.tableName);

    const enricher = new BundledFunction(
      `${name}-enricher`,
      {
        bundle: "access-log-enricher",
        description: "Enriches API Gateway access logs for the Firehose stream " + streamName,
        statements: statementsFor(ENRICHER_PERMISSIONS, s.usagePlanLookup ? enricherSlots(account) : {}),
        environment: ENRICHER_ENVIRONMENT.toEnvironment({
          userIdOrder: s.userIdOrder,
          ipAddressMode: s.ipHandling,
          partitionByHour: s.hourlyPartitions,
          mixedPartitions: s.mixedPartitions,
          usagePlanLookup: s.usagePlanLookup,
          usagePlanCacheTtlSeconds: s.usagePlanCacheTtlSeconds,
          usagePlanKeysConcurrency: s.usagePlanKeysConcurrency,
          ...ENRICHER_FAILURE_DEFAULTS,
        }),
        timeoutSeconds: ACCESS_LOG_PIPELINE_DEFAULTS.enricherTimeoutSeconds,
        memorySizeMb: ACCESS_LOG_PIPELINE_DEFAULTS.enricherMemorySizeMb,
        runtime: args.runtime,
        architecture: args.architecture,
        logRetentionDays: s.logRetentionDays,
        kmsKeyArn,
      },
      parent,
    );

    const errorLogGroup = secureLogGroup(
      `${name}-delivery-errors`,
      { logGroupName: `/aws/kinesisfirehose/${streamName}`, retentionInDays: s.logRetentionDays, kmsKeyArn },
      parent,
    );
    const errorLogStream = new aws.cloudwatch.LogStream(`${name}-delivery-errors`, { logGroupName: errorLogGroup.name, name: ERROR_LOG_STREAM }, parent);
    const viaCloudWatch = s.apis.some((api) => api.delivery === "cloudwatch");
    const cloudWatchErrorLogStream = viaCloudWatch
      ? new aws.cloudwatch.LogStream(`${name}-cloudwatch-delivery-errors`, { logGroupName: errorLogGroup.name, name: CLOUDWATCH_ERROR_LOG_STREAM }, parent)
      : undefined;

    const role = new aws.iam.Role(`${name}-firehose`, { assumeRolePolicy: toJson(assumeRolePolicy("firehose.amazonaws.com", account.accountId)) }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-firehose`,
      {
        role: role.id,
        policy: toJson(
          policyDocument(
            firehoseRoleStatements({
              bucketArn: dataLake.arn,
              functionArn: enricher.arn,
              errorLogGroupArn: arnOf.logGroup(account, errorLogGroup.name),
              errorLogStreamNames: [errorLogStream.name, ...(cloudWatchErrorLogStream ? [cloudWatchErrorLogStream.name] : [])],
              glue: s.format === "parquet" ? glue : undefined,
              kmsKeyArn,
              region: account.region,
            }),
          ),
        ),
      },
      parent,
    );

    const streamTo = { role, rolePolicy, table, dataLakeArn: dataLake.arn, enricherArn: enricher.arn, errorLogGroup, database, account, kmsKeyArn };
    const stream = this.createStream(name, streamName, s, { ...streamTo, errorLogStream, decompress: false });
    // CloudWatch Logs delivers gzipped envelopes that inflate about tenfold: Firehose decompresses them
    // before the enricher on a stream of their own (decompression may not see REST's direct records),
    // so the enricher's batch and its 6 MB response are sized on the log events themselves.
    const cloudWatchStream = cloudWatchErrorLogStream
      ? this.createStream(`${name}-cloudwatch`, cloudWatchStreamName(name, nameScope), s, { ...streamTo, errorLogStream: cloudWatchErrorLogStream, decompress: true })
      : undefined;

    const groups = cloudWatchStream ? this.subscribeCloudWatchApis(name, s, account, cloudWatchStream, kmsKeyArn) : [];

    const workgroup = new aws.athena.Workgroup(
      `${name}-workgroup`,
      {
        name: `${name}-${pulumi.getStack()}`,
        description: "Queries over the enriched API Gateway access logs",
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: s.bytesScannedCutoffMiB * 1024 * 1024,
          engineVersion: { selectedEngineVersion: "AUTO" },
          resultConfiguration: {
            outputLocation: pulumi.interpolate`s3://${results.bucketName}/results/`,
            encryptionConfiguration: kmsKeyArn ? { encryptionOption: "SSE_KMS", kmsKeyArn } : { encryptionOption: "SSE_S3" },
          },
        },
      },
      parent,
    );
    for (const q of namedQueries(databaseName, s.tableName)) {
      new aws.athena.NamedQuery(
        `${name}-${q.key}`,
        { name: q.key, description: q.description, database: database.name, workgroup: workgroup.name, query: q.query },
        { parent: this, dependsOn: [table] },
      );
    }

    if (s.crawlerEnabled) this.createCrawler(name, s, account, dataLake.arn, database, table, glue, kmsKeyArn);

    this.restAccessLogDestinationArn = stream.arn;
    this.restAccessLogFormat = buildAccessLogFormat("REST");
    this.httpAccessLogFormat = buildAccessLogFormat("HTTP");
    this.webSocketAccessLogFormat = buildAccessLogFormat("WEBSOCKET");
    this.accessLogGroupArns = pulumi.output(Object.fromEntries(groups.map((g) => [g.api, g.group.arn])));
    this.accessLogGroupNames = pulumi.output(Object.fromEntries(groups.map((g) => [g.api, g.group.name])));
    this.httpAccessLogGroupArns = this.accessLogGroupArns;
    this.httpAccessLogGroupNames = this.accessLogGroupNames;
    const groupArnOf = new Map(groups.map((g) => [g.api, g.group.arn]));
    this.accessLogSettings = pulumi.output(
      Object.fromEntries(
        s.apis.map((api) => [
          api.name,
          { apiId: api.apiId as pulumi.Input<string>, stage: api.stage, destinationArn: groupArnOf.get(api.name) ?? stream.arn, format: buildAccessLogFormat(api.type) },
        ]),
      ),
    );
    this.dataLakeBucket = dataLake.bucketName;
    this.dataLakeBucketArn = dataLake.arn;
    this.glueDatabase = database.name;
    this.glueTable = table.name;
    this.athenaWorkgroup = workgroup.name;
    this.athenaResultsBucketArn = results.arn;
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

  /** A delivery stream into the data lake through the enricher; `decompress` for CloudWatch Logs envelopes. */
  private createStream(
    name: string,
    streamName: string,
    s: PipelineSettings,
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
        { parameterName: "BufferSizeInMBs", parameterValue: String(s.processorBufferSizeMb) },
        { parameterName: "BufferIntervalInSeconds", parameterValue: String(s.processorBufferIntervalSeconds) },
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
          bufferingSize: s.bufferSizeMiB,
          bufferingInterval: s.bufferIntervalSeconds,
          prefix: firehosePrefix(s.hourlyPartitions),
          errorOutputPrefix: FIREHOSE_ERROR_PREFIX,
          compressionFormat: s.format === "json" ? "GZIP" : "UNCOMPRESSED",
          dynamicPartitioningConfiguration: { enabled: true },
          processingConfiguration: { enabled: true, processors: to.decompress ? [decompress, enrich] : [enrich] },
          dataFormatConversionConfiguration:
            s.format === "parquet"
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

  private createTable(name: string, s: PipelineSettings, database: aws.glue.CatalogDatabase, bucketName: pulumi.Output<string>): aws.glue.CatalogTable {
    const fmt = storageFormat(s.format);
    return new aws.glue.CatalogTable(
      `${name}-table`,
      {
        name: s.tableName,
        databaseName: database.name,
        description: "API Gateway access logs as written by the access-log-enricher",
        tableType: "EXTERNAL_TABLE",
        parameters: bucketName.apply((bucket) => ({
          EXTERNAL: "TRUE",
          ...fmt.tableParameters,
          ...partitionProjectionParameters(bucket, s.hourlyPartitions, s.projectionStartDate),
        })),
        partitionKeys: partitionKeys(s.hourlyPartitions),
        storageDescriptor: {
          location: pulumi.interpolate`s3://${bucketName}/${DATA_PREFIX}`,
          inputFormat: fmt.inputFormat,
          outputFormat: fmt.outputFormat,
          compressed: s.format === "json",
          serDeInfo: { name: s.format, serializationLibrary: fmt.serializationLibrary, parameters: fmt.serDeParameters },
          columns: tableColumns(),
        },
      },
      { parent: this, ...this.keep },
    );
  }

  /** A log group per CloudWatch-delivered API, each subscribed to the stream through one shared role. */
  private subscribeCloudWatchApis(
    name: string,
    s: PipelineSettings,
    account: Parameters<typeof logsToFirehoseTrust>[0],
    stream: aws.kinesis.FirehoseDeliveryStream,
    kmsKeyArn: pulumi.Input<string> | undefined,
  ): Array<{ api: string; group: aws.cloudwatch.LogGroup }> {
    const apis = s.apis.filter((api) => api.delivery === "cloudwatch");
    if (apis.length === 0) return [];
    const parent = { parent: this };
    const role = new aws.iam.Role(`${name}-logs-to-firehose`, { assumeRolePolicy: toJson(logsToFirehoseTrust(account)) }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-logs-to-firehose`,
      { role: role.id, policy: toJson(policyDocument(logsToFirehoseStatements(arnOf.deliveryStream(account, stream.name)))) },
      parent,
    );
    return apis.map((api) => {
      const group = secureLogGroup(`${name}-${api.name}-access-logs`, { logGroupName: api.logGroupName, retentionInDays: s.logRetentionDays, kmsKeyArn }, { ...parent, ...this.keep });
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
    s: PipelineSettings,
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
        schedule: s.crawlerSchedule,
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

import * as pulumi from "@pulumi/pulumi";
import { AccessLogPipeline as Pipeline, type AccessLogApi } from "../components/access-log-pipeline";
import { API_TYPES, type ApiType } from "../contracts/api-types";

/** One API stage whose access logs the pipeline receives. */
export interface AccessLogApiInput {
  /** The API's name in dashboards, the data lake and the outputs (letters, digits, - and _). */
  name: string;
  /** REST, HTTP or WEBSOCKET. */
  type: string;
  /** The API's id (REST API id or HTTP/WebSocket API id). */
  apiId: pulumi.Input<string>;
  /** The stage name, e.g. prod or $default. */
  stage: string;
  /** REST only: firehose (default) or cloudwatch; HTTP and WebSocket always deliver through CloudWatch Logs. */
  delivery?: string;
}

/** The access-log pipeline's settings a program in another language gives. */
export interface AccessLogPipelineArgs {
  /** The API stages to watch. */
  apis: AccessLogApiInput[];
  /** A customer-managed KMS key for the stream, buckets, log groups and the enricher's environment. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Retention of the pipeline's log groups, in days (a value CloudWatch Logs accepts, at least 7). */
  logRetentionDays?: number;
  /** Protect the data lake, the Glue catalog and the access-log groups (default true). */
  protectData?: boolean;
  /** Added to the physical names so several stacks can share an account and Region (e.g. the stack name). */
  nameScope?: string;
}

/**
 * API Gateway access logs → Firehose with the enricher → S3 data lake (Parquet) → Glue → Athena,
 * for programs in other languages: the same component the TypeScript program deploys.
 */
export class AccessLogPipeline extends pulumi.ComponentResource {
  /** The Firehose stream REST stages log to (amazon-apigateway-…). */
  public readonly restAccessLogDestinationArn: pulumi.Output<string>;
  /** Access-log format ($context JSON) for REST stages. */
  public readonly restAccessLogFormat: pulumi.Output<string>;
  /** Access-log format for HTTP API stages. */
  public readonly httpAccessLogFormat: pulumi.Output<string>;
  /** Access-log format for WebSocket API stages. */
  public readonly webSocketAccessLogFormat: pulumi.Output<string>;
  /** API name → log group ARN, for every stage that logs to CloudWatch Logs. */
  public readonly accessLogGroupArns: pulumi.Output<Record<string, string>>;
  /** The data-lake bucket. */
  public readonly dataLakeBucket: pulumi.Output<string>;
  /** The Glue database of the access-log table. */
  public readonly glueDatabase: pulumi.Output<string>;
  /** The Glue table of the enriched access logs. */
  public readonly glueTable: pulumi.Output<string>;
  /** The Athena workgroup for queries over the data lake. */
  public readonly athenaWorkgroup: pulumi.Output<string>;
  /** The REST stream's name, for the dashboard's pipeline health (UsageDashboard firehoseStreamName). */
  public readonly firehoseStreamName: pulumi.Output<string>;
  /** The stream the access-log groups feed (apigateway-…-cwlogs); absent without a CloudWatch-delivered API. */
  public readonly cloudWatchLogsStreamName?: pulumi.Output<string>;
  /** The enricher function's name (UsageDashboard enricherFunctionName). */
  public readonly enricherFunctionName: pulumi.Output<string>;
  /** The enricher's log group (UsageDashboard enricherLogGroupName). */
  public readonly enricherLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: AccessLogPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:AccessLogPipeline", name, args, opts);
    const apis = (args.apis ?? []).map((api, i) => {
      if (!(API_TYPES as readonly string[]).includes(api.type)) {
        throw new Error(`AccessLogPipeline ${name}: apis[${i}].type must be one of ${API_TYPES.join(", ")}, got ${JSON.stringify(api.type)}`);
      }
      if (api.delivery !== undefined && api.delivery !== "firehose" && api.delivery !== "cloudwatch") {
        throw new Error(`AccessLogPipeline ${name}: apis[${i}].delivery must be firehose or cloudwatch, got ${JSON.stringify(api.delivery)}`);
      }
      return { ...api, type: api.type as ApiType, ...(api.delivery ? { delivery: api.delivery as AccessLogApi["delivery"] } : {}) } as AccessLogApi & { apiId: pulumi.Input<string> };
    });
    const pipeline = new Pipeline(
      name,
      {
        apis,
        ...(args.kmsKeyArn !== undefined ? { kmsKeyArn: args.kmsKeyArn } : {}),
        ...(args.logRetentionDays !== undefined ? { logRetentionDays: args.logRetentionDays } : {}),
        ...(args.protectData !== undefined ? { protectData: args.protectData } : {}),
        ...(args.nameScope !== undefined ? { nameScope: args.nameScope } : {}),
      },
      { parent: this },
    );
    this.restAccessLogDestinationArn = pipeline.restAccessLogDestinationArn;
    this.restAccessLogFormat = pulumi.output(pipeline.restAccessLogFormat);
    this.httpAccessLogFormat = pulumi.output(pipeline.httpAccessLogFormat);
    this.webSocketAccessLogFormat = pulumi.output(pipeline.webSocketAccessLogFormat);
    this.accessLogGroupArns = pipeline.accessLogGroupArns;
    this.dataLakeBucket = pipeline.dataLakeBucket;
    this.glueDatabase = pipeline.glueDatabase;
    this.glueTable = pipeline.glueTable;
    this.athenaWorkgroup = pipeline.athenaWorkgroup;
    this.firehoseStreamName = pipeline.firehoseStreamName;
    this.cloudWatchLogsStreamName = pipeline.cloudWatchLogsStreamName;
    this.enricherFunctionName = pipeline.enricherFunctionName;
    this.enricherLogGroupName = pipeline.enricherLogGroupName;
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
      firehoseStreamName: this.firehoseStreamName,
      cloudWatchLogsStreamName: this.cloudWatchLogsStreamName,
      enricherFunctionName: this.enricherFunctionName,
      enricherLogGroupName: this.enricherLogGroupName,
    });
  }
}

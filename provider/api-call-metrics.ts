import * as pulumi from "@pulumi/pulumi";
import { ApiCallMetrics as Metrics, type ApiCallMetricsArgs as MetricsArgs } from "../components/api-call-metrics";

/** The API-call metrics' settings a program in another language gives (checked at construction). */
export interface ApiCallMetricsArgs {
  /** Count the events of a trail that already delivers to this log group instead of creating a trail. */
  existingLogGroupName?: pulumi.Input<string>;
  /** CloudWatch namespace of the counts (default ApiUsage/CloudTrail). */
  namespace?: string;
  /** Metric name of the counts (default CallCount). */
  metricName?: string;
  /** Dimension sets, each a list of EventSource, EventName, Region, Account, ErrorCode, IdentityType, ReadOnly; [] is the total. */
  dimensionSets?: string[][];
  /** Count only these CloudTrail event sources (e.g. s3.amazonaws.com); empty counts all. */
  includeEventSources?: string[];
  /** Never count these event sources. */
  excludeEventSources?: string[];
  /** Which management events the trail records: All, ReadOnly or WriteOnly. */
  readWriteType?: string;
  /** Data-event types the trail records (AWS::S3::Object, AWS::Lambda::Function, AWS::DynamoDB::Table). */
  dataEvents?: string[];
  /** Days the trail's S3 copy is kept. */
  trailLogExpirationDays?: number;
  /** Retention of the trail's and the counter's log groups, in days. */
  logRetentionDays?: number;
  /** A customer-managed KMS key for the log group, the trail bucket and the queues. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Protect the trail, its key, bucket and log group (default true). */
  protectData?: boolean;
}

/** CloudTrail API-call counts as CloudWatch metrics, for programs in other languages. */
export class ApiCallMetrics extends pulumi.ComponentResource {
  /** The namespace the counts are published in. */
  public readonly metricNamespace: pulumi.Output<string>;
  /** The metric name of the counts. */
  public readonly metricName: pulumi.Output<string>;
  /** The counting function's name. */
  public readonly functionName: pulumi.Output<string>;
  /** The log group the counter reads. */
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: ApiCallMetricsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:ApiCallMetrics", name, args, opts);
    // The component's schema checks every value (enums, limits) and names the key it refuses.
    const metrics = new Metrics(name, args as MetricsArgs, { parent: this });
    this.metricNamespace = pulumi.output(metrics.metricNamespace);
    this.metricName = pulumi.output(metrics.metricName);
    this.functionName = metrics.functionName;
    this.logGroupName = metrics.logGroupName;
    this.registerOutputs({ metricNamespace: this.metricNamespace, metricName: this.metricName, functionName: this.functionName, logGroupName: this.logGroupName });
  }
}

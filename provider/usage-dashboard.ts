import * as pulumi from "@pulumi/pulumi";
import { UsageDashboard as Dashboard, type UsageDashboardArgs as DashboardArgs } from "../components/dashboard";

/** One API the dashboard watches. */
export interface DashboardApiInput {
  /** Short name used in widget titles and alarm names. */
  name: string;
  /** REST, HTTP or WEBSOCKET. */
  type: string;
  /** The API Gateway id (HTTP and WebSocket metrics are keyed by it). */
  apiId: pulumi.Input<string>;
  /** REST metrics are keyed by the API's name; defaults to name. */
  apiName?: pulumi.Input<string>;
  /** The stage, e.g. prod or $default. */
  stage: pulumi.Input<string>;
  /** The access-log group, when the stage logs to CloudWatch Logs (the pipeline's accessLogGroupArns holds its ARN). */
  logGroupName?: pulumi.Input<string>;
  /** Its ARN; derived from the name when omitted. */
  logGroupArn?: pulumi.Input<string>;
}

/** The api-call counter's metrics, to graph them. */
export interface ApiCallMetricsInput {
  /** The namespace the counts are published in. */
  namespace: pulumi.Input<string>;
  /** Their metric name (default CallCount). */
  metricName?: pulumi.Input<string>;
}

/** The data lake, for the exact distinct-users widget of Firehose-delivered APIs. */
export interface AthenaInput {
  /** The pipeline's Athena workgroup. */
  workgroup: pulumi.Input<string>;
  /** The pipeline's Glue database. */
  database: pulumi.Input<string>;
  /** The pipeline's Glue table. */
  table: pulumi.Input<string>;
  /** The workgroup's results bucket ARN. */
  resultsBucketArn: pulumi.Input<string>;
  /** The data-lake bucket ARN. */
  dataLakeBucketArn: pulumi.Input<string>;
}

/** Alarm thresholds and where alarms notify. */
export interface DashboardAlarmsInput {
  /** 5xx rate (%) per API that alarms (default 1). */
  serverErrorRatePercent?: number;
  /** 4xx rate (%) per API that alarms (default 10). */
  clientErrorRatePercent?: number;
  /** p90 latency (ms) per API that alarms (default 2000). */
  latencyP90Ms?: number;
  /** QUOTA_EXCEEDED responses per 5 minutes that alarm (REST and WebSocket; default 10). */
  quotaExceededPerPeriod?: number;
  /** 5-minute periods without requests before traffic-stopped alarms; 0 turns it off (default). */
  trafficStoppedPeriods?: number;
  /** SNS topic notified on ALARM and OK. */
  topicArn?: pulumi.Input<string>;
}

/** The dashboard's settings a program in another language gives (checked at construction). */
export interface UsageDashboardArgs {
  /** The APIs to watch. */
  apis: DashboardApiInput[];
  /** The pipeline's Firehose stream (amazon-apigateway-…). */
  firehoseStreamName?: pulumi.Input<string>;
  /** The pipeline's stream for access-log groups (apigateway-…-cwlogs). */
  cloudWatchLogsStreamName?: pulumi.Input<string>;
  /** The pipeline's enricher function. */
  enricherFunctionName?: pulumi.Input<string>;
  /** The enricher's log group. */
  enricherLogGroupName?: pulumi.Input<string>;
  /** Every function of the stack, for errors, throttles and duration. */
  functionNames?: pulumi.Input<string>[];
  /** The API-call metrics to graph. */
  apiCallMetrics?: ApiCallMetricsInput;
  /** The data lake. */
  athena?: AthenaInput;
  /** Alarm thresholds and topic. */
  alarms?: DashboardAlarmsInput;
  /** Retention of the widget functions' log groups, in days. */
  logRetentionDays?: number;
  /** A customer-managed KMS key for the widget functions' logs and environment. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Added to the dashboard's and the alarms' names (e.g. the stack name). */
  nameScope?: string;
}

/** The unified CloudWatch dashboard, its widget functions and alarms, for programs in other languages. */
export class UsageDashboard extends pulumi.ComponentResource {
  /** The dashboard's name. */
  public readonly dashboardName: pulumi.Output<string>;
  /** The dashboard's console URL. */
  public readonly dashboardUrl: pulumi.Output<string>;
  /** The custom-widget functions' ARNs. */
  public readonly widgetFunctionArns: pulumi.Output<string[]>;
  /** The managed policy a person needs to view the dashboard and run its widgets. */
  public readonly viewerPolicyArn: pulumi.Output<string>;

  constructor(name: string, args: UsageDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:UsageDashboard", name, args, opts);
    // The component checks every value (API types, thresholds) and names what it refuses.
    const dashboard = new Dashboard(name, args as DashboardArgs, { parent: this });
    this.dashboardName = dashboard.dashboardName;
    this.dashboardUrl = dashboard.dashboardUrl;
    this.widgetFunctionArns = dashboard.widgetFunctionArns;
    this.viewerPolicyArn = dashboard.viewerPolicyArn;
    this.registerOutputs({ dashboardName: this.dashboardName, dashboardUrl: this.dashboardUrl, widgetFunctionArns: this.widgetFunctionArns, viewerPolicyArn: this.viewerPolicyArn });
  }
}

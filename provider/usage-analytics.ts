import * as pulumi from "@pulumi/pulumi";
import { UsageAnalytics as Analytics, type UsageAnalyticsArgs as AnalyticsArgs } from "../components/quicksight";

/** When SPICE refreshes the dataset. */
export interface RefreshScheduleInput {
  /** HOURLY, DAILY (default) or WEEKLY. */
  interval?: string;
  /** HH:MM, 24-hour (default 03:00). */
  timeOfDay?: string;
  /** An IANA time zone (default UTC). */
  timezone?: string;
  /** WEEKLY only: MONDAY … SUNDAY. */
  dayOfWeek?: string;
}

/** The QuickSight assets' settings a program in another language gives (checked at construction). */
export interface UsageAnalyticsArgs {
  /** Glue database of the access-log pipeline. */
  glueDatabase: pulumi.Input<string>;
  /** Glue table of the access-log pipeline. */
  glueTable: pulumi.Input<string>;
  /** Athena workgroup the data source queries through. */
  athenaWorkgroup: pulumi.Input<string>;
  /** The data-lake bucket's ARN (QuickSight's service role must be allowed to read it). */
  dataLakeBucketArn: pulumi.Input<string>;
  /** The Athena results bucket's ARN (QuickSight's service role must be allowed to read and write it). */
  athenaResultsBucketArn: pulumi.Input<string>;
  /** Existing QuickSight users who own every asset. */
  adminUserNames?: string[];
  /** Existing QuickSight users who may view the dashboard. */
  readerUserNames?: string[];
  /** SPICE (default) or DIRECT_QUERY. */
  importMode?: string;
  /** SPICE refresh schedule. */
  refreshSchedule?: RefreshScheduleInput;
  /** Days of partitions the dataset reads (default 90). */
  lookbackDays?: number;
  /** QuickSight namespace of the groups (default "default"). */
  namespace?: string;
  /** Added to every QuickSight id (e.g. the stack name), so several stacks can share an account. */
  nameScope?: string;
}

/**
 * The QuickSight data source, dataset, analysis and dashboard, for programs in other languages. The
 * analysis and dashboard are @pulumi/aws-native resources (no dynamic resource): by default the
 * component creates their aws-native provider from the stack's `aws:` config (profile, credentials
 * file, one assumed role, default tags), in the AWS provider's Region, pinned to its account. A
 * program that gives the component an explicit AWS provider gives an aws-native provider beside it,
 * in the resource options' providers: `providers={"aws": aws_provider, "aws-native": native_provider}`
 * in Python, `pulumi.Providers(awsProvider, nativeProvider)` in Go.
 */
export class UsageAnalytics extends pulumi.ComponentResource {
  /** The QuickSight dashboard's id. */
  public readonly dashboardId: pulumi.Output<string>;
  /** The QuickSight dashboard's console URL. */
  public readonly dashboardUrl: pulumi.Output<string>;
  /** The dataset's id. */
  public readonly dataSetId: pulumi.Output<string>;

  constructor(name: string, args: UsageAnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:UsageAnalytics", name, args, opts);
    // The component's schema checks the enums, the schedule and the limits, naming what it refuses.
    const analytics = new Analytics(name, args as AnalyticsArgs, { parent: this });
    this.dashboardId = analytics.dashboardId;
    this.dashboardUrl = analytics.dashboardUrl;
    this.dataSetId = analytics.dataSetId;
    this.registerOutputs({ dashboardId: this.dashboardId, dashboardUrl: this.dashboardUrl, dataSetId: this.dataSetId });
  }
}

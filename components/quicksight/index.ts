import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildDatasetSql } from "./dataset-sql";
import { dataSetPermissions, dataSourcePermissions } from "./data-permissions";
import { type ImportMode, type RefreshScheduleSettings } from "./defaults";
import { buildAnalysisDefinition, buildDashboardDefinition } from "./definition";
import { QuickSightDefinition } from "./definition-resource";
import { connectionFromAwsConfig, type QuickSightConnection } from "./connection";
import { assetPermissions } from "./permissions";
import { USAGE_ANALYTICS_SCHEMA } from "./settings";
import { refreshScheduleInput } from "./schedule";

export { USAGE_ANALYTICS_DEFAULTS } from "./defaults";
export { ConnectionError, connectionFromAwsConfig, type AssumeRoleStep, type QuickSightConnection } from "./connection";
export type { DayOfWeek, ImportMode, RefreshInterval, RefreshScheduleSettings } from "./defaults";

export interface UsageAnalyticsArgs {
  /** Glue database of the access-log pipeline. */
  glueDatabase: pulumi.Input<string>;
  /** Glue table of the access-log pipeline. */
  glueTable: pulumi.Input<string>;
  /** Athena workgroup the data source queries through (its result location and limits apply). */
  athenaWorkgroup: pulumi.Input<string>;
  /** Bucket the Glue table reads; QuickSight's service role needs read access (a manual step). */
  dataLakeBucketArn: pulumi.Input<string>;
  /** The workgroup's result bucket; QuickSight's service role needs read/write access (a manual step). */
  athenaResultsBucketArn: pulumi.Input<string>;
  /** Existing QuickSight user names added to `<name>-admins` (owners of every asset). */
  adminUserNames?: string[];
  /** Existing QuickSight user names added to `<name>-readers` (viewers of the dashboard). */
  readerUserNames?: string[];
  /** Create `<name>-readers`; default: true when readerUserNames is not empty. */
  readersGroup?: boolean;
  /** Default SPICE. */
  importMode?: ImportMode;
  /** SPICE only; default daily at 03:00 UTC. */
  refreshSchedule?: Partial<RefreshScheduleSettings>;
  /** Days of partitions the dataset reads; default 90, or "all". */
  lookbackDays?: number | "all";
  /** QuickSight namespace of the groups; default "default". */
  namespace?: string;
  /** Default: the deploying account. */
  awsAccountId?: pulumi.Input<string>;
  /** Default: the provider's region. */
  region?: pulumi.Input<string>;
  /**
   * How the QuickSight definitions (a dynamic provider, outside the AWS provider) reach AWS. Default:
   * the stack's `aws:` config (profile, shared files, assume-role chain, endpoints); with an explicit
   * AWS provider in the options, that provider's profile. Give it when that provider assumes roles.
   */
  connection?: QuickSightConnection;
  /** Added to every QuickSight id and group name (<name>-<scope>-…) so several stacks can share an account; the program passes the stack name. */
  nameScope?: string;
}

/** What QuickSight's service role must be allowed to read, set in the QuickSight console. */
export interface QuickSightServiceAccess {
  readonly s3BucketArns: string[];
  readonly athenaWorkgroup: string;
}

const QUICKSIGHT_ID = /^[\w-]{1,100}$/;

/**
 * The API usage business dashboard in QuickSight: admin and reader groups, an Athena data source on
 * the access-log workgroup, a custom-SQL dataset over the Glue table, a SPICE refresh schedule, and
 * the analysis and dashboard deployed from their full Definition.
 */
export class UsageAnalytics extends pulumi.ComponentResource {
  readonly adminsGroup: aws.quicksight.Group;
  readonly readersGroup?: aws.quicksight.Group;
  readonly dataSource: aws.quicksight.DataSource;
  readonly dataSet: aws.quicksight.DataSet;
  readonly refreshSchedule?: aws.quicksight.RefreshSchedule;
  readonly analysis: QuickSightDefinition;
  readonly dashboard: QuickSightDefinition;

  readonly adminsGroupArn: pulumi.Output<string>;
  readonly readersGroupArn?: pulumi.Output<string>;
  readonly dataSetId: pulumi.Output<string>;
  readonly analysisId: pulumi.Output<string>;
  readonly dashboardId: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;
  /** The one manual step, as data: what to tick under QuickSight's "AWS resources" settings. */
  readonly serviceAccess: pulumi.Output<QuickSightServiceAccess>;

  constructor(name: string, args: UsageAnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before registering anything, so bad args leave no half-declared component.
    const s = validate(name, args);
    super("api-usage:quicksight:UsageAnalytics", name, {}, opts);
    const parent = { parent: this };
    const awsAccountId = args.awsAccountId ?? aws.getCallerIdentityOutput({}, parent).accountId;
    const region = args.region ?? aws.getRegionOutput({}, parent).region;
    const placed = { awsAccountId, ...(args.region === undefined ? {} : { region: args.region }) };
    const connection = args.connection ?? stackConnection(opts);
    // Physical ids carry the name scope (several stacks in one account and Region); resource names do not, so URNs stay.
    const id = args.nameScope ? `${name}-${args.nameScope}` : name;

    this.adminsGroup = this.group(`${name}-admins`, `${id}-admins`, "Owners of the API usage data source, dataset, analysis and dashboard", s.admins, placed, s.namespace);
    if (s.readersGroup) {
      this.readersGroup = this.group(`${name}-readers`, `${id}-readers`, "Viewers of the API usage dashboard", s.readers, placed, s.namespace);
    }
    const owners = [this.adminsGroup.arn];
    const readers = this.readersGroup ? [this.readersGroup.arn] : [];

    this.dataSource = new aws.quicksight.DataSource(
      `${name}-athena`,
      {
        ...placed,
        dataSourceId: `${id}-athena`,
        name: `${name} access logs (Athena)`,
        type: "ATHENA",
        parameters: { athena: { workGroup: args.athenaWorkgroup } },
        sslProperties: { disableSsl: false },
        permissions: dataSourcePermissions(owners),
      },
      parent,
    );

    const sql = pulumi
      .all([args.glueDatabase, args.glueTable])
      .apply(([database, table]) => buildDatasetSql({ database, table, lookbackDays: s.lookbackDays }));
    this.dataSet = new aws.quicksight.DataSet(
      `${name}-dataset`,
      {
        ...placed,
        dataSetId: `${id}-dataset`,
        name: `${name} access logs`,
        importMode: s.importMode,
        physicalTableMaps: [
          {
            physicalTableMapId: "access-logs",
            customSql: {
              dataSourceArn: this.dataSource.arn,
              name: "access_logs",
              sqlQuery: sql.sql,
              columns: sql.columns.apply((columns) => columns.map((c) => ({ name: c.name, type: c.type }))),
            },
          },
        ],
        permissions: dataSetPermissions(owners),
      },
      parent,
    );

    if (s.importMode === "SPICE") {
      this.refreshSchedule = new aws.quicksight.RefreshSchedule(
        `${name}-refresh`,
        { ...placed, dataSetId: this.dataSet.dataSetId, scheduleId: `${id}-refresh`, schedule: s.schedule },
        parent,
      );
    }

    // The definitions name the dataset by ARN, so they are built once it is known.
    const afterDataSet = { parent: this, dependsOn: [this.dataSet] };
    this.analysis = new QuickSightDefinition(
      `${name}-analysis`,
      {
        kind: "analysis",
        awsAccountId,
        region,
        assetId: `${id}-analysis`,
        name: `${name} API usage`,
        definition: this.dataSet.arn.apply((dataSetArn) => buildAnalysisDefinition({ dataSetArn })),
        permissions: pulumi.all(owners).apply((o) => assetPermissions("analysis", o)),
        connection,
      },
      afterDataSet,
    );
    this.dashboard = new QuickSightDefinition(
      `${name}-dashboard`,
      {
        kind: "dashboard",
        awsAccountId,
        region,
        assetId: `${id}-dashboard`,
        name: `${name} API usage`,
        definition: this.dataSet.arn.apply((dataSetArn) => buildDashboardDefinition({ dataSetArn })),
        permissions: pulumi.all([pulumi.all(owners), pulumi.all(readers)]).apply(([o, r]) => assetPermissions("dashboard", o, r)),
        connection,
      },
      afterDataSet,
    );

    this.adminsGroupArn = this.adminsGroup.arn;
    this.readersGroupArn = this.readersGroup?.arn;
    this.dataSetId = this.dataSet.dataSetId;
    this.analysisId = this.analysis.assetId;
    this.dashboardId = this.dashboard.assetId;
    this.dashboardUrl = pulumi.interpolate`https://${region}.quicksight.aws.amazon.com/sn/dashboards/${this.dashboardId}`;
    this.serviceAccess = pulumi
      .all([args.dataLakeBucketArn, args.athenaResultsBucketArn, args.athenaWorkgroup])
      .apply(([lake, results, athenaWorkgroup]) => ({ s3BucketArns: [lake, results], athenaWorkgroup }));

    this.registerOutputs({
      adminsGroupArn: this.adminsGroupArn,
      readersGroupArn: this.readersGroupArn,
      dataSetId: this.dataSetId,
      analysisId: this.analysisId,
      dashboardId: this.dashboardId,
      dashboardUrl: this.dashboardUrl,
      serviceAccess: this.serviceAccess,
    });
  }

  /** A group and one membership per user name. */
  private group(
    resourceName: string,
    groupName: string,
    description: string,
    members: readonly string[],
    placed: { awsAccountId: pulumi.Input<string>; region?: pulumi.Input<string> },
    namespace: string,
  ): aws.quicksight.Group {
    const group = new aws.quicksight.Group(resourceName, { ...placed, groupName, namespace, description }, { parent: this });
    for (const memberName of members) {
      new aws.quicksight.GroupMembership(`${resourceName}-${memberName}`, { ...placed, groupName: group.groupName, memberName, namespace }, { parent: this });
    }
    return group;
  }
}

/** The AWS provider the component's children use: an explicit one from the options, else the stack's `aws:` config. */
function stackConnection(opts: pulumi.ComponentResourceOptions | undefined): pulumi.Input<QuickSightConnection> {
  const providers = opts?.providers;
  const explicit = opts?.provider ?? (Array.isArray(providers) ? providers.find((p) => p instanceof aws.Provider) : (providers as Record<string, pulumi.ProviderResource> | undefined)?.aws);
  if (explicit instanceof aws.Provider) return explicit.profile.apply((profile): QuickSightConnection => (profile ? { profile } : {}));
  const config = new pulumi.Config("aws");
  return connectionFromAwsConfig((key) => config.get(key));
}

interface Settings {
  readonly admins: readonly string[];
  readonly readers: readonly string[];
  readonly readersGroup: boolean;
  readonly importMode: ImportMode;
  readonly schedule: aws.types.input.quicksight.RefreshScheduleSchedule;
  readonly lookbackDays: number | "all";
  readonly namespace: string;
}

function validate(name: string, args: UsageAnalyticsArgs): Settings {
  if (!QUICKSIGHT_ID.test(name)) {
    throw new Error(`UsageAnalytics name is ${JSON.stringify(name)}; expected 1-100 letters, digits, '_' or '-' (it prefixes QuickSight ids)`);
  }
  const s = USAGE_ANALYTICS_SCHEMA.resolve(`UsageAnalytics ${name}`, {
    importMode: args.importMode,
    // DIRECT_QUERY datasets are not refreshed: a schedule given with it is ignored.
    refreshSchedule: args.importMode === "DIRECT_QUERY" ? undefined : args.refreshSchedule,
    lookbackDays: args.lookbackDays === "all" ? undefined : args.lookbackDays,
    namespace: args.namespace,
    adminUserNames: args.adminUserNames,
    readerUserNames: args.readerUserNames,
    readersGroup: args.readersGroup,
  });
  const readersGroup = s.readersGroup ?? s.readerUserNames.length > 0;
  const lookbackDays = args.lookbackDays === "all" ? "all" : s.lookbackDays;
  return {
    admins: s.adminUserNames,
    readers: s.readerUserNames,
    readersGroup,
    importMode: s.importMode,
    schedule: refreshScheduleInput(s.refreshSchedule),
    lookbackDays,
    namespace: s.namespace,
  };
}


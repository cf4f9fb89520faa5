import * as pulumi from "@pulumi/pulumi";
import * as aws from "../shared/aws";
import * as awsNative from "../shared/aws-native";
import { buildDatasetSql } from "./dataset-sql";
import { dataSetPermissions, dataSourcePermissions } from "./data-permissions";
import { type ImportMode, type RefreshScheduleSettings } from "./defaults";
import { buildAnalysisDefinition, buildDashboardDefinition } from "./definition";
import { connectionFromAwsConfig, type QuickSightConnection } from "./connection";
import { nativeAnalysisDefinition, nativeDashboardDefinition } from "./native-definition";
import { nativeProviderArgs, nativeProviderSettings } from "./native-provider";
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
  /** Default: the AWS provider's region (the aws-native provider the component creates uses it too). */
  region?: pulumi.Input<string>;
  /**
   * How the analysis and dashboard (aws-native resources, outside the AWS provider) reach AWS: the
   * settings of the aws-native provider the component creates. Default: the stack's `aws:` config
   * (profile, shared credentials file, assumed role, default tags). Give it, or an aws-native
   * provider in the options' `providers`, when the component is given an explicit AWS provider.
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
 * the analysis and dashboard from their full Definition, as @pulumi/aws-native resources (Cloud
 * Control) on an aws-native provider configured like the AWS one.
 */
export class UsageAnalytics extends pulumi.ComponentResource {
  readonly adminsGroup: aws.quicksight.Group;
  readonly readersGroup?: aws.quicksight.Group;
  readonly dataSource: aws.quicksight.DataSource;
  readonly dataSet: aws.quicksight.DataSet;
  readonly refreshSchedule?: aws.quicksight.RefreshSchedule;
  readonly analysis: awsNative.quicksight.Analysis;
  readonly dashboard: awsNative.quicksight.Dashboard;

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
    const settings = validate(name, args);
    const givenNativeProvider = providerIn(opts, "aws-native");
    const native = givenNativeProvider ? { provider: givenNativeProvider } : { settings: nativeProviderSettings(args.connection ?? stackConnection(name, opts)) };
    super("api-usage:quicksight:UsageAnalytics", name, {}, opts);
    const parent = { parent: this };
    const awsAccountId = args.awsAccountId ?? aws.getCallerIdentityOutput({}, parent).accountId;
    const region = args.region ?? aws.getRegionOutput({}, parent).region;
    const placed = { awsAccountId, ...(args.region === undefined ? {} : { region: args.region }) };
    // Physical ids carry the name scope (several stacks in one account and Region); resource names do not, so URNs stay.
    const id = args.nameScope ? `${name}-${args.nameScope}` : name;

    this.adminsGroup = this.group(`${name}-admins`, `${id}-admins`, "Owners of the API usage data source, dataset, analysis and dashboard", settings.admins, placed, settings.namespace);
    if (settings.readersGroup) {
      this.readersGroup = this.group(`${name}-readers`, `${id}-readers`, "Viewers of the API usage dashboard", settings.readers, placed, settings.namespace);
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
      .apply(([database, table]) => buildDatasetSql({ database, table, lookbackDays: settings.lookbackDays }));
    this.dataSet = new aws.quicksight.DataSet(
      `${name}-dataset`,
      {
        ...placed,
        dataSetId: `${id}-dataset`,
        name: `${name} access logs`,
        importMode: settings.importMode,
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

    if (settings.importMode === "SPICE") {
      this.refreshSchedule = new aws.quicksight.RefreshSchedule(
        `${name}-refresh`,
        { ...placed, dataSetId: this.dataSet.dataSetId, scheduleId: `${id}-refresh`, schedule: settings.schedule },
        parent,
      );
    }

    // The provider's name is part of the analysis' and dashboard's state: renaming it replaces them.
    const nativeProvider = "provider" in native ? native.provider : new awsNative.Provider(`${name}-aws-native`, nativeProviderArgs(native.settings, region, awsAccountId), parent);
    const assetOptions: pulumi.CustomResourceOptions = {
      parent: this,
      provider: nativeProvider,
      // The definitions name the dataset by ARN, so they are built once it is known.
      dependsOn: [this.dataSet],
      // The ids are fixed (create-only), so a replacement must delete the old asset before creating its successor.
      deleteBeforeReplace: true,
      // Up to 0.2.x a Node.js dynamic resource deployed them: the alias makes the switch a replacement of the same asset.
      aliases: [{ type: LEGACY_DEFINITION_TYPE }],
    };
    this.analysis = new awsNative.quicksight.Analysis(
      `${name}-analysis`,
      {
        awsAccountId,
        analysisId: `${id}-analysis`,
        name: `${name} API usage`,
        definition: this.dataSet.arn.apply((dataSetArn) => nativeAnalysisDefinition(buildAnalysisDefinition({ dataSetArn }))),
        permissions: pulumi.all(owners).apply((o) => assetPermissions("analysis", o)),
        validationStrategy: { mode: "STRICT" },
      },
      assetOptions,
    );
    this.dashboard = new awsNative.quicksight.Dashboard(
      `${name}-dashboard`,
      {
        awsAccountId,
        dashboardId: `${id}-dashboard`,
        name: `${name} API usage`,
        definition: this.dataSet.arn.apply((dataSetArn) => nativeDashboardDefinition(buildDashboardDefinition({ dataSetArn }))),
        permissions: pulumi.all([pulumi.all(owners), pulumi.all(readers)]).apply(([o, r]) => assetPermissions("dashboard", o, r)),
        validationStrategy: { mode: "STRICT" },
      },
      assetOptions,
    );

    this.adminsGroupArn = this.adminsGroup.arn;
    this.readersGroupArn = this.readersGroup?.arn;
    this.dataSetId = this.dataSet.dataSetId;
    this.analysisId = this.analysis.analysisId;
    this.dashboardId = this.dashboard.dashboardId;
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

/** The type the analysis and dashboard had as Node.js dynamic resources, up to 0.2.x. */
const LEGACY_DEFINITION_TYPE = "pulumi-nodejs:dynamic/quicksight:QuickSightDefinition";

/**
 * The provider of a package the options give, directly or through the parent's providers. `isInstance`
 * reads the provider's type token, so it also knows a provider a program in another language passed
 * to the component package (a reference, not an instance of the class).
 */
function providerIn(opts: pulumi.ComponentResourceOptions | undefined, pkg: keyof typeof IS_PROVIDER): pulumi.ProviderResource | undefined {
  const providers = opts?.providers;
  const given = [
    ...(opts?.provider ? [opts.provider] : []),
    ...(Array.isArray(providers) ? providers : Object.values((providers ?? {}) as Record<string, pulumi.ProviderResource>)),
  ];
  return given.find((p) => IS_PROVIDER[pkg](p)) ?? opts?.parent?.getProvider(`${pkg}::`);
}

const IS_PROVIDER = { aws: (p: unknown) => aws.Provider.isInstance(p), "aws-native": (p: unknown) => awsNative.Provider.isInstance(p) };

/**
 * The stack's `aws:` config, which the default AWS provider also reads. With an explicit AWS provider
 * that config is not what the component's AWS resources use, and aws-native cannot read that
 * provider's settings (a provider resource shows a program neither its assume-role chain nor its
 * shared files): the caller says how instead.
 */
function stackConnection(name: string, opts: pulumi.ComponentResourceOptions | undefined): QuickSightConnection {
  if (providerIn(opts, "aws")) {
    throw new Error(
      `UsageAnalytics ${name} is given an explicit AWS provider but no aws-native provider: the QuickSight analysis and dashboard are aws-native resources, ` +
        `which cannot read the AWS provider's settings; pass an aws-native provider configured like it in providers ("aws-native"), or its settings as args.connection`,
    );
  }
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
  const resolved = USAGE_ANALYTICS_SCHEMA.resolve(`UsageAnalytics ${name}`, {
    importMode: args.importMode,
    // DIRECT_QUERY datasets are not refreshed: a schedule given with it is ignored.
    refreshSchedule: args.importMode === "DIRECT_QUERY" ? undefined : args.refreshSchedule,
    lookbackDays: args.lookbackDays === "all" ? undefined : args.lookbackDays,
    namespace: args.namespace,
    adminUserNames: args.adminUserNames,
    readerUserNames: args.readerUserNames,
    readersGroup: args.readersGroup,
  });
  const readersGroup = resolved.readersGroup ?? resolved.readerUserNames.length > 0;
  const lookbackDays = args.lookbackDays === "all" ? "all" : resolved.lookbackDays;
  return {
    admins: resolved.adminUserNames,
    readers: resolved.readerUserNames,
    readersGroup,
    importMode: resolved.importMode,
    schedule: refreshScheduleInput(resolved.refreshSchedule),
    lookbackDays,
    namespace: resolved.namespace,
  };
}

